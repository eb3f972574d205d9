import type { Page } from 'playwright-core';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { seedPartners, type SeededPartner } from '../support/meetings';
import { createStaff, type Staff } from '../support/staff';

interface Detail {
  meeting: { id: number; title: string; startsAt: string; status: string };
  invitations: { partnerId: number; answer: string | null; attendance: string | null }[];
  agenda: { title: string }[];
}

/**
 * The meetings pages in a real browser: a coordinator schedules a meeting, invites partners, a
 * partner answers through its link, and attendance is checked in on a tablet.
 */
describe('browser: meetings', () => {
  let t: BrowserTestApp;
  let staff: Staff;
  let plies: SeededPartner[];
  let meetingId: number;
  let answerLink: string;

  beforeAll(async () => {
    t = await createBrowserTestApp();
    staff = await createStaff(t, 'coordinator');
    plies = await seedPartners(t, 2, { kind: 'plie', contacts: 2 });
    await seedPartners(t, 1, { kind: 'company' });
  });
  afterAll(() => t.close());

  const detail = async (id: number) =>
    (await staff.api.get(`/api/meetings/${id}`).expect(200)).body as Detail;

  async function signedIn(viewport?: { width: number; height: number }): Promise<Page> {
    const context = await t.newContext(viewport ? { viewport } : {});
    const page = await context.newPage();
    await signInInBrowser(page, staff.user.email, staff.password);
    return page;
  }

  it('schedules a meeting', async () => {
    const page = await signedIn();
    await page.goto('/meetings');
    await checkPage(page, 'meetings-list');
    await page.getByRole('link', { name: 'Programmer une réunion' }).click();
    await page.getByLabel('Titre').waitFor();
    await checkPage(page, 'meeting-form');
    await page.getByLabel('Titre').fill('Plateforme emploi <mars>');
    await page.getByLabel('Type de réunion').selectOption('network-meeting');
    await page.getByLabel('Date', { exact: true }).fill('2026-03-19');
    await page.getByLabel('Début').fill('09:30');
    await page.getByLabel('Fin', { exact: true }).fill('12:00');
    await page.getByLabel('Lieu').fill('Maison de l’emploi');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').waitFor();
    meetingId = Number(/\/meetings\/(\d+)/.exec(page.url())?.[1]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Plateforme emploi <mars>',
    );
    await checkPage(page, 'meeting-hub');
    const saved = await detail(meetingId);
    expect(saved.meeting.startsAt).toBe('2026-03-19T08:30:00.000Z');

    await page.goto('/meetings/calendar?month=2026-03');
    await page.getByRole('link', { name: /Plateforme emploi <mars>/ }).waitFor();
    await checkPage(page, 'meetings-calendar');

    await page.goto(`/meetings/${meetingId}/agenda`);
    await page.getByLabel('Intitulé du point').fill('Tour de table');
    await page.getByLabel('Type de point').selectOption('round-of-news');
    await page.getByLabel('Durée prévue (minutes)').fill('30');
    await page.getByRole('button', { name: 'Ajouter le point' }).click();
    await page.getByRole('status').waitFor();
    await checkPage(page, 'meeting-agenda');
    expect((await detail(meetingId)).agenda.map((i) => i.title)).toEqual(['Tour de table']);
    await page.context().close();
  });

  it('invites the partners of a kind', async () => {
    const page = await signedIn();
    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Inviter des partenaires' }).click();
    await page.getByLabel('Type', { exact: true }).selectOption('plie');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByLabel(plies[0].name).waitFor();
    expect(await page.getByLabel(plies[0].name).isChecked()).toBe(true);
    await checkPage(page, 'meeting-invite');
    await page.getByRole('button', { name: 'Inviter les partenaires cochés' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('2 nouvelles invitations');
    await checkPage(page, 'meeting-invite-result');
    const link = page.getByRole('row', { name: new RegExp(plies[0].name) }).getByRole('link');
    answerLink = (await link.getAttribute('href')) ?? '';
    expect(answerLink).toMatch(/\/r\/[\w-]+$/);
    const invited = (await detail(meetingId)).invitations.map((i) => i.partnerId).sort();
    expect(invited).toEqual(plies.map((p) => p.id).sort());
    await page.goto(`/meetings/${meetingId}`);
    await page
      .getByRole('button', { name: `Nouveau lien de réponse pour ${plies[0].name}` })
      .waitFor();
    await checkPage(page, 'meeting-hub-invited');
    await page.context().close();
  });

  it('lets the partner answer through the link', async () => {
    const context = await t.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(new URL(answerLink).pathname);
    await page.getByLabel('Nous viendrons').check();
    await page.getByLabel(`Contact 1 de ${plies[0].name}`).check();
    await page.getByRole('button', { name: /enregistrer/i }).click();
    await page.getByRole('status').waitFor();
    const invitation = (await detail(meetingId)).invitations.find(
      (i) => i.partnerId === plies[0].id,
    );
    expect(invitation?.answer).toBe('coming');
    await context.close();
  });

  it('checks attendance in on a tablet', async () => {
    t.clock.set('2026-03-19T08:40:00Z');
    const page = await signedIn({ width: 768, height: 1024 });
    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Pointer les présences' }).click();
    const first = page.getByRole('group', { name: plies[0].name, exact: true });
    expect(await first.getByLabel('Présent').isChecked()).toBe(true);
    await checkPage(page, 'meeting-check-in');
    // Large touch targets: the whole status box is the label.
    const box = await page.locator(`label[for="s-${plies[1].id}-excused"]`).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    // The check-in form fits the tablet's width (no sideways scrolling inside the page content).
    const form = await page.locator('form.check-in').boundingBox();
    expect((form?.x ?? 0) + (form?.width ?? 1000)).toBeLessThanOrEqual(768);
    await page.locator(`label[for="s-${plies[1].id}-excused"]`).click();
    await page.getByRole('button', { name: 'Enregistrer toutes les présences' }).click();
    await page.getByRole('status').waitFor();
    const invitations = (await detail(meetingId)).invitations;
    const by = new Map(invitations.map((i) => [i.partnerId, i.attendance]));
    expect(by.get(plies[0].id)).toBe('present');
    expect(by.get(plies[1].id)).toBe('excused');
    await page.context().close();
  });
});
