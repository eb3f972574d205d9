import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Theme } from './catalogue/theme.entity';

/**
 * Themes and speakers: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 */
@Injectable()
export class ThemesQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Whether a theme exists (e.g. the one a project comes from). */
  themeExists(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Theme).exists({ where: { id } });
  }
}
