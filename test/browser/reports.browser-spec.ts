import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { pageOverflow } from '../support/layout-probes';
import { seedReportNetwork } from '../support/reports';
import { createStaff, type Staff } from '../support/staff';

describe('browser: activity report', () => {
  let t: BrowserTestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp({ now: '2026-07-01T10:00:00Z' });
    staff = await createStaff(t, 'coordinator');
    await seedReportNetwork(t, staff);
  });
  afterAll(() => t.close());

  it('reaches the report from the home page, changes the period, and stays accessible', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.getByRole('link', { name: 'Bilan d’activité' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bilan d’activité' }).waitFor();
    await page.getByRole('img', { name: /Taux de participation par mois/ }).waitFor();
    await checkPage(page, 'activity-report');

    await page.getByLabel('Du', { exact: true }).fill('2026-03-01');
    await page.getByLabel('Au', { exact: true }).fill('2026-03-31');
    await page.getByRole('button', { name: 'Afficher le bilan' }).click();
    await page.getByText('Période : mars 2026').waitFor();
    expect(await page.locator('table.report-meetings tbody tr').count()).toBe(1);
    const pdf = page.getByRole('button', { name: 'Télécharger en PDF' });
    expect(await pdf.getAttribute('href')).toBe(
      '/reports/activity.pdf?from=2026-03-01&to=2026-03-31',
    );

    await page.getByLabel('Du', { exact: true }).fill('2026-05-01');
    await page.getByLabel('Au', { exact: true }).fill('2026-04-01');
    await page.getByRole('button', { name: 'Afficher le bilan' }).click();
    await page
      .getByRole('alert')
      .getByText('Le début de la période ne peut pas suivre sa fin.')
      .waitFor();
    expect(await page.getByLabel('Au', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'activity-report-refused');
    await context.close();
  });

  it('fits a phone: the page never gets wider than the window, tables scroll in their regions', async () => {
    const context = await t.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto('/login');
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.goto('/reports/activity?year=2026');
    await page.getByRole('img', { name: /Taux de participation par mois/ }).waitFor();
    expect(await pageOverflow(page)).toBeNull();
    await checkPage(page, 'activity-report-375');
    await context.close();
  });
});
