/** The audit log: append-only, hash-chained, searchable by managers and administrators. */
export { appendAudit, recordAudit, type AuditEvent, type AuditStore } from './log';
export { verifyAuditChain, type ChainCheck } from './verify';
export { searchAudit } from './search';
