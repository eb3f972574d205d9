import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { AppConfig } from '../../config/app-config';
import { ViewService } from '../../common/web/view.service';
import { ListThemesQueryDto } from '../catalogue/theme.dto';
import { ThemesService } from '../catalogue/themes.service';

/** Themes and partners offered in the selects of the forms and filters. */
export const CHOICES = 100;

/** What the themes and speakers pages share: their wording, a field's refusal, the themes to choose from. */
@Injectable()
export class ThemesPagesText {
  constructor(
    private readonly themes: ThemesService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  t(key: string, params: Record<string, string | number> = {}): string {
    return this.views.translator.translate(this.config.locale, key, params);
  }

  /** A message for a field at fault: the catalogue's wording, or the rule's own message. */
  message(field: string | undefined, fallback?: string): string {
    const key = `themesPages.error.${field ?? 'other'}`;
    if (this.views.translator.has(this.config.locale, key)) return this.t(key);
    return fallback ?? this.t('themesPages.error.other');
  }

  async themeChoices(selected?: number) {
    const page = await this.themes.list(plainToInstance(ListThemesQueryDto, { pageSize: CHOICES }));
    return page.items.map((theme) => ({
      id: theme.id,
      title: theme.title,
      selected: theme.id === selected,
    }));
  }
}
