import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How many projects each partner leads and takes part in, and how many of them are open (neither
 * completed nor abandoned). Kept by database triggers on projects and project_participants
 * (migration PartnerProjectCounts), so they hold whatever writes them: any service, any process,
 * raw SQL. The dashboard ranks partners on ix_partner_project_counts_involved instead of grouping
 * every project and participation.
 */
@Entity({ name: 'partner_project_counts' })
@Index('ix_partner_project_counts_involved', ['involved'])
export class PartnerProjectCounts {
  @PrimaryColumn({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @Column({ type: 'integer', default: 0 })
  leads: number;

  @Column({ name: 'leads_open', type: 'integer', default: 0 })
  leadsOpen: number;

  @Column({ type: 'integer', default: 0 })
  participates: number;

  @Column({ name: 'participates_open', type: 'integer', default: 0 })
  participatesOpen: number;

  /** leads + participates: the ranking. */
  @Column({ type: 'integer', default: 0 })
  involved: number;
}
