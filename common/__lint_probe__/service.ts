import { createAuditLog } from '../../main/audit';
export const a = createAuditLog;
