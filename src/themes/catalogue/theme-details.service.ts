import { Injectable } from '@nestjs/common';
import { ThemeScheduleService } from '../schedule/theme-schedule.service';
import { ThemeDetail, toThemeResponse } from './theme.mapper';
import { ThemesService } from './themes.service';

/** One theme whole: who is interested, where it was presented and by whom, where it is next. */
@Injectable()
export class ThemeDetailsService {
  constructor(
    private readonly themes: ThemesService,
    private readonly schedule: ThemeScheduleService,
  ) {}

  /** Three queries whatever the theme's history: the theme, its interest, its agenda items. */
  async detail(id: number): Promise<ThemeDetail> {
    const theme = await this.themes.get(id);
    const interest = await this.themes.interestOf(id);
    const entries = await this.schedule.entriesOf(id);
    return {
      ...toThemeResponse(theme),
      interestedPartners: interest.interestedPartners,
      presentations: entries.filter((entry) => entry.presentedAt !== null),
      scheduledOn: entries.filter((entry) => entry.presentedAt === null),
    };
  }
}
