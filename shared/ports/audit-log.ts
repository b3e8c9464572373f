import type { AuditRecord } from '../domain/audit.js';

/** The audit trail's one write: append a record; a record is never changed or removed. */
export interface AuditLog {
  append(record: AuditRecord): Promise<void>;
}

/** A page of records, newest first; `next` (opaque) continues after it. */
export interface AuditPage {
  records: AuditRecord[];
  next?: string;
}

export interface AuditQuery {
  /** Epoch seconds: from inclusive, to exclusive. */
  from: number;
  to: number;
  smartMeterId?: string;
  /** A `sub`, a machine client's id or a meter's id. */
  actor?: string;
  limit: number;
  after?: string;
}

export interface AuditReader {
  page(query: AuditQuery): Promise<AuditPage>;
}
