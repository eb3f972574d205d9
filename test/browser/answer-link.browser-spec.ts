import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { invite, createMeeting, seedPartners } from '../support/meetings';
import { createStaff, type Staff } from '../support/staff';

describe('browser: sign-in and a partner answering through the invitation link', () => {
  let t: BrowserTestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp();
    staff = await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  it('signs a staff member in through the form (accessible login and home pages)', async () => {
    const context = await t.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    await checkPage(page, 'login');
    await signInInBrowser(page, staff.user.email, staff.password);
    expect(new URL(page.url()).pathname).toBe('/');
    await checkPage(page, 'home');
    await context.close();
  });

  it('lets a partner answer on a phone and shows the saved answer', async () => {
    const [partner] = await seedPartners(t, 1, { contacts: 2 });
    const meeting = await createMeeting(staff);
    const tokens = await invite(staff, meeting.id, [partner.id]);
    const context = await t.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`/r/${tokens.get(partner.id)}`);
    await checkPage(page, 'answer-link');
    await page.getByLabel('Nous viendrons').check();
    await page.getByLabel(`Contact 1 de ${partner.name}`).check();
    await page.getByRole('button', { name: /envoyer|enregistrer|répondre/i }).click();
    await page.getByRole('status').waitFor();
    const detail = await staff.api.get(`/api/meetings/${meeting.id}`).expect(200);
    const invitation = (detail.body.invitations as { partnerId: number; answer: string }[]).find(
      (i) => i.partnerId === partner.id,
    );
    expect(invitation?.answer).toBe('coming');
    await context.close();
  });
});
