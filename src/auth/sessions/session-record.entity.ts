import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';

/** Server-side staff sessions (express-session store), so signing out and expiry are real. */
@Entity({ name: 'sessions' })
export class SessionRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sid: string;

  @Column({ type: 'text' })
  data: string;

  @Index('ix_sessions_expires_at')
  @Column({ name: 'expires_at', type: TIMESTAMP })
  expiresAt: Date;
}
