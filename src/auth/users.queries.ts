import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { User as MeetingsUser, User } from './users/user.entity';

/**
 * Staff users: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 */

@Injectable()
export class UsersQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Meetings: the id and display name of the user who closed a meeting, or null. */
  userDisplayNameForMeetings(
    userId: number,
    manager?: EntityManager,
  ): Promise<Pick<MeetingsUser, 'id' | 'displayName'> | null> {
    return this.manager(manager)
      .getRepository(MeetingsUser)
      .findOne({ where: { id: userId }, select: { id: true, displayName: true } });
  }

  /** Project reminders: active coordinators and admins (the weekly digest's readers), by id. */
  projectDigestRecipients(manager?: EntityManager): Promise<User[]> {
    return this.manager(manager)
      .getRepository(User)
      .find({ where: { active: true, role: In(['coordinator', 'admin']) }, order: { id: 'ASC' } });
  }
}
