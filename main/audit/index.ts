export {
  AUDIT_EVENT_KINDS,
  AUDIT_PAGE_MAX,
  AuditEventSchema,
  AuditPageSchema,
  type AuditEvent,
  type AuditEventKind,
  type AuditPage,
} from '../../common/audit';
export { createAuditLog, type AuditEventInput, type AuditLog } from './audit-log';
