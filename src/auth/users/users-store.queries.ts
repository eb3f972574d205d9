import { type EntityManager, Not } from 'typeorm';
import { User } from './user.entity';

/**
 * The SQL of staff accounts beyond plain repository reads and saves: the statements UsersService
 * runs on `users` in the caller's manager. (What other contexts may read of users is
 * `auth/users.queries.ts`, auth's exported query service.)
 */

/**
 * On PostgreSQL, concurrent transactions could both see "no user yet" or "another admin left":
 * writers to `users` queue behind this lock (readers are not blocked). SQLite units of work are
 * already serialized by Transactions.
 */
export async function lockUsers(manager: EntityManager): Promise<void> {
  if (manager.connection.options.type === 'postgres') {
    await manager.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
  }
}

/** How many active administrators there are besides the user `id`. */
export function countOtherActiveAdmins(manager: EntityManager, id: number): Promise<number> {
  return manager.getRepository(User).countBy({ id: Not(id), role: 'admin', active: true });
}
