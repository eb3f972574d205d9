import { Injectable, Logger } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Request, Response } from 'express';
import { csrfTokenFor } from './csrf';
import { AppConfig, Locale } from '../../config/app-config';
import type { DomainError, MessageRef } from '../domain-errors';
import { Translator } from '../../i18n/messages';
import { registerHelpers } from './helpers';
import { seeOther, sendHtml } from '../http-answers';
import type { PagerView } from './pager';

/** The pages partners reach (portal, mailed links, public documents, unsubscribe). */
const PARTNER_PATHS = /^\/(portal|follow-up|r|public|u)(\/|$)/;

/** The signed-in staff member as pages see them (a plain object, never the entity). */
export interface PageUser {
  id: number;
  displayName: string;
  email: string;
  role: string;
  isAdmin: boolean;
}

/** The fields of the signed-in user (set on the request by auth) that pages show. */
interface SignedInUser {
  id: number;
  displayName: string;
  email: string;
  role: string;
}

export interface RenderOptions {
  /** Layout under templates/layouts, or null for a bare document. */
  layout?: string | null;
  locale?: Locale;
}

/**
 * The Handlebars engine of pages, documents and mail. Templates come from TEMPLATES_DIR (an
 * agency's branded copy) or the bundled templates/, are compiled once and cached.
 * Templates receive plain view models; `{{ }}` escapes every value.
 */
@Injectable()
export class ViewService {
  private readonly handlebars = Handlebars.create();
  /** Plain-text templates (`*.txt.hbs`): compiled with noEscape, so text keeps characters as typed. */
  private readonly textHandlebars = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  readonly translator: Translator;

  constructor(private readonly config: AppConfig) {
    this.translator = new Translator(config.templatesDir);
    for (const { locale, key, detail } of this.translator.invalidMessages())
      new Logger('Translator').warn(`Message ${key} (${locale}) is no valid ICU: ${detail}`);
    registerHelpers(this.handlebars, config, this.translator);
    registerHelpers(this.textHandlebars, config, this.translator);
    this.registerPartials(join(config.templatesDir, 'partials'));
  }

  /**
   * A plain-text template (`<name>.txt.hbs`, no layout): values are written as typed, never
   * HTML-escaped. Only for text/plain output (mail alternatives, .txt downloads), never for HTML.
   */
  renderText(
    name: string,
    model: Record<string, unknown>,
    options: { locale?: Locale } = {},
  ): string {
    const locale = options.locale ?? this.config.locale;
    const data = { ...model, locale, appName: this.translator.translate(locale, 'app.name') };
    return this.template(`${name}.txt`, 'text')(data);
  }

  render(name: string, model: Record<string, unknown>, options: RenderOptions = {}): string {
    const locale = options.locale ?? this.config.locale;
    const data = { ...model, locale, appName: this.translator.translate(locale, 'app.name') };
    const body = this.template(name)(data);
    const layout = options.layout === undefined ? 'main' : options.layout;
    if (layout === null) return body;
    return this.template(`layouts/${layout}`)({ ...data, body });
  }

  /** A message in the configured language (titles set by controllers). */
  text(key: string, params: Record<string, string | number> = {}): string {
    return this.translator.translate(this.config.locale, key, params);
  }

  /** The message when the catalogue has this key (built from a field name), else undefined. */
  textIfPresent(key: string, params: Record<string, string | number> = {}): string | undefined {
    return this.translator.translateIfPresent(this.config.locale, key, params);
  }

  /** Answers with a staff page (see renderPage) and its status. */
  sendPage(
    request: Request,
    response: Response,
    name: string,
    model: Record<string, unknown>,
    status = 200,
  ): void {
    // A list asked past its last page (an old link, ?page=99) shows where the list ends, rather
    // than its "nothing yet" message.
    const past = (model.pager as PagerView | null | undefined)?.pastTheEnd;
    if (past && request.method === 'GET' && status === 200) return seeOther(response, past);
    sendHtml(response, this.renderPage(request, name, model), status);
  }

