import type { ColumnType } from 'typeorm';

/**
 * Column types that differ between the two engines. Decorators read them when the entity files
 * load, so DATABASE_URL must be set before the app starts (it is: it is read from the environment).
 */
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

/** A point in time, stored in UTC. */
export const TIMESTAMP: ColumnType = postgres ? 'timestamptz' : 'datetime';
/** A double-precision number (coordinates). */
export const DOUBLE: ColumnType = postgres ? 'double precision' : 'real';
/** Bytes kept in the database (scanned sheets): one value per row, read whole. */
export const BINARY: ColumnType = postgres ? 'bytea' : 'blob';
