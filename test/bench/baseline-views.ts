import Handlebars from 'handlebars';
import juice from 'juice';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppConfig } from '../../src/config/app-config';
import { Translator } from '../../src/i18n/messages';
import { tidyText } from '../../src/common/web/format';
import { registerHelpers } from '../../src/common/web/helpers';

/**
 * The baseline's Handlebars: the app's templates, compiled once at start, with the app's template
 * helpers (registerHelpers, Translator and the formatters are plain functions: reusing them keeps the
 * output byte for byte equal). Reproduces what ViewService and DocumentRenderer do around them:
 * layouts, the `locale` / `appName` every template gets, text twins without escaping, juice.
 */
export class BaselineViews {
  readonly config = new AppConfig();
  readonly translator = new Translator(this.config.templatesDir);
  private readonly html = Handlebars.create();
  private readonly text = Handlebars.create();
  private readonly templates = new Map<string, Handlebars.TemplateDelegate>();
  private readonly css: string;

  /** `names`: templates (without .hbs) rendered by the baseline; `.txt` ones are text templates. */
  constructor(names: string[]) {
    registerHelpers(this.html, this.config, this.translator);
    registerHelpers(this.text, this.config, this.translator);
    const partials = join(this.config.templatesDir, 'partials');
    for (const file of walk(partials)) {
      const name = relative(partials, file)
        .replace(/\\/g, '/')
        .replace(/\.hbs$/, '');
      const source = readFileSync(file, 'utf8');
      if (file.endsWith('.txt.hbs'))
        this.text.registerPartial(name, this.text.compile(source, { noEscape: true }));
      else this.html.registerPartial(name, this.html.compile(source));
    }
    for (const name of names) {
      const source = readFileSync(join(this.config.templatesDir, `${name}.hbs`), 'utf8');
      const template = name.endsWith('.txt')
        ? this.text.compile(source, { strict: false, noEscape: true })
        : this.html.compile(source, { strict: false });
      // Handlebars compiles on first call: render once now, so no request pays for it.
      try {
        template({});
      } catch {
        // a template may need data to run; it is compiled all the same
      }
      this.templates.set(name, template);
    }
    this.css = readFileSync(join(this.config.templatesDir, 'documents', 'document.css'), 'utf8');
  }

  private data(model: Record<string, unknown>) {
    const locale = this.config.locale;
    return { ...model, locale, appName: this.translator.translate(locale, 'app.name') };
  }

  private template(name: string): Handlebars.TemplateDelegate {
    const template = this.templates.get(name);
    if (!template) throw new Error(`baseline: template ${name} not compiled at start`);
    return template;
  }

  /** A page or document body in a layout (ViewService.render). */
  render(name: string, model: Record<string, unknown>, layout: string): string {
    const data = this.data(model);
    return this.template(`layouts/${layout}`)({ ...data, body: this.template(name)(data) });
  }

  /** A document: inlined email HTML and its plain-text twin (DocumentRenderer.render). */
  document(name: string, model: Record<string, unknown>): { html: string; text: string } {
    const html = juice(this.render(name, model, 'document'), {
      extraCss: this.css,
      removeStyleTags: true,
      preserveMediaQueries: true,
      applyWidthAttributes: true,
      applyAttributesTableElements: true,
    });
    return { html, text: tidyText(this.template(`${name}.txt`)(this.data(model))) };
  }

  t(key: string, params: Record<string, string | number> = {}): string {
    return this.translator.translate(this.config.locale, key, params);
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : entry.endsWith('.hbs') ? [path] : [];
  });
}
