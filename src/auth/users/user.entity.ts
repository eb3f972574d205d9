import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';
import { registerValueLabels } from '../../i18n/value-labels';

export const ROLES = ['admin', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];
registerValueLabels(ROLES, 'adminPages.role');

/** A staff member of the agency. Partners never have a User: they use personal links. */
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** Lower-cased email: uniqueness ignores case. */
  @Index('uq_users_email_key', { unique: true })
  @Column({ name: 'email_key', type: 'varchar', length: 254 })
  emailKey: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName: string;

  /** scrypt$N$r$p$salt$hash */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'last_sign_in_at', type: TIMESTAMP, nullable: true })
  lastSignInAt: Date | null;
}
