import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from './test-app';

/** Debian's Chromium (installed by .ci/run); Playwright cannot download its own browsers here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Screenshots of the main pages, kept as CI artifacts (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export interface BrowserTestApp extends TestApp {
  /** http://127.0.0.1:<port> of the listening app. */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (own cookies), French by default like the users. */
  newContext(options?: {
    locale?: string;
    viewport?: { width: number; height: number };
  }): Promise<BrowserContext>;
}

/**
 * The app listening on a real port, plus a real Chromium. One per test file; close() stops both
 * and drops the database.
 */
export async function createBrowserTestApp(
  options: Parameters<typeof createTestApp>[0] = {},
): Promise<BrowserTestApp> {
  const t = await createTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  return {
    ...t,
    baseUrl,
    browser,
    newContext: (context = {}) =>
      browser.newContext({
        baseURL: baseUrl,
        locale: context.locale ?? 'fr-FR',
        viewport: context.viewport ?? { width: 1280, height: 900 },
      }),
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Signs a staff member in through the login form; the page is left on the home page. */
export async function signInInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/e-mail|courriel|email/i).fill(email);
  await page.getByLabel(/mot de passe|password/i).fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.getByRole('button', { name: /se connecter|sign in/i }).click(),
  ]);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core in the page and returns the serious and critical violations (WCAG 2 A/AA rules).
 * Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays on.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page (no DOM types in this Node project): axe and document are the page's.
    const page = globalThis as unknown as {
      axe: { run: (...args: unknown[]) => Promise<unknown> };
      document: unknown;
    };
    const result = (await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A full-page screenshot under artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Checks accessibility and keeps a screenshot: what every main page's test does. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const violations = await seriousAccessibilityViolations(page);
  expect(violations).toEqual([]);
}
