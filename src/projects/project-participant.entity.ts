import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Partner } from '../partners/partner.entity';
import type { Project } from './project.entity';

/** A partner taking part in a project, with its role ("co-financeur", "accueille les stagiaires"). */
@Entity({ name: 'project_participants' })
@Index('uq_project_participants', ['projectId', 'partnerId'], { unique: true })
export class ProjectParticipant {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne('Project', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @Index('ix_project_participants_partner')
  @Column({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @ManyToOne('Partner', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Partner;

  @Column({ type: 'varchar', length: 160 })
  role: string;
}
