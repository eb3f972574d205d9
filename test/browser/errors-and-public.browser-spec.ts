import { randomToken, sha256 } from '../../src/common/secrets';
import { Transactions } from '../../src/database/transactions';
import { UnsubscribeToken } from '../../src/mail/newsletter/unsubscribe-token.entity';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { createContacts } from '../support/mail';
import { createStaff, type Staff } from '../support/staff';

describe('browser: error pages and public pages', () => {
  let t: BrowserTestApp;
  let coordinator: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp({ env: { PUBLIC_ARCHIVE: 'true' } });
  });
  afterAll(() => t.close());

  it('shows the first-run set-up page while no account exists (accessible)', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    const response = await page.goto('/setup');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checkPage(page, 'setup');
    await context.close();
    coordinator = await createStaff(t, 'coordinator');
  });

  it('shows the login page (accessible)', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await checkPage(page, 'login-public');
    await context.close();
  });

  it('shows the French 404 page to anonymous visitors and signed-in staff', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    const anonymous = await page.goto('/nothing-here/at-all');
    expect(anonymous?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Erreur 404');
    expect(await page.textContent('main')).toContain('Cette page n’existe pas ou plus.');
    await checkPage(page, 'error-404-anonymous');

    await signInInBrowser(page, coordinator.user.email, coordinator.password);
    const signedIn = await page.goto('/themes/987654');
    expect(signedIn?.status()).toBe(404);
    expect(await page.textContent('main')).toContain('Cette page n’existe pas ou plus.');
    // The same layout as every page: the staff header is there.
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(1);
    await checkPage(page, 'error-404-signed-in');
    await context.close();
  });

  it('refuses a coordinator the admin API, and shows the French 403 page for a forged form', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, coordinator.user.email, coordinator.password);
    // The API answers JSON, even to a browser: 403, nothing listed.
    const api = await page.goto('/api/users');
    expect(api?.status()).toBe(403);

    // A form posted with a wrong CSRF token (as a forged cross-site form would be) is refused
    // with the HTML 403 page. The token is altered through DevTools: the page's CSP stays on.
    await page.goto('/themes/new');
    await page.locator('form[action="/themes/new"] input[name="_csrf"]').evaluate((input) => {
      (input as unknown as { value: string }).value = 'forged';
    });
    await page.getByLabel('Titre').fill('Forgé');
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/themes/new') && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: 'Enregistrer' }).click(),
    ]);
    expect(response.status()).toBe(403);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Erreur 403');
    expect(await page.textContent('main')).toContain('Vous n’avez pas accès à cette page.');
    await checkPage(page, 'error-403');
    await context.close();
  });

  it('shows the public archive, minutes and newsletters pages (accessible)', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    for (const [path, name] of [
      ['/archive', 'public-archive'],
      ['/minutes', 'public-minutes'],
      ['/newsletters', 'public-newsletters'],
    ]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await checkPage(page, name);
    }
    await context.close();
  });

  it('shows the unsubscribe page of a newsletter link (accessible)', async () => {
    const [contact] = await createContacts(coordinator, [
      { name: 'Marie Lefèvre', email: 'marie@partenaire.test', consent: true },
    ]);
    const token = randomToken();
    await t.app.get(Transactions).run((manager) =>
      manager.getRepository(UnsubscribeToken).save({
        tokenHash: sha256(token),
        contactId: contact.id,
        createdAt: new Date(),
        lastUsedAt: null,
      }),
    );
    const context = await t.newContext();
    const page = await context.newPage();
    const response = await page.goto(`/u/${token}`);
    expect(response?.status()).toBe(200);
    await checkPage(page, 'unsubscribe');
    await context.close();
  });

  it('shows the French 500 page, without a stack trace, when the database is gone', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await t.dataSource.destroy();
    try {
      const response = await page.goto('/archive');
      expect(response?.status()).toBe(500);
      const text = (await page.textContent('body')) ?? '';
      expect(text).toContain('Erreur 500');
      expect(text).toContain('Une erreur inattendue s’est produite.');
      expect(text).not.toMatch(/\bat .+\.(js|ts):\d+/);
      expect(text).not.toMatch(/TypeORM|QueryFailed|Error:/);
      await checkPage(page, 'error-500');
    } finally {
      await t.dataSource.initialize();
      await context.close();
    }
  });
});
