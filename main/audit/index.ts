export * from '../../common/audit';
export { createAuditLog, type AuditEventInput, type AuditLog } from './audit-log';
