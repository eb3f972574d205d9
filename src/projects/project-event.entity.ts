import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types';
import type { Project } from './project.entity';
import type { ProjectStatus } from './project-status';

export type ProjectEventKind = 'created' | 'status' | 'snooze' | 'unsnooze';

/** The history of a project: its status changes and snoozes, each with its reason and author. */
@Entity({ name: 'project_events' })
@Index('ix_project_events_project', ['projectId', 'at'])
export class ProjectEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne('Project', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @Column({ type: 'varchar', length: 20 })
  kind: ProjectEventKind;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: ProjectStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20, nullable: true })
  toStatus: ProjectStatus | null;

  @Column({ name: 'snoozed_until', type: TIMESTAMP, nullable: true })
  snoozedUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: TIMESTAMP })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'integer', nullable: true })
  actorUserId: number | null;

  @Column({ name: 'actor_contact_id', type: 'integer', nullable: true })
  actorContactId: number | null;

  @Column({ name: 'actor_label', type: 'varchar', length: 200 })
  actorLabel: string;
}
