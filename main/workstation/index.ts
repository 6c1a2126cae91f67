export {
  createWorkstationService,
  type WorkstationService,
  type WorkstationStatus,
} from './workstation-service';
