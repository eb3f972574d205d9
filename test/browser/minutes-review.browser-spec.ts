import { OutboxMessage } from '../../src/mail/outbox/outbox-message.entity';
import {
  checkPage,
  createBrowserTestApp,
  signInInBrowser,
  type BrowserTestApp,
} from '../support/browser';
import { createMeetingRecord } from '../support/documents';
import { createStaff, type Staff } from '../support/staff';

describe('browser: the attendees review the minutes before publication', () => {
  let t: BrowserTestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp({ now: '2026-03-16T09:00:00Z' });
    staff = await createStaff(t, 'coordinator');
  });
  afterAll(() => t.close());

  it('staff open a round, the attendee proposes through the mailed link, staff accept and publish', async () => {
    const record = await createMeetingRecord(t, {
      title: 'Forum emploi de mars',
      startsAt: '2026-03-12T08:30:00Z',
      partners: [
        {
          name: 'Mission locale de Mons',
          attendance: 'present',
          contacts: [{ name: 'Hélène Dupré', email: 'helene@mons.test', present: true }],
        },
      ],
      agenda: [
        {
          title: 'Bilan du forum',
          summary: 'Le forum a réuni 40 jeunes.\n\nTrois entreprises ont recruté sur place.',
        },
      ],
    });
    const id = record.meeting.id;

    const staffContext = await t.newContext();
    const desk = await staffContext.newPage();
    await signInInBrowser(desk, staff.user.email, staff.password);
    await desk.goto(`/meetings/${id}/minutes`);
    await desk.getByRole('link', { name: 'Relecture par les participants' }).click();
    await desk.getByLabel('Propositions acceptées jusqu’au (inclus)').fill('2026-03-20');
    await desk.getByRole('button', { name: 'Ouvrir la relecture' }).click();
    await desk.getByRole('status').filter({ hasText: 'La relecture est ouverte' }).waitFor();

    const [message] = await t.dataSource.getRepository(OutboxMessage).find({
      where: { purpose: 'minutes-review', recipientEmail: 'helene@mons.test' },
      take: 1,
    });
    const url = /https?:\/\/\S+(\/portal\/link\/[A-Za-z0-9_-]+\?to=\S+)/.exec(message.text!)![1];
    const attendee = await (
      await t.newContext({ viewport: { width: 820, height: 1180 } })
    ).newPage();
    await attendee.goto(url);
    expect(new URL(attendee.url()).pathname).toBe(`/portal/reviews/${id}`);
    await checkPage(attendee, 'portal-minutes-review');
    const paragraph = attendee.locator('#paragraph-1');
    await paragraph.getByLabel('Texte proposé').check();
    await paragraph.getByRole('textbox').fill('Quatre entreprises ont recruté sur place.');
    await paragraph.getByRole('button', { name: 'Envoyer la proposition' }).click();
    await attendee
      .getByRole('status')
      .filter({ hasText: 'votre proposition est enregistrée' })
      .waitFor();
    await attendee.getByText('en attente').waitFor();

    await desk.reload();
    await desk.getByText('Quatre entreprises ont recruté sur place.').waitFor();
    await checkPage(desk, 'minutes-review');
    await desk.getByRole('button', { name: 'Accepter' }).click();
    await desk.getByRole('status').filter({ hasText: 'La proposition est acceptée' }).waitFor();

    await desk.getByRole('link', { name: 'Compte rendu', exact: true }).click();
    await desk.getByLabel(/Je confirme la publication/).check();
    await desk.getByRole('button', { name: 'Publier le compte rendu' }).click();
    await desk.getByRole('status').filter({ hasText: 'version 1' }).waitFor();
    await desk.goto(`/minutes/${id}/1`);
    const published = await desk.content();
    expect(published).toContain('Relu par Hélène Dupré');
    expect(published).toContain('Quatre entreprises ont recruté sur place.');
    expect(published).toContain('Corrections issues de la relecture');
    await staffContext.close();
  });
});
