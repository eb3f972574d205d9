import { OutboxMessage } from '../../src/mail/outbox/outbox-message.entity';
import { Invitation } from '../../src/meetings/invitations/invitation.entity';
import { FollowUp } from '../../src/projects/follow-ups/follow-up.entity';
import { checkPage, createBrowserTestApp, type BrowserTestApp } from '../support/browser';
import { createMeetingRecord } from '../support/documents';
import { createMeeting, invite } from '../support/meetings';
import { createContact, createPartner } from '../support/partners';
import { createProject } from '../support/projects';
import { createStaff, type Staff } from '../support/staff';

describe('browser: a partner contact in the portal', () => {
  let t: BrowserTestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createBrowserTestApp({ now: '2026-03-02T09:00:00Z' });
    staff = await createStaff(t, 'coordinator');
  });
  afterAll(() => t.close());

  it('asks for a link, signs in, answers an invitation, reads minutes, searches and adds a follow-up', async () => {
    const mons = await createPartner(staff, { name: 'Mission locale de Mons' });
    const contact = await createContact(staff, mons.id, {
      fullName: 'Hélène Dupré',
      email: 'helene@mons.test',
    });
    const project = await createProject(staff, {
      title: 'Garage solidaire de Mons',
      leadPartnerId: mons.id,
    });
    const meeting = await createMeeting(staff, { title: 'Plateforme emploi de mars' });
    await invite(staff, meeting.id, [mons.id]);
    const held = await createMeetingRecord(t, {
      title: 'Réunion de février',
      startsAt: '2026-02-10T08:30:00Z',
    });
    await staff.api.post(`/api/meetings/${held.meeting.id}/minutes/publish`).expect(201);

    const context = await t.newContext({ viewport: { width: 820, height: 1180 } });
    const page = await context.newPage();
    await page.goto('/portal/sign-in');
    await checkPage(page, 'portal-sign-in');
    await page.getByLabel('Adresse e-mail').fill('helene@mons.test');
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await page.getByText('Si cette adresse est connue, un lien vous a été envoyé.').waitFor();

    const [message] = await t.dataSource.getRepository(OutboxMessage).find({
      where: { purpose: 'portal-link', contactId: contact.id },
      order: { id: 'DESC' },
      take: 1,
    });
    const url = /https?:\/\/\S+\/portal\/link\/[A-Za-z0-9_-]+/.exec(message.text!)![0];
    await page.goto(new URL(url).pathname);
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.getByRole('heading', { name: 'Plateforme emploi de mars' }).waitFor();
    await checkPage(page, 'portal-home');

    await page.getByLabel('Nous viendrons').check();
    await page.getByLabel('Message pour l’agence (facultatif)').fill('Deux personnes');
    await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
    await page.getByRole('status').waitFor();
    const invitation = await t.dataSource
      .getRepository(Invitation)
      .findOneByOrFail({ meetingId: meeting.id, partnerId: mons.id });
    expect(invitation.answer).toBe('coming');

    await page.getByRole('link', { name: 'Comptes rendus' }).click();
    await page.getByRole('heading', { name: 'Comptes rendus publiés' }).waitFor();
    expect(await page.getByRole('link', { name: /Réunion de février/ }).count()).toBe(1);

    // The portal's search box finds the partner's project, the word marked.
    await page.getByRole('search').getByLabel('Rechercher', { exact: true }).fill('garage');
    await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\/portal\/search\?q=garage$/);
    const found = page.getByRole('region', { name: /Projets/ });
    expect(await found.locator('mark').allTextContents()).toEqual(['Garage']);
    await checkPage(page, 'portal-search');
    await found.getByRole('link', { name: 'Garage solidaire de Mons' }).click();
    await page.getByRole('heading', { name: 'Garage solidaire de Mons' }).waitFor();
    await checkPage(page, 'portal-project');
    await page.getByLabel('Où en est le projet ?').fill('Le garage a ouvert ses portes.');
    await page.getByLabel('Prochaine étape (facultatif)').fill('Bilan à trois mois');
    await page.getByRole('button', { name: 'Enregistrer le suivi' }).click();
    await page.getByRole('status').waitFor();
    await page.getByText('Le garage a ouvert ses portes.').waitFor();
    const followUps = await t.dataSource
      .getRepository(FollowUp)
      .find({ where: { projectId: project.id } });
    expect(followUps.map((f) => [f.text, f.authorContactId])).toEqual([
      ['Le garage a ouvert ses portes.', contact.id],
    ]);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await page.goto('/portal/projects');
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await context.close();
  });
});
