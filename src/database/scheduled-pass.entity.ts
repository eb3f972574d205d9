import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from './column-types';

/**
 * One scheduled pass (a job) for one period, claimed by one instance of the cluster (see
 * PeriodicPasses): the primary key makes the claim unique, finished_at tells a finished pass from
 * one whose holder may have died.
 */
@Entity({ name: 'scheduled_passes' })
export class ScheduledPass {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  job: string;

  /** The period's key, chosen by the job (a day, a week, the start of a timer interval). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  period: string;

  @Column({ name: 'claimed_by', type: 'varchar', length: 120 })
  claimedBy: string;

  @Column({ name: 'claimed_at', type: TIMESTAMP })
  claimedAt: Date;

  @Column({ name: 'finished_at', type: TIMESTAMP, nullable: true })
  finishedAt: Date | null;
}
