import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Bound values one statement may carry: SQLite's limit (32,766 since 3.32, the bundled 3.44
 * included); PostgreSQL allows 65,535.
 */
export const MAX_PARAMETERS = 32766;

/** `items` in slices whose statements stay under MAX_PARAMETERS at `perItem` values each. */
export function chunked<T>(items: readonly T[], perItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / perItem));
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/**
 * Inserts new entities in multi-row INSERTs (one per chunk) and sets their generated ids, without
 * save()'s reload of the defaults: creation dates stay unset in memory. PostgreSQL answers the
 * ids by RETURNING; on SQLite the rows of one INSERT take consecutive ids ending at the last row
 * id (what TypeORM's own multi-row insert assumes, see AbstractSqliteDriver.createGeneratedMap).
 */
export async function insertMany<T extends ObjectLiteral & { id: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entities: T[],
): Promise<void> {
  const postgres = manager.connection.options.type === 'postgres';
  const columns = manager.connection.getMetadata(target).columns.length;
  for (const chunk of chunked(entities, columns)) {
    const insert = manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(chunk)
      .updateEntity(false);
    if (postgres) {
      const result = await insert.returning('id').execute();
      const rows = result.raw as { id: number | string }[];
      chunk.forEach((entity, k) => Object.assign(entity, { id: Number(rows[k].id) }));
    } else {
      const last = Number((await insert.execute()).raw);
      chunk.forEach((entity, k) => Object.assign(entity, { id: last - chunk.length + 1 + k }));
    }
  }
}
