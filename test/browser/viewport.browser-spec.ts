import type { BrowserContext, Page } from 'playwright-core';
import { randomToken, sha256 } from '../../src/common/secrets';
import { UnsubscribeToken } from '../../src/mail/newsletter/unsubscribe-token.entity';
import {
  createBrowserTestApp,
  screenshot,
  seriousAccessibilityViolations,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { headerNavRows, labelsOverlappingTheirBox, pageOverflow } from '../support/layout-probes';
import { seedLongData, type LongData } from '../support/long-data';
import { createStaff, type Staff } from '../support/staff';

/** A phone, a laptop, a desktop screen. */
const WIDTHS = [375, 1280, 1920];

interface Visit {
  path: string;
  status?: number;
}

/**
 * Every page, filled with long real-world names (test/support/long-data.ts), at every width: the
 * page itself never gets wider than the window. A wide table may scroll inside its own container.
 */
describe('browser: pages with long data fit the screen at 375, 1280 and 1920 px', () => {
  let t: BrowserTestApp;
  let admin: Staff;
  let data: LongData;
  /** The set-up page exists only until the first account: measured before the data is seeded. */
  let setupPage: string[];

  beforeAll(async () => {
    t = await createBrowserTestApp({
      now: '2026-03-02T09:00:00Z',
      env: { PUBLIC_ARCHIVE: 'true' },
    });
    const context = await t.newContext();
    setupPage = await overflowingPages(await context.newPage(), [{ path: '/setup' }]);
    await context.close();
    admin = await createStaff(t, 'admin');
    data = await seedLongData(t, admin);
  }, 120_000);
  afterAll(() => t.close());

  /** Opens each page once, then measures it at each width; returns every page that overflows. */
  async function overflowingPages(page: Page, visits: Visit[]): Promise<string[]> {
    const failures: string[] = [];
    for (const visit of visits) {
      await page.setViewportSize({ width: WIDTHS[0], height: 900 });
      const response = await page.goto(visit.path);
      expect(`${visit.path} → ${response?.status()}`).toBe(
        `${visit.path} → ${visit.status ?? 200}`,
      );
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        if (width === WIDTHS[0]) {
          // On a phone, tables scroll in their own regions: each must stay reachable.
          for (const v of await seriousAccessibilityViolations(page)) {
            failures.push(`${visit.path} at ${width} px: ${v.id} ${JSON.stringify(v.nodes)}`);
          }
        }
        const overflow = await pageOverflow(page);
        if (overflow) {
          failures.push(
            `${visit.path} at ${width} px: the page is ${overflow.scrollWidth} px wide; widest: ${overflow.widest}`,
          );
        }
      }
    }
    return failures;
  }

  async function staffPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, admin.user.email, admin.password);
    return { context, page };
  }

  it('the first-run set-up page fits', () => {
    expect(setupPage).toEqual([]);
  });

  it('every staff page fits, and stays accessible on a phone', async () => {
    const { context, page } = await staffPage();
    const d = data;
    const paths = [
      '/',
      '/partners',
      `/partners?q=${encodeURIComponent('Groupement')}`,
      '/partners/new',
      `/partners/${d.partnerId}`,
      `/partners/${d.partnerId}/edit`,
      `/partners/${d.partnerId}/contacts/${d.contactId}/edit`,
      `/partners/${d.partnerId}/contacts/${d.contactId}/personal-data`,
      `/partners/${d.partnerId}/contacts/${d.contactId}/erase`,
      `/partners/${d.partnerId}/meetings`,
      `/partners/${d.partnerId}/projects`,
      '/partners/import',
      '/meetings',
      '/meetings?when=past',
      '/meetings/calendar?month=2026-03',
      '/meetings/new',
      `/meetings/${d.plannedMeetingId}`,
      `/meetings/${d.plannedMeetingId}/edit`,
      `/meetings/${d.plannedMeetingId}/invite`,
      `/meetings/${d.plannedMeetingId}/check-in`,
      `/meetings/${d.plannedMeetingId}/agenda`,
      `/meetings/${d.plannedMeetingId}/speakers`,
      `/meetings/${d.heldMeetingId}`,
      `/meetings/${d.heldMeetingId}/minutes`,
      `/meetings/${d.heldMeetingId}/sign-in`,
      '/themes',
      '/themes/new',
      `/themes/${d.themeId}`,
      `/themes/${d.themeId}/edit`,
      '/speakers',
      '/speakers/new',
      `/speakers/${d.speakerId}/edit`,
      '/projects',
      '/projects?state=stale',
      '/projects/new',
      `/projects/${d.projectId}`,
      '/desk/newsletters',
      `/desk/newsletters/${d.draftNewsletterId}`,
      `/desk/newsletters/${d.publishedNewsletterId}`,
      '/desk/news',
      `/desk/news/${d.newsId}`,
      '/outbox',
      '/admin/users',
      '/admin/tokens',
      '/admin/audit',
      '/admin/retention',
      '/reports/activity',
    ];
    const visits: Visit[] = [
      ...paths.map((path) => ({ path })),
      { path: '/themes/987654', status: 404 },
    ];
    expect(await overflowingPages(page, visits)).toEqual([]);
    await context.close();
  }, 300_000);

  it('the public pages fit: answer and follow-up links, sign-in, archive, errors', async () => {
    const token = randomToken();
    await t.dataSource.getRepository(UnsubscribeToken).save({
      tokenHash: sha256(token),
      contactId: data.contactId,
      createdAt: new Date(),
      lastUsedAt: null,
    });
    const context = await t.newContext();
    const page = await context.newPage();
    const visits: Visit[] = [
      { path: '/login' },
      { path: '/portal/sign-in' },
      { path: `/r/${data.answerToken}` },
      { path: `/follow-up/${data.followUpToken}` },
      { path: `/u/${token}` },
      { path: '/archive' },
      { path: '/minutes' },
      { path: data.publicMinutesPath },
      { path: '/newsletters' },
      { path: data.publicNewsletterPath },
      { path: `/minutes/${data.heldMeetingId}/1`, status: 404 },
      { path: '/nothing-here/at-all', status: 404 },
      { path: '/portal/link/unknown-link-0123456789', status: 410 },
    ];
    expect(await overflowingPages(page, visits)).toEqual([]);
    await context.close();
  }, 120_000);

  it('the partner portal fits', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await page.goto(`/portal/link/${data.portalToken}`);
    expect(new URL(page.url()).pathname).toBe('/portal');
    const paths = [
      '/portal',
      '/portal/minutes',
      '/portal/newsletters',
      '/portal/projects',
      `/portal/projects/${data.projectId}`,
      '/portal/search?q=r%C3%A9union',
    ];
    expect(
      await overflowingPages(
        page,
        paths.map((path) => ({ path })),
      ),
    ).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    const nav = await headerNavRows(page);
    expect({ ...nav, fits: nav.rows <= 2 && nav.navHeight <= 2.25 * nav.itemHeight }).toEqual({
      ...nav,
      fits: true,
    });
    await context.close();
  }, 120_000);

  it('keeps the staff navigation within two rows at 1280 px, and reachable at 375 px', async () => {
    const { context, page } = await staffPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/partners');
    const nav = await headerNavRows(page);
    // Two rows at most, measured both ways: rows of items, and height against the tallest item.
    expect({ ...nav, fits: nav.rows <= 2 && nav.navHeight <= 2.25 * nav.itemHeight }).toEqual({
      ...nav,
      fits: true,
    });
    await page.setViewportSize({ width: 375, height: 800 });
    const menu = page.getByRole('navigation', { name: 'Navigation principale' });
    if (!(await menu.getByRole('link', { name: 'Partenaires' }).isVisible())) {
      await menu.getByText('Menu').click();
    }
    await menu.getByRole('link', { name: 'Réunions' }).click();
    await page.waitForURL('**/meetings');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('keeps every answer label beside its box on the answer page, and screenshots', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await page.goto(`/r/${data.answerToken}`);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `viewport-answer-${width}`);
      expect({ width, overlaps: await labelsOverlappingTheirBox(page) }).toEqual({
        width,
        overlaps: [],
      });
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();

    const staff = await staffPage();
    for (const [name, path] of [
      ['dashboard', '/'],
      ['partner', `/partners/${data.partnerId}`],
    ]) {
      await staff.page.goto(path);
      for (const width of [375, 1280]) {
        await staff.page.setViewportSize({ width, height: 900 });
        await screenshot(staff.page, `viewport-${name}-${width}`);
      }
      expect(await seriousAccessibilityViolations(staff.page)).toEqual([]);
    }
    await staff.context.close();
  }, 120_000);
});
