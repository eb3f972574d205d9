import type { Page } from 'playwright-core';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { createMeeting, invite, seedPartners, type SeededPartner } from '../support/meetings';
import { createStaff, type Staff } from '../support/staff';

interface Invitation {
  partnerId: number;
  attendance: string | null;
  present: { contactId: number | null; fullName: string }[];
}

/**
 * The sign-in screen in a real browser, driven with the keyboard only as someone copying a
 * signed sheet would: the first box has the focus, Tab and Shift+Tab move, Space ticks, Enter
 * saves.
 */
describe('browser: attendance from the signed sheet', () => {
  let t: BrowserTestApp;
  let staff: Staff;
  let partners: SeededPartner[];
  let meetingId: number;

  beforeAll(async () => {
    t = await createBrowserTestApp();
    staff = await createStaff(t, 'coordinator');
    partners = await seedPartners(t, 2, { contacts: 2 });
    meetingId = (await createMeeting(staff)).id;
    await invite(
      staff,
      meetingId,
      partners.map((p) => p.id),
    );
    t.clock.set('2026-03-12T10:00:00Z');
  });
  afterAll(() => t.close());

  async function signedIn(): Promise<Page> {
    const context = await t.newContext();
    const page = await context.newPage();
    await signInInBrowser(page, staff.user.email, staff.password);
    return page;
  }

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
  const box = (contactId: number) => `present-${contactId}`;

  it('records the ticked people and a walk-in with Tab, Shift+Tab, Space and Enter', async () => {
    const [first, second] = partners;
    const page = await signedIn();
    await page.goto(`/meetings/${meetingId}/sign-in`);
    await checkPage(page, 'meeting-sign-in');
    // The sheet's order: "Contact 1 de Partenaire A", "Contact 2 de Partenaire A", then B's.
    const lines = [...first.contactIds, ...second.contactIds];
    expect(await focusedId(page)).toBe(box(lines[0]));
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe(box(lines[1]));
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe(box(lines[2]));
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedId(page)).toBe(box(lines[1]));
    await page.keyboard.press('Space');
    await page.keyboard.press('Space'); // ticked, then unticked again
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('walk-in-name-0');
    await page.keyboard.type('Jeanne Passante');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('walk-in-partner-0');
    await page.keyboard.press('ArrowDown'); // the first organisation of the sheet
    await page.keyboard.press('Shift+Tab');
    await Promise.all([page.waitForURL(/saved=1/), page.keyboard.press('Enter')]);
    await page.getByRole('status').waitFor();

    const detail = (await staff.api.get(`/api/meetings/${meetingId}`).expect(200)).body as {
      invitations: Invitation[];
    };
    const of = new Map(detail.invitations.map((i) => [i.partnerId, i]));
    expect(of.get(first.id)).toMatchObject({ attendance: 'present' });
    expect(of.get(first.id)?.present.map((p) => p.contactId ?? p.fullName)).toEqual([
      lines[0],
      'Jeanne Passante',
    ]);
    expect(of.get(second.id)).toMatchObject({ attendance: 'present' });
    expect(of.get(second.id)?.present.map((p) => p.contactId)).toEqual([lines[2]]);

    // The screen shows what was recorded; a click on a name toggles its box.
    expect(await page.isChecked(`#${box(lines[0])}`)).toBe(true);
    expect(await page.isChecked(`#${box(lines[1])}`)).toBe(false);
    await page.getByText(`Contact 2 de ${first.name}`, { exact: true }).click();
    expect(await page.isChecked(`#${box(lines[1])}`)).toBe(true);
    expect(await page.inputValue('#walk-in-name-0')).toBe('Jeanne Passante');
  });
});
