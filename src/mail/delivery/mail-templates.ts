import { Injectable } from '@nestjs/common';
import juice from 'juice';
import { AppConfig, Locale } from '../../config/app-config';
import { ViewService } from '../../common/web/view.service';

/** Mail clients ignore <style> blocks more often than not: move the CSS into style attributes. */
export function inlineCss(html: string): string {
  return juice(html, { preserveMediaQueries: true, applyWidthAttributes: true });
}

/** Handlebars escapes these for HTML; a text/plain part wants them back as written. */
const HANDLEBARS_ESCAPES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x60;': '`',
  '&#x3D;': '=',
};

export function unescapeHandlebars(text: string): string {
  return text.replace(
    /&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/g,
    (entity) => HANDLEBARS_ESCAPES[entity],
  );
}

export interface RenderedMail {
  html: string;
  text: string;
}

/**
 * Renders a mail from templates/mail/<name>.html.hbs (in templates/layouts/mail.hbs, CSS inlined)
 * and templates/mail/<name>.text.hbs (plain text, with the same footer). Pass `unsubscribeUrl` for
 * bulk mail: both parts then show the visible unsubscribe link.
 */
@Injectable()
export class MailTemplates {
  constructor(
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  render(
    name: string,
    model: Record<string, unknown>,
    options: { locale?: Locale; unsubscribeUrl?: string } = {},
  ): RenderedMail {
    const locale = options.locale ?? this.config.locale;
    const data = {
      ...model,
      unsubscribeUrl: options.unsubscribeUrl,
      publicUrl: this.config.publicUrl,
    };
    const html = inlineCss(
      this.views.render(`mail/${name}.html`, data, { layout: 'mail', locale }),
    );
    const text = unescapeHandlebars(
      this.views.render(`mail/${name}.text`, data, { layout: 'mail-text', locale }),
    )
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return { html, text: `${text}\n` };
  }
}
