import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { User } from '../../auth/users/user.entity';

/** What the agenda asks of the themes feature, inside the agenda's own transactions. */
export interface AgendaThemeProvider {
  /** Themes an agenda item can present (not archived), by title. */
  titles(): Promise<{ id: number; title: string }[]>;
  /**
   * The theme chosen for an item: by id, or by title (case and accents ignored), a new title
   * creating a proposed theme; null takes the theme off. Refused when archived or unknown.
   */
  resolve(
    manager: EntityManager,
    choice: { themeId?: number | null; themeTitle?: string | null },
    user: User | undefined,
  ): Promise<number | null>;
  /** After items changed theme: each theme's status follows its agenda items again. */
  refresh(manager: EntityManager, themeIds: number[], user: User | undefined): Promise<void>;
}

/**
 * The themes feature registers itself here at start-up, keeping the dependency pointing from
 * themes to meetings (as MeetingCancellationHooks does).
 */
@Injectable()
export class AgendaThemes {
  private provider?: AgendaThemeProvider;

  register(provider: AgendaThemeProvider): void {
    this.provider = provider;
  }

  get themes(): AgendaThemeProvider {
    if (!this.provider) throw new Error('The themes feature is not loaded');
    return this.provider;
  }
}
