import type { Page } from 'playwright-core';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { createMeeting, invite, seedPartners } from '../support/meetings';
import { createStaff, type Staff } from '../support/staff';
import { createTheme } from '../support/themes';

/**
 * The meeting loop in a real browser: an agenda item given a theme from the form's list, then,
 * once the meeting is over, "Clôturer la réunion" followed step by step from the meetings list.
 */
describe('browser: closing the meeting loop', () => {
  let t: BrowserTestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp();
    staff = await createStaff(t, 'coordinator');
  });
  afterAll(() => t.close());

  async function signedIn(): Promise<Page> {
    const page = await (await t.newContext()).newPage();
    await signInInBrowser(page, staff.user.email, staff.password);
    return page;
  }

  it('gives an agenda item a theme, then closes the meeting once it is over', async () => {
    t.clock.set('2026-03-02T09:00:00Z');
    await createTheme(staff, { title: 'Mobilité des jeunes' });
    const [partner] = await seedPartners(t, 1);
    const meeting = await createMeeting(staff, { title: 'Plateforme à boucler' });
    await invite(staff, meeting.id, [partner.id]);

    const page = await signedIn();
    await page.goto(`/meetings/${meeting.id}/agenda`);
    await page.getByLabel('Intitulé du point').fill('Se déplacer pour travailler');
    await page.getByLabel('Thème présenté').fill('mobilité des jeunes');
    await page.getByRole('button', { name: 'Ajouter le point' }).click();
    await page.getByRole('status').waitFor();
    await page.getByText('Thème : Mobilité des jeunes').waitFor();
    await checkPage(page, 'meeting-agenda-theme');

    t.clock.set('2026-03-12T12:00:00Z');
    await page.goto('/meetings?when=past');
    await page.getByRole('link', { name: 'À clôturer : Plateforme à boucler' }).click();
    await page.getByRole('heading', { name: 'Clôturer la réunion' }).waitFor();
    await checkPage(page, 'meeting-closing');

    // Closing too early in the steps says what to do first.
    await page.getByRole('button', { name: 'Clôturer la réunion' }).click();
    await page.getByRole('alert').getByText('Enregistrez d’abord les présences').waitFor();

    await page.getByRole('link', { name: 'Enregistrer les présences' }).click();
    await page.getByRole('radiogroup').getByLabel('Présent').check();
    await page.getByRole('button', { name: /enregistrer/i }).click();
    await page.getByRole('status').waitFor();

    await page.goto(`/meetings/${meeting.id}#closing`);
    await page.getByRole('button', { name: 'Créer le brouillon du compte rendu' }).click();
    await page.getByRole('status').waitFor();
    expect(page.url()).toContain(`/meetings/${meeting.id}/minutes`);

    await page.goto(`/meetings/${meeting.id}#closing`);
    await page.getByRole('button', { name: 'Clôturer la réunion' }).click();
    await page.getByText('La réunion est clôturée.').waitFor();
    expect(await page.getByTestId('closed-on').textContent()).toBe(
      `Réunion clôturée le jeudi 12 mars 2026 à 13 h 00 par ${staff.user.displayName}.`,
    );
    await checkPage(page, 'meeting-closed');
    await page.context().close();
  });
});
