import { Injectable } from '@nestjs/common';
import juice from 'juice';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, Locale } from '../config/app-config';
import { tidyText } from '../common/web/format';
import { ViewService } from '../common/web/view.service';

export interface RenderedDocument {
  html: string;
  text: string;
}

/**
 * Renders a document (minutes, newsletter) twice from one view model: email-safe HTML in the
 * `document` layout (a 600 px table, no images, CSS from templates/documents/document.css inlined
 * by juice) and plain text from the `.txt.hbs` twin of the template.
 */
@Injectable()
export class DocumentRenderer {
  private stylesheet?: string;

  constructor(
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  render(template: string, model: Record<string, unknown>, locale?: Locale): RenderedDocument {
    return { html: this.html(template, model, locale), text: this.text(template, model, locale) };
  }

  html(template: string, model: Record<string, unknown>, locale?: Locale): string {
    const html = this.views.render(template, model, { layout: 'document', locale });
    return juice(html, {
      extraCss: this.css(),
      removeStyleTags: true,
      preserveMediaQueries: true,
      applyWidthAttributes: true,
      applyAttributesTableElements: true,
    });
  }

  text(template: string, model: Record<string, unknown>, locale?: Locale): string {
    return tidyText(this.views.renderText(template, model, { locale }));
  }

  private css(): string {
    if (this.stylesheet === undefined) {
      const file = join(this.config.templatesDir, 'documents', 'document.css');
      this.stylesheet = existsSync(file) ? readFileSync(file, 'utf8') : '';
    }
    return this.stylesheet;
  }
}
