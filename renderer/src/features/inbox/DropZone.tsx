import { useState, type DragEvent, type ReactNode } from 'react';
import { registerDroppedFiles } from '../../desk';
import styles from './Inbox.module.css';

/** Files dropped anywhere on the Inbox: the paths of the .evbundle ones, and how many were not. */
export function DropZone({
  disabled,
  onBundles,
  onNoBundles,
  children,
}: {
  readonly disabled: boolean;
  readonly onBundles: (paths: string[], skipped: number) => void;
  /** No bundle among the dropped files; `reason` if the drop itself failed. */
  readonly onNoBundles: (reason?: string) => void;
  readonly children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const files = [...event.dataTransfer.files];
    // Main accepts a dropped path only once the preload has registered it from the File.
    void registerDroppedFiles(files).then(
      (paths) => {
        const bundles = paths.filter((path) => path.toLowerCase().endsWith('.evbundle'));
        if (bundles.length === 0) onNoBundles();
        else onBundles(bundles, files.length - bundles.length);
      },
      (error: unknown) => {
        onNoBundles(error instanceof Error ? error.message : undefined);
      },
    );
  };
  return (
    <div
      role="group"
      aria-label="Result bundles: drop .evbundle files here to import them"
      className={dragging ? styles.dropping : styles.dropZone}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => {
        setDragging(false);
      }}
      onDrop={onDrop}
    >
      {children}
    </div>
  );
}
