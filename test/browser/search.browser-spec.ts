import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { pageOverflow } from '../support/layout-probes';
import { createPartner } from '../support/partners';
import { createStaff, type Staff } from '../support/staff';

describe('browser: the search box', () => {
  let t: BrowserTestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp({ now: '2026-07-01T10:00:00Z' });
    staff = await createStaff(t, 'coordinator');
    await createPartner(staff, {
      name: 'Mission locale d’Épinay-sur-Seine',
      kind: 'mission-locale',
    });
    await createPartner(staff, { name: 'PLIE de Lens', kind: 'association' });
  });
  afterAll(() => t.close());

  it('types "epinay" in the header of a staff page and sees the partner, the word marked', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.goto('/meetings');
    const box = page.getByRole('search').getByLabel('Rechercher', { exact: true });
    await box.fill('epinay');
    await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\/search\?q=epinay$/);
    const partners = page.getByRole('region', { name: /Partenaires/ });
    await partners.waitFor();
    expect(await partners.locator('mark').allTextContents()).toEqual(['Épinay']);
    await partners.getByRole('link', { name: 'Mission locale d’Épinay-sur-Seine' }).waitFor();
    expect(await page.getByRole('link', { name: 'PLIE de Lens' }).count()).toBe(0);
    expect(await box.inputValue()).toBe('epinay');
    await checkPage(page, 'search-results');
    await context.close();
  });

  it('fits a phone: the box stays in the header without widening the page', async () => {
    const context = await t.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto('/login');
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.goto('/search?q=lens');
    await page.getByRole('region', { name: /Partenaires/ }).waitFor();
    expect(await pageOverflow(page)).toBeNull();
    await context.close();
  });
});
