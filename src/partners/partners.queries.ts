import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Partner } from './partner';

/**
 * Partners and their contacts: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 */
@Injectable()
export class PartnersQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** A partner by id (null when unknown), for the themes feature (who proposes, who is interested, a speaker's organisation). */
  partnerForThemes(id: number, manager?: EntityManager): Promise<Partner | null> {
    return this.manager(manager).getRepository(Partner).findOneBy({ id });
  }
}
