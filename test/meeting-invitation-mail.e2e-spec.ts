import ICAL from 'ical.js';
import request from 'supertest';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { MailOutbox } from '../src/mail/outbox/mail-outbox.service';
import { Invitation } from '../src/meetings/invitations/invitation.entity';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createMeeting, MEETING } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { headerValues, TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

function eventOf(ics: string): { method: string; uid: string; status: string; summary: string } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    status: String(event.getFirstPropertyValue('status')),
    summary: String(event.getFirstPropertyValue('summary')),
  };
}

describe('invitation and cancellation mail', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let staff: Staff;
  let mons: { id: number };
  let liege: { id: number };

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ now: '2026-03-01T09:00:00Z', env: { SMTP_URL: smtp.url } });
    staff = await createStaff(t);
    mons = await createPartner(staff, { name: 'Mission locale de Mons' });
    await createContact(staff, mons.id, { fullName: 'Hélène Dupré', email: 'helene@mons.test' });
    await createContact(staff, mons.id, { fullName: 'Loïc Vermeulen', email: 'loic@mons.test' });
    await createContact(staff, mons.id, { fullName: 'Sans Adresse', email: null });
    liege = await createPartner(staff, { name: 'Forem Liège' });
    await createContact(staff, liege.id, { fullName: 'Zoé N’Diaye', email: 'zoe@liege.test' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const outbox = () => t.dataSource.getRepository(OutboxMessage);

  it('enqueues one invitation per contact with an email, with the answer link and the .ics', async () => {
    const meeting = await createMeeting(staff, { title: 'Plateforme « Emploi & insertion »' });
    const invited = await staff.api
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ partnerIds: [mons.id] })
      .expect(201);
    const link = (invited.body.links as { url: string }[])[0].url;
    const queued = await outbox().find({ where: { purpose: 'invitation' }, order: { id: 'ASC' } });
    expect(queued.map((m) => m.recipientEmail)).toEqual(['helene@mons.test', 'loic@mons.test']);
    expect(queued.map((m) => m.idempotencyKey)).toEqual([
      `invitation:${meeting.id}:${queued[0].contactId}`,
      `invitation:${meeting.id}:${queued[1].contactId}`,
    ]);

    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(2);
    const [helene] = smtp.copiesFor('helene@mons.test');
    const [loic] = smtp.copiesFor('loic@mons.test');
    expect(helene.mail.subject).toBe('Invitation : Plateforme « Emploi & insertion »');
    expect(helene.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(helene.mail.text).toContain('Bonjour Hélène Dupré,');
    expect(helene.mail.text).toContain(link);
    expect(helene.mail.text).toContain('jeudi 12 mars 2026');
    expect(helene.mail.text).toContain(MEETING.venueAddress);
    expect(helene.mail.html).toContain(`href="${link}"`);
    expect(helene.mail.html).toContain('Plateforme « Emploi &amp; insertion »');
    expect(loic.mail.text).toContain(link); // the partner's one link, shared by its contacts
    expect(headerValues(helene.raw, 'List-Unsubscribe')).toEqual([]);

    const [attachment] = helene.mail.attachments;
    expect(attachment.contentType).toBe('text/calendar');
    expect(attachment.filename).toBe('invitation.ics');
    expect(eventOf(attachment.content.toString('utf8'))).toEqual({
      method: 'PUBLISH',
      uid: `meeting-${meeting.id}@maillage.test`,
      status: 'CONFIRMED',
      summary: 'Plateforme « Emploi & insertion »',
    });

    // The link in the mail opens the answer page.
    const path = new URL(link).pathname;
    await request(t.http).get(path).set('Accept', 'text/html').expect(200);

    // Inviting again adds nobody; a newly invited partner gets its own mail only.
    await staff.api
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ partnerIds: [mons.id, liege.id] })
      .expect(201);
    const after = await outbox().findBy({ purpose: 'invitation' });
    expect(after.map((m) => m.recipientEmail).sort()).toEqual([
      'helene@mons.test',
      'loic@mons.test',
      'zoe@liege.test',
    ]);
  });

  it('a rolled-back invitation leaves no mail', async () => {
    const meeting = await createMeeting(staff, { title: 'Réunion sans suite' });
    const before = await outbox().count();
    // The mail is enqueued, then the transaction fails: neither invitations nor mail remain.
    const mailOutbox = t.app.get(MailOutbox);
    const original = mailOutbox.enqueueMany.bind(mailOutbox);
    const spy = jest
      .spyOn(mailOutbox, 'enqueueMany')
      .mockImplementationOnce(async (manager, messages) => {
        expect(await original(manager, messages)).toBe(2);
        throw new Error('crash after enqueueing');
      });
    try {
      await staff.api
        .post(`/api/meetings/${meeting.id}/invitations`)
        .send({ partnerIds: [mons.id] })
        .expect(500);
    } finally {
      spy.mockRestore();
    }
    expect(await outbox().count()).toBe(before);
    expect(await t.dataSource.getRepository(Invitation).countBy({ meetingId: meeting.id })).toBe(0);
  });

  it('cancelling sends a notice with METHOD:CANCEL to the invited contacts, once', async () => {
    const meeting = await createMeeting(staff, { title: 'Commission annulée' });
    await staff.api
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ partnerIds: [liege.id] })
      .expect(201);
    await t.app.get(MailDispatcher).drainOnce();
    await staff.api
      .post(`/api/meetings/${meeting.id}/cancel`)
      .send({ reason: 'Salle indisponible' })
      .expect(200);
    const notices = await outbox().findBy({ purpose: 'meeting-cancelled' });
    expect(notices.map((m) => m.recipientEmail)).toEqual(['zoe@liege.test']);
    await t.app.get(MailDispatcher).drainOnce();
    const received = smtp.copiesFor('zoe@liege.test').at(-1)!;
    expect(received.mail.subject).toBe('Annulée : Commission annulée');
    expect(received.mail.text).toContain('Salle indisponible');
    const event = eventOf(received.mail.attachments[0].content.toString('utf8'));
    expect(event).toMatchObject({
      method: 'CANCEL',
      uid: `meeting-${meeting.id}@maillage.test`,
      status: 'CANCELLED',
    });
  });
});
