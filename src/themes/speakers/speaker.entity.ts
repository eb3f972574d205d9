import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { DOUBLE, TIMESTAMP } from '../../database/column-types';
import type { Partner } from '../../partners/partner.entity';

/** Someone who can present at a meeting (intervenant), from a partner or outside the network. */
@Entity({ name: 'speakers' })
export class Speaker {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 160 })
  name: string;

  /** Name folded for search and sorting. */
  @Index('ix_speakers_name_key')
  @Column({ name: 'name_key', type: 'varchar', length: 160 })
  nameKey: string;

  /** The speaker's organisation when it is a partner of the network. */
  @Index('ix_speakers_organisation_partner')
  @Column({ name: 'organisation_partner_id', type: 'integer', nullable: true })
  organisationPartnerId: number | null;

  @ManyToOne('Partner', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_partner_id' })
  organisationPartner?: Partner | null;

  /** The organisation's name when it is outside the network (free text). */
  @Column({ name: 'organisation_name', type: 'varchar', length: 200, nullable: true })
  organisationName: string | null;

  /** Free topics, besides the linked themes. */
  @Column({ type: 'simple-json' })
  tags: string[];

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  /** Fee per intervention, in euro cents. */
  @Column({ name: 'fee_cents', type: 'integer', default: 0 })
  feeCents: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: DOUBLE, nullable: true })
  latitude: number | null;

  @Column({ type: DOUBLE, nullable: true })
  longitude: number | null;

  /** Travel cost per km in cents; null means the network default (SPEAKER_TRAVEL_CENTS_PER_KM). */
  @Column({ name: 'travel_cents_per_km', type: 'integer', nullable: true })
  travelCentsPerKm: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The last time they spoke at a meeting (kept when a presentation is recorded, or entered). */
  @Column({ name: 'last_spoke_at', type: TIMESTAMP, nullable: true })
  lastSpokeAt: Date | null;

  @Column({ name: 'archived_at', type: TIMESTAMP, nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
