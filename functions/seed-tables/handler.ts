import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { parseCatalogue } from '../../shared/domain/price-plan-catalogue.js';
import { log } from '../../shared/observability/log.js';
import { accountsStore, pricePlansStore } from '../../shared/runtime.js';
import { seedTables, type SeedTablesDeps } from './use-case.js';

/** What the stack passes the custom resource (CloudFormation hands every property over as a string). */
export interface SeedTablesProperties {
  /** The stage's catalogue, as JSON (validated at synth). */
  catalogue: string;
  demoAccounts: 'true' | 'false';
}

/** The one physical id: the seed is one thing per stack, so an update never makes CloudFormation delete "the old one". */
export const SEED_PHYSICAL_ID = 'seed-tables';

/**
 * The stack's seed custom resource (CloudFormation invokes it on create, update and delete). Create and update seed
 * what is missing (never overwriting); delete leaves the data alone (the tables are retained). It answers
 * CloudFormation at the event's pre-signed URL, FAILED with the reason when seeding failed, so a deploy never hangs.
 */
export function seedTablesHandler(deps: () => SeedTablesDeps, send: typeof fetch = fetch) {
  return async (event: CloudFormationCustomResourceEvent): Promise<void> => {
    let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
    let reason = 'seeded';
    let data: Record<string, string> = {};
    try {
      if (event.RequestType !== 'Delete') {
        const properties = event.ResourceProperties as unknown as SeedTablesProperties;
        const catalogue = parseCatalogue(JSON.parse(properties.catalogue), 'the catalogue');
        const result = await seedTables(deps(), { catalogue, demoAccounts: properties.demoAccounts === 'true' });
        data = { catalogueSeeded: String(result.catalogueSeeded), accountsCreated: result.accountsCreated.join(',') };
        reason = `catalogue ${result.catalogueSeeded ? 'seeded' : 'already there, kept'}; demo accounts created: ${result.accountsCreated.length}`;
        log('info', 'tables seeded', { ...data });
      }
    } catch (error) {
      status = 'FAILED';
      reason = `seeding failed: ${(error as Error).message}`.slice(0, 1000);
      log('error', 'seeding failed', { error: String(error) });
    }
    const body = JSON.stringify({
      Status: status,
      Reason: reason,
      PhysicalResourceId: SEED_PHYSICAL_ID,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      Data: data,
    });
    // The pre-signed URL takes a PUT with no content type (the signature covers none).
    const answer = await send(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) } });
    if (!answer.ok) throw new Error(`CloudFormation refused the answer: ${answer.status}`);
  };
}

export const handler = seedTablesHandler(() => ({ pricePlans: pricePlansStore(), accounts: accountsStore() }));
