import mysql from 'mysql2/promise';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import * as schema from './schema/index';
import type { QueryAudit } from '../lib/query-audit';

export type Database = MySql2Database<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A repository method accepts either the database or an open transaction. */
export type Executor = Database | Transaction;

export type DbHandle = { db: Database; pool: mysql.Pool; close: () => Promise<void> };

export type DbOptions = {
  url: string;
  poolSize?: number;
  queueLimit?: number;
  /** Records every statement (tests use it for the tenant-predicate check, RELIABILITY T8). */
  queryAudit?: QueryAudit;
};

export function createDb(options: DbOptions): DbHandle {
  const pool = mysql.createPool({
    uri: options.url,
    connectionLimit: options.poolSize ?? 10,
    // F2: a bounded wait queue; past it the pool errors and the API answers 503 instead of piling up.
    queueLimit: options.queueLimit ?? 200,
    waitForConnections: true,
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: 5000,
    enableKeepAlive: true,
  });
  pool.on('connection', (conn) => {
    // NOW() and DATETIME comparisons in UTC on every connection.
    conn.query("SET time_zone = '+00:00'");
  });
  const audit = options.queryAudit;
  const db = drizzle(pool, {
    schema,
    mode: 'default',
    logger: audit ? { logQuery: (sql) => audit.record(sql) } : false,
  });
  return { db, pool, close: () => pool.end() };
}

/** Parses `mysql://user:pass@host:port/db` into its parts (used by migrate and the quick start). */
export function parseDatabaseUrl(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
    socketPath: u.searchParams.get('socket') ?? undefined,
  };
}
