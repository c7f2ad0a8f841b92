import { customType, datetime, char } from 'drizzle-orm/mysql-core';

/**
 * JSON column that reads back as an object on both servers: MySQL 8 hands JSON over parsed,
 * MariaDB stores JSON as LONGTEXT and hands over a string.
 */
export const json = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'json',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T)),
  })(name);

/** DATETIME(3) in UTC, as a JS Date. */
export const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

export const id = (name = 'id') => char(name, { length: 36 });

/** TINYINT(1) read as boolean on both servers. */
export const bool = (name: string) =>
  customType<{ data: boolean; driverData: number }>({
    dataType: () => 'tinyint(1)',
    toDriver: (value) => (value ? 1 : 0),
    fromDriver: (value) => Boolean(Number(value)),
  })(name);
