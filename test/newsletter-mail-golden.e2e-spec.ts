import { MailBody, UNSUBSCRIBE_URL_SLOT } from '../src/mail/outbox/mail-body.entity';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { expectGolden } from './support/golden';
import { createContacts } from './support/mail';
import { TestSmtpServer } from './support/smtp';
import { createStaff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * What the SMTP server receives, normalised only where a message is random by design: the MIME
 * boundaries (nodemailer draws them) and each recipient's unsubscribe token. The golden files were
 * written while every message still stored its own body: they prove that a newsletter sent from a
 * shared body reaches recipients byte for byte as before (headers, HTML, text, List-Unsubscribe),
 * and that a message still queued with its own body sends the same.
 */
function normalised(raw: string): string {
  const token = /\/u\/([A-Za-z0-9_-]{43})>/.exec(raw)![1];
  let result = raw.split(token).join('TOKEN');
  const boundaries = [...result.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((m) => m[1]);
  boundaries.forEach((boundary, i) => (result = result.split(boundary).join(`BOUNDARY${i}`)));
  return result;
}

describe('newsletter mail as received over SMTP (golden)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({
      now: '2026-04-02T08:00:00Z',
      env: { SMTP_URL: smtp.url, MAIL_UNSUBSCRIBE_ADDRESS: 'desabonnement@mde.test' },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sends each recipient the same bytes as when every message stored its own body', async () => {
    const staff = await createStaff(t);
    await createContacts(staff, [
      { name: 'Marie Lefèvre', email: 'marie@partenaire.test', consent: true },
      { name: 'Zoé N’Diaye', email: 'zoe@partenaire.test', consent: true },
    ]);
    const created = await staff.api
      .post('/api/newsletters')
      .send({
        from: '2026-03-01',
        to: '2026-03-31',
        editorial: 'L’atelier CV coûte 5 € <gratuit>.',
      })
      .expect(201);
    await staff.api.post(`/api/newsletters/${created.body.newsletter.id}/publish`).expect(200);

    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(2);
    for (const email of ['marie@partenaire.test', 'zoe@partenaire.test']) {
      const [received] = smtp.copiesFor(email);
      expectGolden(`mail/newsletter-${email.split('@')[0]}.eml`, normalised(received.raw));
    }
  });

  it('still sends a message queued before bodies were shared (its own HTML and text) the same', async () => {
    // Marie's message turned back into a row as the earlier code wrote it: its own body, with
    // her link in it, no shared body; then queued again (same key, so the same Message-ID).
    const messages = t.dataSource.getRepository(OutboxMessage);
    const marie = await messages.findOneByOrFail({ recipientEmail: 'marie@partenaire.test' });
    const body = await t.dataSource.getRepository(MailBody).findOneByOrFail({ id: marie.bodyId! });
    const url = marie.unsubscribeUrl!;
    expect(url).toMatch(/^http:\/\/maillage\.test\/u\/[A-Za-z0-9_-]{43}$/); // nothing to escape
    await messages.update(marie.id, {
      html: body.html.split(UNSUBSCRIBE_URL_SLOT).join(url),
      text: body.text.split(UNSUBSCRIBE_URL_SLOT).join(url),
      bodyId: null,
      status: 'pending',
    });

    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(1);
    const copies = smtp.copiesFor('marie@partenaire.test');
    expect(copies).toHaveLength(2);
    expectGolden('mail/newsletter-marie.eml', normalised(copies[1].raw));
  });
});
