import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DOUBLE, TIMESTAMP } from '../database/column-types';
import type { Contact } from './contacts/contact.entity';
import type { PartnerKind } from './partner-kind';

/** An organisation of the network (partenaire, structure, organisme). */
@Entity({ name: 'partners' })
@Index('ix_partners_kind_active', ['kind', 'active'])
// The newsletter's new partners of a month (a full scan otherwise).
@Index('ix_partners_created_at', ['createdAt'])
export class Partner {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Normalised name (case and accents folded): two partners cannot share a name. */
  @Index('uq_partners_name_key', { unique: true })
  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey: string;

  @Column({ name: 'short_name', type: 'varchar', length: 60, nullable: true })
  shortName: string | null;

  @Column({ type: 'varchar', length: 40 })
  kind: PartnerKind;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  services: string | null;

  @Index('ix_partners_territory')
  @Column({ type: 'varchar', length: 120, nullable: true })
  territory: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  postcode: string | null;

  @Column({ type: DOUBLE, nullable: true })
  latitude: number | null;

  @Column({ type: DOUBLE, nullable: true })
  longitude: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'archived_at', type: TIMESTAMP, nullable: true })
  archivedAt: Date | null;

  /**
   * Name, short name, services and contact names, folded for search ("equipe" finds "Équipe").
   * Kept up to date by the partners service whenever a partner or one of its contacts changes.
   * Indexed for substring search by hand-written migrations (engine-specific, see README): a GIN
   * trigram index on PostgreSQL, declared here so that the schema builder leaves it alone, and an
   * FTS5 trigram table with triggers on SQLite (outside the schema builder's view).
   */
  @Index('ix_partners_search_trgm', { synchronize: false })
  @Column({ name: 'search_text', type: 'text', default: '' })
  searchText: string;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @OneToMany('Contact', 'partner')
  contacts?: Contact[];
}
