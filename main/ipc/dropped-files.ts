/**
 * Paths the renderer may import: those the preload read from files the user dropped
 * (registerDrop). A compromised page can call importBundles with any string, so a path
 * that was not dropped is refused before anything opens it; the file dialog's choices never
 * pass through the renderer at all. Each registration is good for one import.
 */
import path from 'node:path';
import { DeskError } from '../../common/errors';
import { printable } from '../../common/text';

/** Drops not yet imported are forgotten, oldest first, past this many. */
const REMEMBERED_MAX = 1000;

export interface DroppedFiles {
  register(paths: readonly string[]): void;
  /** Takes every one of `paths` out of the record, or refuses all if one was not dropped. */
  claim(paths: readonly string[]): void;
}

export function droppedFiles(): DroppedFiles {
  const remembered = new Set<string>();
  return {
    register: (paths) => {
      for (const file of paths) {
        remembered.delete(file);
        remembered.add(file);
      }
      for (const oldest of remembered) {
        if (remembered.size <= REMEMBERED_MAX) break;
        remembered.delete(oldest);
      }
    },
    claim: (paths) => {
      const stranger = paths.find((file) => !remembered.has(file));
      if (stranger !== undefined) {
        throw new DeskError(
          'FORBIDDEN',
          `"${printable(path.basename(stranger))}" was neither chosen in the file dialog nor dropped on the window, so it cannot be imported. Nothing was imported.`,
        );
      }
      for (const file of paths) remembered.delete(file);
    },
  };
}