  /** What a page says of a domain error, in the site's language. */
  errorText(error: DomainError): string {
    return this.messageText(error.text);
  }

  /** A catalogue message with its placeholders, themselves translated where they are keys. */
  messageText(text: MessageRef): string;
  messageText(text: MessageRef | undefined): string | undefined;
  messageText(text: MessageRef | undefined): string | undefined {
    return text && this.translator.message(this.config.locale, text);
  }

  /**
   * A staff page: the model plus what every page needs, the signed-in `user` (for the header)
   * and the session's `csrfToken` (every form posts it as `_csrf`). Page controllers use this.
   */
  renderPage(
    request: Request,
    name: string,
    model: Record<string, unknown>,
    options: RenderOptions = {},
  ): string {
    return this.render(name, { ...this.pageContext(request), ...model }, options);
  }

  pageContext(request: Request): { user?: PageUser; csrfToken?: string; section: string } {
    const user = (request as Request & { user?: SignedInUser }).user;
    return {
      // The first path segment: the header marks that entry as the current page.
      section: request.path.split('/')[1] || 'home',
      user: user
        ? {
            id: user.id,
            displayName: user.displayName,
            email: user.email,
            role: user.role,
            isAdmin: user.role === 'admin',
          }
        : undefined,
      csrfToken: csrfTokenFor(request),
    };
  }

  renderErrorPage(status: number, message: string, request: Request): string {
    const locale = this.config.locale;
    const known = [400, 401, 403, 404, 409, 410, 413, 422, 429, 500, 503].includes(status)
      ? status
      : status >= 500
        ? 500
        : 400;
    const explanation = this.translator.translate(locale, `error.${known}`);
    const forPartners = PARTNER_PATHS.test(request.path ?? '');
    // Anonymous visitors get no token: an error page must not open a session for every bot.
    const signedIn = Boolean((request as Request & { user?: SignedInUser }).user);
    return this.render(
      'pages/error',
      {
        ...(signedIn && !forPartners ? this.pageContext(request) : {}),
        title: this.translator.translate(locale, 'error.title', { status }),
        status,
        explanation,
        // A detail that only repeats the explanation ("La demande est incorrecte.") is left out.
        detail: status < 500 && message !== explanation ? message : undefined,
        // Partners' links lead back to their portal (where a new link is asked for), not to the
        // staff sign-in.
        back: forPartners
          ? { href: '/portal', label: this.translator.translate(locale, 'error.backToPortal') }
          : { href: '/', label: this.translator.translate(locale, 'error.back') },
      },
      { locale, layout: forPartners ? 'portal' : 'main' },
    );
  }

  private template(name: string, mode: 'html' | 'text' = 'html'): Handlebars.TemplateDelegate {
    const key = `${mode}:${name}`;
    let template = this.compiled.get(key);
    if (!template) {
      const file = join(this.config.templatesDir, `${name}.hbs`);
      if (!existsSync(file))
        throw new Error(`Template ${name} not found in ${this.config.templatesDir}`);
      const source = readFileSync(file, 'utf8');
      template =
        mode === 'text'
          ? this.textHandlebars.compile(source, { strict: false, noEscape: true })
          : this.handlebars.compile(source, { strict: false });
      this.compiled.set(key, template);
    }
    return template;
  }

  private registerPartials(dir: string): void {
    if (!existsSync(dir)) return;
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder)) {
        const path = join(folder, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (entry.endsWith('.hbs')) {
          const name = relative(dir, path)
            .replace(/\\/g, '/')
            .replace(/\.hbs$/, '');
          const source = readFileSync(path, 'utf8');
          // Text partials (`*.txt.hbs`) are compiled up front with noEscape, for text templates.
          if (entry.endsWith('.txt.hbs'))
            this.textHandlebars.registerPartial(
              name,
              this.textHandlebars.compile(source, { noEscape: true }),
            );
          else this.handlebars.registerPartial(name, source);
        }
      }
    };
    walk(dir);
  }
}
