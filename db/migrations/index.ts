/**
 * The numbered migrations, in order. Files are `NNNN_what.sql`; the number is the
 * schema version the file brings the database to (`PRAGMA user_version`).
 * Bundled at build time so the app, the CLI and the tests carry the same SQL.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const files = import.meta.glob<string>('./*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const MIGRATIONS: readonly Migration[] = Object.entries(files)
  .map(([path, sql]) => {
    const match = /^\.\/(\d{4})_([a-z0-9_]+)\.sql$/.exec(path);
    if (!match?.[1] || !match[2]) {
      throw new Error(`Migration file ${path} is not named NNNN_what.sql.`);
    }
    return { version: Number(match[1]), name: match[2], sql };
  })
  .sort((a, b) => a.version - b.version);

MIGRATIONS.forEach((migration, index) => {
  if (migration.version !== index + 1) {
    throw new Error(
      `Migrations must be numbered 1, 2, 3… without gaps; found ${migration.version}.`,
    );
  }
});

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
