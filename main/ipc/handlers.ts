import type { Services } from '../workspace';
import type { Handlers } from './router';

/** Binds each channel to the service that answers it. No logic lives here. */
export function createHandlers(services: Services): Handlers {
  return {
    getWorkstationStatus: () => services.workstation.status(),
    listAuditEvents: ({ limit, beforeSeq }) => services.audit.page(limit, beforeSeq),
  };
}
