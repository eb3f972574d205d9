import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { createContact, createPartner } from '../support/partners';
import { createStaff, type Staff } from '../support/staff';

/**
 * Meeting series in a real browser: a coordinator schedules "le 2e mardi du mois" through the
 * form, sees the occurrences across the March change to summer time, moves one, cancels another
 * and downloads the series' .ics, which ical.js reads back.
 */
describe('browser: meeting series', () => {
  let t: BrowserTestApp;
  let staff: Staff;
  let partner: { id: number };

  beforeAll(async () => {
    t = await createBrowserTestApp({
      now: '2026-12-01T09:00:00Z',
      env: { TIME_ZONE: 'Europe/Paris' },
    });
    staff = await createStaff(t, 'coordinator');
    partner = await createPartner(staff, { name: 'Mission locale de Mons' });
    await createContact(staff, partner.id, { fullName: 'Hélène Dupré', email: 'helene@mons.test' });
  });
  afterAll(() => t.close());

  it('creates a monthly series, moves and cancels one occurrence, and exports the series', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, staff.user.email, staff.password);

    await page.goto('/meetings/new');
    await page.getByLabel('Titre').fill('Plateforme emploi');
    await page.getByLabel('Date', { exact: true }).fill('2027-01-12');
    await page.getByLabel('Début').fill('10:00');
    await page.getByLabel('Fin', { exact: true }).fill('12:00');
    await page.getByLabel('Fréquence').selectOption('monthly');
    await page.getByLabel('Chaque mois, le').selectOption('2');
    await page.getByLabel('Jour de la semaine').selectOption('TU');
    await page.getByLabel('Nombre de réunions (100 au plus)').fill('6');
    await page.getByLabel('Jours à sauter (facultatif)').fill('11/05/2027');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').waitFor();
    await checkPage(page, 'meeting-series');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Série « Plateforme emploi »',
    );
    await page.getByText('Se répète le 2e mardi du mois, à 10 h 00 (5 réunions).').waitFor();
    const rows = page.getByRole('row');
    // Header + 5 occurrences (11 May skipped); 10:00 stays 10:00 after the end of March.
    expect(await rows.count()).toBe(6);
    expect(await rows.nth(3).textContent()).toContain('mardi 9 mars 2027');
    expect(await rows.nth(4).textContent()).toContain('mardi 13 avril 2027');
    expect(await rows.nth(4).textContent()).toContain('10 h 00–12 h 00');

    // Invite every active partner to the series, then record its answer for the whole series.
    await page
      .getByRole('button', { name: 'Inviter tous les partenaires actifs à chaque réunion à venir' })
      .click();
    await page.getByRole('status').waitFor();
    await page.getByLabel('Partenaire invité').selectOption(String(partner.id));
    await page.getByLabel('Nous serons excusés').check();
    await page.getByRole('button', { name: 'Enregistrer pour chaque réunion à venir' }).click();
    await page.getByText('Réponse enregistrée pour chaque réunion à venir').waitFor();
    const series = await staff.api.get('/api/meeting-series/1').expect(200);
    for (const occurrence of series.body.occurrences as Array<{ meetingId: number }>) {
      const detail = await staff.api.get(`/api/meetings/${occurrence.meetingId}`).expect(200);
      expect(detail.body.invitations.map((i: { answer: string }) => i.answer)).toEqual(['excused']);
    }

    // Move the February meeting through its own edit page.
    await page.getByRole('link', { name: 'mardi 9 février 2027' }).click();
    await page.getByText('Réunion 2 sur 5 de la série').waitFor();
    const februaryUrl = page.url();
    await page.goto(`${februaryUrl}/edit`);
    await page.getByLabel('Date', { exact: true }).fill('2027-02-10');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').waitFor();

    // Cancel the April one from its hub, reached through the series page.
    await page.getByRole('link', { name: '« Plateforme emploi »' }).click();
    await page.getByRole('link', { name: 'mardi 13 avril 2027' }).click();
    await page.locator('summary', { hasText: 'Annuler la réunion' }).click();
    await page.getByLabel('Motif de l’annulation').fill('Vacances de Pâques');
    await page
      .getByRole('button', { name: 'Annuler la réunion et prévenir les partenaires' })
      .click();
    await page.getByRole('status').waitFor();

    await page.getByRole('link', { name: '« Plateforme emploi »' }).click();
    await page.getByText('Déplacée (prévue le mardi 9 février 2027)').waitFor();
    await page.getByRole('cell', { name: 'Annulée' }).waitFor();
    await checkPage(page, 'meeting-series-changed');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Ajouter la série à mon agenda (.ics)' }).click(),
    ]);
    const ics = readFileSync(await download.path(), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const [master, moved] = calendar.getAllSubcomponents('vevent');
    expect(String(master.getFirstPropertyValue('rrule'))).toBe(
      'FREQ=MONTHLY;COUNT=6;BYDAY=TU;BYSETPOS=2',
    );
    expect(master.getAllProperties('exdate').map((p) => p.toICALString())).toEqual([
      'EXDATE;TZID=Europe/Paris:20270413T100000,20270511T100000',
    ]);
    expect(moved.getFirstProperty('recurrence-id')!.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Paris:20270209T100000',
    );
    await context.close();
  });
});
