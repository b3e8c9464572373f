import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { operatorMfaGate } from '../../functions/operator-mfa-gate/handler.js';
import { authorize } from '../../shared/domain/authorization.js';
import { callerOfClaims } from '../../shared/http/caller.js';

/**
 * Cognito's V2_0 pre-token-generation event for a person in these groups, shaped as AWS documents it: the response
 * arrives as `claimsAndScopeOverrideDetails: null`, and `groupOverrideDetails` in it sets `cognito:groups` in the ID
 * and the access token alike (V1_0's `claimsOverrideDetails` reaches the ID token only).
 */
const event = (groups: string[]): PreTokenGenerationV2TriggerEvent =>
  ({
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-west-2',
    userPoolId: 'eu-west-2_pool',
    userName: 'ops-alice',
    callerContext: { awsSdkVersion: '', clientId: 'web' },
    request: { userAttributes: { email: 'alice@example.com' }, groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: null }, scopes: ['openid'] },
    response: { claimsAndScopeOverrideDetails: null },
  }) as unknown as PreTokenGenerationV2TriggerEvent;

/** The groups claim of the access token Cognito issues after the trigger answered (its documented V2_0 rule). */
const accessTokenGroups = (answered: PreTokenGenerationV2TriggerEvent) =>
  answered.response.claimsAndScopeOverrideDetails?.groupOverrideDetails?.groupsToOverride ?? answered.request.groupConfiguration.groupsToOverride;

describe('operators need MFA (the pre-token-generation trigger, V2_0)', () => {
  const lookups: string[] = [];
  const gate = (mfa: boolean | Error) =>
    operatorMfaGate(async (pool, user) => {
      lookups.push(`${pool}/${user}`);
      if (mfa instanceof Error) throw mfa;
      return mfa;
    });
  const groupsAfter = async (groups: string[], mfa: boolean | Error) => accessTokenGroups(await gate(mfa)(event(groups)));

  it('is the V2_0 event on an Essentials pool: the only version whose group override reaches the access token', () => {
    const stack = readFileSync('infra/joi-energy-stack.ts', 'utf8');
    expect(stack).toContain('UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, mfaGate, LambdaVersion.V2_0');
    expect(stack).toContain('featurePlan: FeaturePlan.ESSENTIALS');
  });

  it('keeps the operators group for an operator with MFA set up, looking the user up in their pool', async () => {
    lookups.length = 0;
    expect(await groupsAfter(['operators', 'support'], true)).toEqual(['operators', 'support']);
    expect(lookups).toEqual(['eu-west-2_pool/ops-alice']);
  });

  it('drops it (only it) without MFA, and when the lookup fails: sign-in goes on with customer rights', async () => {
    expect(await groupsAfter(['operators', 'support'], false)).toEqual(['support']);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await groupsAfter(['operators'], new Error('throttled'))).toEqual([]);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('operator rights withheld'), error: 'Error: throttled' }));
    logged.mockRestore();
  });

  it('keeps what else the response overrides (claims, scopes)', async () => {
    const withClaims = event(['operators']);
    withClaims.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { scopesToSuppress: ['x'] } };
    const after = await gate(false)(withClaims);
    expect(after.response.claimsAndScopeOverrideDetails).toEqual({ accessTokenGeneration: { scopesToSuppress: ['x'] }, groupOverrideDetails: { groupsToOverride: [] } });
  });

  it('costs customers nothing: no lookup, no override', async () => {
    lookups.length = 0;
    const after = await gate(false)(event([]));
    expect(after.response.claimsAndScopeOverrideDetails).toBeNull();
    expect(lookups).toEqual([]);
  });

  it("turns such a token into a customer's: every operator-only route answers 403", async () => {
    const withoutMfa = await groupsAfter(['operators'], false);
    const caller = callerOfClaims({ token_use: 'access', sub: 'ops-alice-sub', username: 'ops-alice', client_id: 'web', 'cognito:groups': withoutMfa });
    expect(caller).toEqual({ kind: 'customer', sub: 'ops-alice-sub' });
    expect(() => authorize({ audiences: ['operator'] }, caller, {})).toThrow('a customer may not call this endpoint');
  });
});

describe('machine clients (client-credentials tokens)', () => {
  const machineToken = (scope: string) => ({ token_use: 'access', sub: 'client-123', client_id: 'client-123', scope });

  it('are machines with the API scopes of their token, and nothing else of the scope claim', () => {
    expect(callerOfClaims(machineToken('joi-energy/prices.publish joi-energy/unknown other/meters.manage'))).toEqual({ kind: 'machine', clientId: 'client-123', scopes: ['prices.publish'] });
  });

  it("are not a person's token: a person's has a username (and its sub is not the client id)", () => {
    expect(callerOfClaims({ ...machineToken('joi-energy/prices.publish'), username: 'x' }).kind).toBe('customer');
    expect(callerOfClaims({ ...machineToken('joi-energy/prices.publish'), client_id: 'web' }).kind).toBe('customer');
  });

  it('may call a route only with one of the scopes it admits, then as an operator would (any meter, operator-only fields)', () => {
    const rule = { audiences: ['customer', 'operator'] as const, meterFrom: 'path' as const, operatorOnlyFields: ['from'], scopes: ['meters.manage'] as const };
    const manager = callerOfClaims(machineToken('joi-energy/meters.manage'));
    expect(() => authorize(rule, manager, { smartMeterId: 'm', bodyFields: ['from'], owner: 'someone' })).not.toThrow();
    const publisher = callerOfClaims(machineToken('joi-energy/prices.publish'));
    expect(() => authorize(rule, publisher, { smartMeterId: 'm' })).toThrow('needs the scope joi-energy/meters.manage');
    expect(() => authorize({ audiences: ['operator'] }, manager, {})).toThrow('a machine client may not call this endpoint');
  });
});
