import { afterAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { is } from 'drizzle-orm';
import { MySqlTable, getTableConfig } from 'drizzle-orm/mysql-core';
import * as schema from '../src/db/schema/index';
import { createTestDatabase } from './helpers';

/**
 * The SQL migrations are the truth for the database and the drizzle definitions the truth for
 * queries (docs/decisions/001); this test keeps them from drifting: every drizzle column exists
 * in the migrated database with a compatible type and the same nullability.
 */
type DbColumn = { type: string; nullable: boolean; hasDefault: boolean; extra: string };

const database = await createTestDatabase();
const conn = await mysql.createConnection({ uri: database.url });
const [rows] = await conn.query<mysql.RowDataPacket[]>(
  `SELECT table_name AS t, column_name AS c, column_type AS type, is_nullable AS n, column_default AS d, extra AS e
   FROM information_schema.columns WHERE table_schema = DATABASE()`,
);
const dbTables = new Map<string, Map<string, DbColumn>>();
for (const r of rows) {
  const table = dbTables.get(String(r.t)) ?? new Map<string, DbColumn>();
  table.set(String(r.c), {
    type: String(r.type),
    nullable: r.n === 'YES',
    // MariaDB reports a missing default as NULL, and a nullable column's default as the string 'NULL'.
    hasDefault: r.d !== null,
    extra: String(r.e ?? '').toLowerCase(),
  });
  dbTables.set(String(r.t), table);
}

afterAll(async () => {
  await conn.end();
  await database.drop();
});

const INTEGERS = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint']);

function parseType(sqlType: string) {
  const s = sqlType.toLowerCase().trim();
  const unsigned = /\bunsigned\b/.test(s);
  const m = /^([a-z]+)\s*(?:\(([^)]*)\))?/.exec(s.replace(/\b(unsigned|zerofill)\b/g, '').trim());
  let base = m?.[1] ?? s;
  let args = (m?.[2] ?? '').replace(/\s+/g, '');
  if (base === 'boolean' || base === 'bool') [base, args] = ['tinyint', '1'];
  if (base === 'serial') return { base: 'bigint', args: '', unsigned: true };
  if (base === 'integer') base = 'int';
  // Display widths (int(11)) mean nothing; tinyint(1) is how both servers spell a boolean.
  if (INTEGERS.has(base)) args = '';
  return { base, args, unsigned };
}

/** Why a drizzle type and a database column type disagree, or null when compatible. */
export function typeMismatch(drizzleType: string, dbType: string): string | null {
  const d = parseType(drizzleType);
  const b = parseType(dbType);
  // MariaDB stores JSON as LONGTEXT with a JSON_VALID check; MySQL has a real JSON type.
  if (d.base === 'json') return b.base === 'json' || b.base === 'longtext' ? null : `json vs ${dbType}`;
  if (d.base !== b.base) return `${drizzleType} vs ${dbType}`;
  if (d.args !== b.args) return `${drizzleType} vs ${dbType}`;
  if (INTEGERS.has(d.base) && d.unsigned !== b.unsigned) return `${drizzleType} vs ${dbType} (signedness)`;
  return null;
}

const tables = Object.values(schema).flatMap((v: unknown) => (is(v, MySqlTable) ? [getTableConfig(v)] : []));

describe('drizzle schema matches the migrated database', () => {
  it('defines at least the core tables', () => {
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['tenants', 'users', 'roles', 'audit_log']),
    );
  });

  it('compares types the way the two servers spell them', () => {
    expect(typeMismatch('int unsigned', 'int(10) unsigned')).toBeNull();
    expect(typeMismatch('json', 'longtext')).toBeNull();
    expect(typeMismatch('tinyint(1)', 'tinyint(1)')).toBeNull();
    expect(typeMismatch('varchar(120)', 'varchar(64)')).not.toBeNull();
    expect(typeMismatch('int', 'bigint(20)')).not.toBeNull();
    expect(typeMismatch('bigint unsigned', 'bigint(20)')).not.toBeNull();
    expect(typeMismatch('datetime(3)', 'datetime')).not.toBeNull();
    expect(typeMismatch('json', 'text')).not.toBeNull();
  });

  for (const table of tables) {
    it(table.name, () => {
      const dbColumns = dbTables.get(table.name);
      expect(dbColumns, `table ${table.name} is not created by any migration`).toBeDefined();
      const problems: string[] = [];
      for (const column of table.columns) {
        const db = dbColumns!.get(column.name);
        if (!db) {
          problems.push(`${column.name}: missing in the database`);
          continue;
        }
        const mismatch = typeMismatch(column.getSQLType(), db.type);
        if (mismatch) problems.push(`${column.name}: type ${mismatch}`);
        if (column.notNull === db.nullable) {
          problems.push(
            `${column.name}: drizzle ${column.notNull ? 'NOT NULL' : 'nullable'}, database ${db.nullable ? 'nullable' : 'NOT NULL'}`,
          );
        }
      }
      // A NOT NULL column drizzle does not know about makes every insert through drizzle fail.
      const known = new Set(table.columns.map((c) => c.name));
      for (const [name, db] of dbColumns!) {
        const filledByServer =
          db.hasDefault || db.extra.includes('auto_increment') || db.extra.includes('generated');
        if (!known.has(name) && !db.nullable && !filledByServer) {
          problems.push(`${name}: NOT NULL without default in the database but absent from drizzle`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
