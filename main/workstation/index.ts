export * from '../../common/workstation';
export { createWorkstationService, type WorkstationService } from './workstation-service';
