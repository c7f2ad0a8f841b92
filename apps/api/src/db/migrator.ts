import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl } from './client';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const STATEMENT_BREAK = /^--> statement\s*$/m;

type MigrationFile = { name: string; checksum: string; statements: string[] };

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name), 'utf8');
      return {
        name,
        checksum: createHash('sha256').update(sql).digest('hex'),
        statements: sql
          .split(STATEMENT_BREAK)
          .map((s) => s.trim())
          .filter((s) => s.replace(/--.*$/gm, '').trim().length > 0),
      };
    }),
  );
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const { database, ...conn } = parseDatabaseUrl(url);
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  const c = await mysql.createConnection({ ...conn, connectTimeout: 5000 });
  try {
    await c.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await c.end();
  }
}

export type MigrateResult = { applied: string[]; skipped: number };

/**
 * Applies pending migrations in file order. MySQL DDL is not transactional, so progress is
 * recorded per statement: a run that died half-way resumes at the next statement. A named lock
 * keeps two migrators from racing; running it twice is a no-op.
 */
export async function migrate(url: string, log: (msg: string) => void = () => {}): Promise<MigrateResult> {
  const files = await readMigrations();
  const c = await mysql.createConnection({ uri: url, multipleStatements: false, timezone: 'Z' });
  const applied: string[] = [];
  try {
    const [lockRows] = await c.query<mysql.RowDataPacket[]>("SELECT GET_LOCK('switchboard_migrate', 60) AS l");
    if (lockRows[0]?.l !== 1) throw new Error('Could not take the migration lock within 60 s');
    await c.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name VARCHAR(128) NOT NULL PRIMARY KEY,
      checksum CHAR(64) NOT NULL,
      statements_done INT NOT NULL DEFAULT 0,
      completed_at DATETIME(3) NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    const [rows] = await c.query<mysql.RowDataPacket[]>(
      'SELECT name, checksum, statements_done, completed_at FROM schema_migrations',
    );
    const done = new Map(rows.map((r) => [String(r.name), r]));
    for (const file of files) {
      const row = done.get(file.name);
      if (row?.completed_at) {
        if (row.checksum !== file.checksum) log(`warning: ${file.name} changed after it was applied`);
        continue;
      }
      let from = Number(row?.statements_done ?? 0);
      if (!row) {
        await c.query('INSERT INTO schema_migrations (name, checksum, statements_done) VALUES (?, ?, 0)', [
          file.name,
          file.checksum,
        ]);
        from = 0;
      }
      for (let i = from; i < file.statements.length; i++) {
        await c.query(file.statements[i]!);
        await c.query('UPDATE schema_migrations SET statements_done = ? WHERE name = ?', [i + 1, file.name]);
      }
      await c.query('UPDATE schema_migrations SET completed_at = UTC_TIMESTAMP(3) WHERE name = ?', [file.name]);
      applied.push(file.name);
      log(`applied ${file.name}`);
    }
    await c.query("SELECT RELEASE_LOCK('switchboard_migrate')");
    return { applied, skipped: files.length - applied.length };
  } finally {
    await c.end();
  }
}

/** Names of migration files not yet completed in this database (readiness check). */
export async function pendingMigrations(pool: mysql.Pool): Promise<string[]> {
  const files = await readMigrations();
  const [rows] = await pool.query<mysql.RowDataPacket[]>(
    'SELECT name FROM schema_migrations WHERE completed_at IS NOT NULL',
  );
  const done = new Set(rows.map((r) => String(r.name)));
  return files.map((f) => f.name).filter((n) => !done.has(n));
}
