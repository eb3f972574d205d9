import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { createContact, createPartner } from '../support/partners';
import { createStaff, type Staff } from '../support/staff';

describe('browser: the partner directory and administration pages', () => {
  let t: BrowserTestApp;
  let admin: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp();
    admin = await createStaff(t, 'admin');
    const partner = await createPartner(admin, {
      name: 'Mission locale de Lens',
      kind: 'mission-locale',
      territory: 'Lens',
    });
    await createContact(admin, partner.id, { fullName: 'Claire Martin', jobTitle: 'Conseillère' });
  });
  afterAll(() => t.close());

  it('creates a partner through the form, then finds it in the list', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, admin.user.email, admin.password);

    await page.goto('/partners');
    await checkPage(page, 'partners-list');
    await page.getByRole('button', { name: 'Nouveau partenaire' }).click();
    await page.getByLabel('Nom', { exact: true }).waitFor();
    await checkPage(page, 'partners-form');

    // An invalid submission first: the message is beside the field, nothing saved.
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Indiquez le nom (200 caractères au plus).').first().waitFor();
    await checkPage(page, 'partners-form-errors');

    await page.getByLabel('Nom', { exact: true }).fill('Régie de quartier Éole');
    await page.getByLabel('Type de structure').selectOption('social-economy');
    await page.getByLabel('Territoire / commune').fill('Roubaix');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').waitFor();
    const id = Number(/\/partners\/(\d+)/.exec(page.url())![1]);
    const saved = await admin.api.get(`/api/partners/${id}`).expect(200);
    expect(saved.body).toMatchObject({
      name: 'Régie de quartier Éole',
      kind: 'social-economy',
      territory: 'Roubaix',
    });

    await page.goto('/partners');
    await page.getByRole('main').getByLabel('Rechercher', { exact: true }).fill('eole');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('link', { name: 'Régie de quartier Éole' }).waitFor();
    expect(await page.getByRole('link', { name: 'Mission locale de Lens' }).count()).toBe(0);
    await context.close();
  });

  it("shows a partner's page with its contacts", async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, admin.user.email, admin.password);
    await page.goto('/partners?q=lens');
    await page.getByRole('link', { name: 'Mission locale de Lens' }).click();
    await page.getByRole('heading', { level: 1, name: /Mission locale de Lens/ }).waitFor();
    expect(await page.getByRole('rowheader', { name: 'Claire Martin' }).count()).toBe(1);
    await checkPage(page, 'partners-show');
    // The "see all" pages behind it (linked once the partner has more than its page shows).
    const partnerPath = new URL(page.url()).pathname;
    await page.goto(`${partnerPath}/meetings`);
    await page
      .getByRole('heading', { level: 1, name: /Réunions de Mission locale de Lens/ })
      .waitFor();
    await checkPage(page, 'partners-meetings');
    await page.goto(`${partnerPath}/projects`);
    await page
      .getByRole('heading', { level: 1, name: /Projets de Mission locale de Lens/ })
      .waitFor();
    await checkPage(page, 'partners-projects');
    await context.close();
  });

  it('previews a CSV import, then applies it', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, admin.user.email, admin.password);
    await page.goto('/partners/import');
    await checkPage(page, 'partners-import');
    await page.getByLabel('Fichier CSV').setInputFiles({
      name: 'partenaires.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Nom;Type;Territoire;Contact;Contact email\nPLIE du Douaisis;plie;Douai;Marc Leroy;marc.leroy@example.org\n',
        'utf8',
      ),
    });
    await page.getByRole('button', { name: 'Voir l’aperçu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aperçu de l’import' }).waitFor();
    await checkPage(page, 'partners-import-preview');
    await page.getByRole('button', { name: 'Confirmer l’import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import terminé' }).waitFor();
    const list = await admin.api.get('/api/partners?q=douaisis').expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ name: 'PLIE du Douaisis', contactCount: 1 });
    await context.close();
  });

  it('shows the administration pages to an administrator', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, admin.user.email, admin.password);
    await page.goto('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Comptes du personnel' }).waitFor();
    await checkPage(page, 'admin-users');
    await page.goto('/admin/tokens');
    await page.getByLabel('Nom', { exact: true }).fill('Script de test');
    await page.getByRole('button', { name: 'Créer le jeton' }).click();
    await page.getByRole('textbox', { name: 'Le jeton' }).waitFor();
    const secret = await page.getByRole('textbox', { name: 'Le jeton' }).inputValue();
    expect(secret).toMatch(/^mlg_/);
    await checkPage(page, 'admin-tokens');
    await context.close();
  });
});
