import { useState, type DragEvent, type ReactNode } from 'react';
import { pathForDroppedFile } from '../../desk';
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
  readonly onNoBundles: () => void;
  readonly children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const files = [...event.dataTransfer.files];
    const bundles = files
      .map((file) => pathForDroppedFile(file))
      .filter((path) => path.toLowerCase().endsWith('.evbundle'));
    if (bundles.length === 0) onNoBundles();
    else onBundles(bundles, files.length - bundles.length);
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
