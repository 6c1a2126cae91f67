import type { DeskDatabase } from '../../db';
import { parseMarking } from '../../common/classification';
import type { WorkstationStatus } from '../../common/workstation';

export interface WorkstationService {
  status(): WorkstationStatus;
}

export function createWorkstationService(db: DeskDatabase, appVersion: string): WorkstationService {
  return {
    status: () => {
      const row = db.workstation.get();
      if (row === undefined) {
        // openWorkspace only hands out services for an initialised data dir.
        throw new Error('The workstation row is missing from an opened workspace.');
      }
      return {
        classification: parseMarking(row.classification),
        initialisedAt: row.createdAt,
        initialisedByVersion: row.createdByVersion,
        appVersion,
      };
    },
  };
}
