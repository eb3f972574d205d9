import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';
import type { Partner } from '../../partners/partner.entity';
import type { InvitationAttendee } from '../attendance/invitation-attendee.entity';
import type { Meeting } from '../meeting.entity';
import type { Answer, AttendanceStatus } from '../meeting-kinds';

/**
 * One partner at one meeting: its invitation, its answer through the personal link, and its
 * attendance recorded after the meeting. A partner that came without an invitation has a row
 * with `invited = false` (and no answer link), so a meeting × partner pair is always one row.
 */
@Entity({ name: 'invitations' })
@Index('uq_invitations_meeting_partner', ['meetingId', 'partnerId'], { unique: true })
export class Invitation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne('Meeting', 'invitations', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Index('ix_invitations_partner')
  @Column({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @ManyToOne('Partner', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Partner;

  /** False for a partner added as present at the meeting without having been invited. */
  @Column({ type: 'boolean', default: true })
  invited: boolean;

  /** SHA-256 of the personal answer link's token (the token itself is never stored). */
  @Index('uq_invitations_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash: string | null;

  @Column({ name: 'token_issued_at', type: TIMESTAMP, nullable: true })
  tokenIssuedAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  answer: Answer | null;

  @Column({ name: 'answered_at', type: TIMESTAMP, nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answer_note', type: 'text', nullable: true })
  answerNote: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  attendance: AttendanceStatus | null;

  @Column({ name: 'attendance_recorded_at', type: TIMESTAMP, nullable: true })
  attendanceRecordedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @OneToMany('InvitationAttendee', 'invitation')
  attendees?: InvitationAttendee[];
}
