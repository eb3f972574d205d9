import { Partner } from '../../src/partners/partner.entity';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { createStaff, type Staff } from '../support/staff';
import {
  createAgendaItem,
  createMeeting,
  createPartner,
  createSpeaker,
  createTheme,
  PLACES,
} from '../support/themes';

describe('browser: themes backlog and finding a speaker for a meeting', () => {
  let t: BrowserTestApp;
  let staff: Staff;
  let theme: { id: number };
  let meeting: { id: number };
  let cheap: { id: number };

  beforeAll(async () => {
    t = await createBrowserTestApp({ now: '2026-02-01T10:00:00Z' });
    staff = await createStaff(t, 'coordinator');
    theme = await createTheme(staff, {
      title: 'Clauses sociales dans les marchés publics',
      description: 'Comment les acheteurs publics réservent des heures d’insertion.',
      tags: ['insertion', 'marchés publics'],
    });
    await createTheme(staff, { title: 'Mobilité des jeunes' });
    const partner: Partner = await createPartner(t, 'Mission locale de Lille');
    await staff.api
      .post(`/api/themes/${theme.id}/interest`)
      .send({ partnerId: partner.id })
      .expect(200);
    meeting = await createMeeting(t, {
      title: 'Plénière de mars',
      startsAt: '2026-03-12T09:00:00Z',
      place: PLACES.lille,
    });
    await createAgendaItem(t, meeting.id, 'Intervention sur les clauses', 1);
    cheap = await createSpeaker(staff, {
      name: 'Anne Proche',
      feeCents: 12000,
      themeIds: [theme.id],
      address: 'Roubaix',
      ...PLACES.roubaix,
    });
    await createSpeaker(staff, {
      name: 'Bernard Cher',
      feeCents: 60000,
      themeIds: [theme.id],
      address: 'Lille',
      ...PLACES.lille,
    });
    await createSpeaker(staff, {
      name: 'Chloé Sans Adresse',
      feeCents: 8000,
      themeIds: [theme.id],
    });
  });
  afterAll(() => t.close());

  it('shows the backlog, a theme, the speakers and the search (accessible)', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.goto('/themes');
    await page.getByRole('heading', { name: 'Les plus demandés' }).waitFor();
    await checkPage(page, 'themes');
    await page
      .getByRole('link', { name: 'Clauses sociales dans les marchés publics' })
      .first()
      .click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.textContent('main')).toContain('Mission locale de Lille');
    await checkPage(page, 'theme-detail');
    await page.goto('/speakers');
    expect(await page.textContent('main')).toContain('120,00 €');
    await checkPage(page, 'speakers');
    await page.goto(`/meetings/${meeting.id}/speakers`);
    expect(await page.textContent('main')).toContain('distance inconnue');
    await checkPage(page, 'meeting-speakers');
    await context.close();
  });

  it('finds a speaker under a maximum fee for a meeting and puts them on the agenda', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, staff.user.email, staff.password);
    await page.goto(`/themes/${theme.id}`);
    await page.getByLabel('Programmer sur une réunion à venir').selectOption(String(meeting.id));
    await page.getByRole('button', { name: 'Choisir un intervenant' }).click();
    await page.waitForURL((url) => url.pathname === `/meetings/${meeting.id}/speakers`);
    await page.getByLabel('Honoraires maximum (€)').fill('150');
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('maxFee') === '150');
    const rows = await page
      .locator('table.speaker-results tbody th[scope="row"]')
      .allTextContents();
    expect(rows.map((r) => r.trim())).toEqual(['Anne Proche', 'Chloé Sans Adresse']);
    await checkPage(page, 'meeting-speakers-filtered');

    await page.getByLabel('Point de l’ordre du jour pour Anne Proche').selectOption({
      label: 'Intervention sur les clauses',
    });
    await page
      .getByRole('row', { name: /Anne Proche/ })
      .getByRole('button', { name: 'Programmer' })
      .click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Anne Proche');

    const detail = await staff.api.get(`/api/themes/${theme.id}`).expect(200);
    expect(detail.body.status).toBe('scheduled');
    expect(detail.body.scheduledOn[0]).toMatchObject({
      meetingId: meeting.id,
      speaker: { id: cheap.id, name: 'Anne Proche' },
      speakerFeeCents: 12000,
    });
    await context.close();
  });
});
