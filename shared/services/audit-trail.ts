import type { AuditRecord } from '../domain/audit.js';
import type { AuditReader } from '../ports/audit-log.js';

/** The default range of the trail's routes: the last 30 days. */
const DEFAULT_DAYS = 30;

/**
 * A page of the trail, newest first. `withoutStaff`: a customer's view, where an operator or machine is named by its
 * kind only (who at the supplier acted is the supplier's to tell).
 */
export async function auditPage(
  reader: AuditReader,
  query: { from?: number; to?: number; smartMeterId?: string; actor?: string; limit: number; after?: string },
  now: number,
  withoutStaff = false,
): Promise<{ records: AuditRecord[]; next?: string }> {
  const to = query.to ?? now + 1;
  const from = query.from ?? Math.max(0, to - DEFAULT_DAYS * 86_400);
  const page = await reader.page({ ...query, from, to });
  return { records: page.records.map((record) => (withoutStaff ? customerView(record) : record)), next: page.next };
}

function customerView(record: AuditRecord): AuditRecord {
  return record.actor.kind === 'customer' ? record : { ...record, actor: { kind: record.actor.kind } };
}
