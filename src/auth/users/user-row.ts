import { rawDate } from '../../database/raw-values';
import { User } from './user.entity';

/**
 * A user as the statements run before every request read it (the API token's, the session's):
 * raw rows, no query building nor entity hydration.
 */
export const USER_COLUMNS = `u.id, u.email, u.email_key, u.display_name, u.password_hash, u.role,
         u.active, u.created_at, u.last_sign_in_at`;

export interface UserRow {
  id: number;
  email: string;
  email_key: string;
  display_name: string;
  password_hash: string;
  role: User['role'];
  active: boolean | number;
  created_at: string | Date;
  last_sign_in_at: string | Date | null;
}

/** The User of an active user's row, as TypeORM would hydrate it. */
export function userOf(row: UserRow): User {
  return Object.assign(new User(), {
    id: row.id,
    email: row.email,
    emailKey: row.email_key,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    active: true,
    createdAt: rawDate(row.created_at)!,
    lastSignInAt: rawDate(row.last_sign_in_at),
  });
}
