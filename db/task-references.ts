import type Database from 'better-sqlite3';

/** One signed version of a task reference, as stored (0014). */
export interface TaskReferenceVersionRow {
  readonly referenceId: string;
  readonly version: number;
  /** The canonical JSON of the document, exactly as signed. */
  readonly document: string;
  readonly digest: string;
  readonly signerKeyid: string;
  /** The DSSE signature, standard base64 of 64 bytes. */
  readonly signature: string;
  readonly importedAt: string;
}

/** One task of one benchmark of a version: the queryable copy of the signed document. */
export interface TaskReferenceTaskRow {
  readonly benchmark: string;
  readonly taskId: string;
  readonly minutes: number;
  readonly family: string;
  readonly source: string;
}

/** Task references: versions are written once with their task rows, and never changed. */
export interface TaskReferenceStatements {
  latestVersion(referenceId: string): number | undefined;
  version(referenceId: string, version: number): TaskReferenceVersionRow | undefined;
  /** Every version of every reference, by id then version. */
  all(): TaskReferenceVersionRow[];
  /** The latest version of each reference, the one imported last at the end. */
  latest(): TaskReferenceVersionRow[];
  /** A version's task rows, of one benchmark or of all. */
  tasks(referenceId: string, version: number, benchmark?: string): TaskReferenceTaskRow[];
  /** Writes a version and its task rows; call inside a transaction. */
  insert(row: TaskReferenceVersionRow, tasks: readonly TaskReferenceTaskRow[]): void;
}

export function taskReferenceStatements(db: Database.Database): TaskReferenceStatements {
  const columns = `reference_id AS referenceId, version, document, digest,
                   signer_keyid AS signerKeyid, signature, imported_at AS importedAt`;
  const taskColumns = `benchmark, task_id AS taskId, minutes, family, source`;
  const latestVersion = db.prepare<[string], { version: number | null }>(
    `SELECT max(version) AS version FROM task_reference_version WHERE reference_id = ?`,
  );
  const version = db.prepare<[string, number], TaskReferenceVersionRow>(
    `SELECT ${columns} FROM task_reference_version WHERE reference_id = ? AND version = ?`,
  );
  const all = db.prepare<[], TaskReferenceVersionRow>(
    `SELECT ${columns} FROM task_reference_version ORDER BY reference_id, version`,
  );
  const latest = db.prepare<[], TaskReferenceVersionRow>(
    `SELECT ${columns} FROM task_reference_version v
      WHERE version = (SELECT max(version) FROM task_reference_version w
                        WHERE w.reference_id = v.reference_id)
      ORDER BY imported_at, rowid`,
  );
  const tasks = db.prepare<[string, number], TaskReferenceTaskRow>(
    `SELECT ${taskColumns} FROM task_reference_task
      WHERE reference_id = ? AND version = ? ORDER BY benchmark, task_id`,
  );
  const benchmarkTasks = db.prepare<[string, number, string], TaskReferenceTaskRow>(
    `SELECT ${taskColumns} FROM task_reference_task
      WHERE reference_id = ? AND version = ? AND benchmark = ? ORDER BY task_id`,
  );
  const insertVersion = db.prepare<[TaskReferenceVersionRow]>(
    `INSERT INTO task_reference_version
       (reference_id, version, document, digest, signer_keyid, signature, imported_at)
     VALUES (@referenceId, @version, @document, @digest, @signerKeyid, @signature, @importedAt)`,
  );
  const insertTask = db.prepare<[string, number, string, string, number, string, string]>(
    `INSERT INTO task_reference_task
       (reference_id, version, benchmark, task_id, minutes, family, source)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  return {
    latestVersion: (referenceId) => latestVersion.get(referenceId)?.version ?? undefined,
    version: (referenceId, v) => version.get(referenceId, v),
    all: () => all.all(),
    latest: () => latest.all(),
    tasks: (referenceId, v, benchmark) =>
      benchmark === undefined
        ? tasks.all(referenceId, v)
        : benchmarkTasks.all(referenceId, v, benchmark),
    insert: (row, rows) => {
      insertVersion.run(row);
      for (const task of rows) {
        insertTask.run(
          row.referenceId,
          row.version,
          task.benchmark,
          task.taskId,
          task.minutes,
          task.family,
          task.source,
        );
      }
    },
  };
}
