import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { User } from './users/user.entity';

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

  /** A user's id and display name (e.g. who closed a meeting), or null. */
  userDisplayName(
    userId: number,
    manager?: EntityManager,
  ): Promise<Pick<User, 'id' | 'displayName'> | null> {
    return this.manager(manager)
      .getRepository(User)
      .findOne({ where: { id: userId }, select: { id: true, displayName: true } });
  }

  /** Active coordinators and admins (e.g. the project digest's readers), by id. */
  activeCoordinatorsAndAdmins(manager?: EntityManager): Promise<User[]> {
    return this.manager(manager)
      .getRepository(User)
      .find({ where: { active: true, role: In(['coordinator', 'admin']) }, order: { id: 'ASC' } });
  }
}
