export {
  createAuditLog,
  type AuditEvent,
  type AuditEventInput,
  type AuditEventKind,
  type AuditLog,
  type AuditPage,
} from './audit-log';
