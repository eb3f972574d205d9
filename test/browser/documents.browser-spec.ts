import { MailDispatcher } from '../../src/mail/delivery/mail-dispatcher';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { createMeetingRecord } from '../support/documents';
import { createManyContacts } from '../support/mail';
import { createStaff, type Staff } from '../support/staff';

describe('browser: minutes editor and newsletter desk', () => {
  let t: BrowserTestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp({ now: '2026-03-20T10:00:00Z' });
    staff = await createStaff(t, 'coordinator');
  });
  afterAll(() => t.close());

  it('write and publish the minutes', async () => {
    const record = await createMeetingRecord(t, {
      title: 'Plateforme emploi de mars',
      partners: [
        { name: 'Mission locale de Tourcoing', attendance: 'present', people: ['Zoé Lenoir'] },
        { name: 'CPAS de Mouscron', attendance: 'excused' },
      ],
      agenda: [{ title: 'Clauses sociales', summary: 'Bilan 2025.' }],
    });
    const id = record.meeting.id;
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.goto(`/meetings/${id}/minutes`);
    await checkPage(page, 'minutes-editor');

    await page.getByLabel('Introduction').fill('Merci à la Mission locale pour l’accueil.');
    await page.getByLabel('Décisions').fill('Un groupe de travail est créé.');
    await page.getByRole('button', { name: 'Enregistrer le texte' }).click();
    await page.getByRole('status').filter({ hasText: 'enregistré' }).waitFor();
    // The preview shows the document as it will be published, with the new wording.
    await page
      .frameLocator('iframe.document-preview')
      .getByText('Un groupe de travail est créé.')
      .waitFor();

    await page.getByLabel(/Je confirme la publication/).check();
    await page.getByRole('button', { name: 'Publier le compte rendu' }).click();
    await page.getByRole('status').filter({ hasText: 'version 1' }).waitFor();
    const versions = await staff.api.get(`/api/meetings/${id}/minutes/versions`).expect(200);
    expect(versions.body).toHaveLength(1);

    await page.getByRole('link', { name: 'Compte rendu — Plateforme emploi de mars' }).click();
    await page.waitForURL(`**/minutes/${id}/1`);
    expect(await page.content()).toContain('Merci à la Mission locale pour l’accueil.');
    await context.close();
  });

  it('publish a newsletter and follow its sending', async () => {
    await staff.api
      .post('/api/news')
      .send({
        title: 'Nouveau décret emploi',
        body: 'Il entre en vigueur.',
        kind: 'regulation',
        date: '2026-03-12',
      })
      .expect(201);
    await createManyContacts(t, 30);
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, staff.user.email, staff.password);

    await page.goto('/desk/news');
    await page.getByRole('cell', { name: 'Nouveau décret emploi' }).waitFor();
    await checkPage(page, 'news-list');

    await page.goto('/desk/newsletters');
    await checkPage(page, 'newsletter-desk');
    await page.getByLabel('Du', { exact: true }).fill('2026-03-01');
    await page.getByLabel('Au', { exact: true }).fill('2026-03-31');
    await page.getByLabel('Éditorial').fill('Le printemps de l’emploi.');
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await page.waitForURL(/\/desk\/newsletters\/\d+$/);
    const id = Number(/(\d+)$/.exec(new URL(page.url()).pathname)![1]);
    await page
      .frameLocator('iframe.document-preview')
      .getByText('Nouveau décret emploi')
      .first()
      .waitFor();

    await page.getByLabel(/Je confirme la publication/).check();
    await page.getByRole('button', { name: 'Publier et envoyer la lettre' }).click();
    await page.getByText('Envoi en cours (0 / 30).').waitFor();
    await checkPage(page, 'newsletter-progress');

    // The dispatcher sends everything; the page's script notices without a manual refresh.
    await t.app.get(MailDispatcher).drainOnce();
    // Once everything has left, the page reloads and says so (not "in progress" any more).
    await page.getByText(/Envoyée à 30 destinataires le /).waitFor({ timeout: 20_000 });
    expect(await page.locator('#sending-progress').getAttribute('value')).toBe('30');
    const delivery = await staff.api.get(`/api/newsletters/${id}/delivery`).expect(200);
    expect(delivery.body.progress).toMatchObject({ total: 30, sent: 30 });
    await context.close();
  }, 90_000);
});
