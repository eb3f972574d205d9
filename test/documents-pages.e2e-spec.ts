import request from 'supertest';
import { MinutesDraft } from '../src/documents/minutes/minutes-draft.entity';
import { MinutesService } from '../src/documents/minutes/minutes.service';
import { NewsItem } from '../src/documents/news/news-item.entity';
import { Newsletter } from '../src/documents/newsletters/newsletter.entity';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createMeetingRecord } from './support/documents';
import { createManyContacts } from './support/mail';
import { BrowserSession, signInWithForm } from './support/session';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const HOSTILE = '<script>alert(1)</script> "quoted" & {{constructor}}';
const escaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The text of the inline text preview, unescaped. */
const previewTextOf = (html: string): string => {
  const match = /<pre class="document-text"[^>]*>([\s\S]*?)<\/pre>/.exec(html);
  if (!match) throw new Error('No text preview in the page');
  return match[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');
};

describe('staff pages: minutes editor, newsletter desk, news', () => {
  let t: TestApp;
  let staff: Staff;
  let browser: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T10:00:00Z' });
    staff = await createStaff(t, 'coordinator');
    browser = await signInWithForm(t, staff.user.email, staff.password);
  });
  afterAll(() => t.close());

  const page = (url: string) => browser.agent.get(url).set('Accept', 'text/html');
  const form = (url: string, body: Record<string, string>) =>
    browser.agent
      .post(url)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: browser.csrfToken, ...body });

  describe('minutes editor', () => {
    let meetingId: number;
    let itemIds: number[];

    beforeAll(async () => {
      const record = await createMeetingRecord(t, {
        title: 'Plateforme emploi de mars',
        partners: [
          {
            name: 'Mission locale de Tourcoing',
            attendance: 'present',
            people: ['Zoé Lenoir'],
            contacts: [{ name: 'Zoé Lenoir', email: 'zoe@ml.test' }],
          },
          { name: 'CPAS de Mouscron', attendance: 'excused' },
        ],
        agenda: [
          { title: 'Tour de table', summary: 'Chacun présente ses actualités.' },
          {
            title: 'Clauses sociales',
            presenter: { partner: 'CPAS de Mouscron', name: 'Paul Martin' },
            decisions: 'Groupe de travail créé.',
          },
        ],
      });
      meetingId = record.meeting.id;
      itemIds = record.agenda.map((a) => a.id);
    });

    it('shows the draft built from the meeting record, the wording fields and the preview', async () => {
      const response = await page(`/meetings/${meetingId}/minutes`).expect(200);
      expect(response.text).toContain('<h1>Compte rendu — Plateforme emploi de mars</h1>');
      expect(response.text).toContain('Mission locale de Tourcoing');
      expect(response.text).toContain('CPAS de Mouscron');
      expect(response.text).toContain(`<label for="summary-${itemIds[0]}">`);
      expect(response.text).toContain('Chacun présente ses actualités.</textarea>');
      expect(response.text).toContain('Paul Martin');
      expect(response.text).toContain(`src="/meetings/${meetingId}/minutes/preview"`);
      expect(response.text).toContain('Aucune version publiée');
    });

    it('saves the wording (Post/Redirect/Get) and keeps unchanged record text linked to the record', async () => {
      await form(`/meetings/${meetingId}/minutes`, {
        introduction: `Bienvenue ${HOSTILE}`,
        [`summary-${itemIds[0]}`]: 'Chacun présente ses actualités.',
        [`decisions-${itemIds[0]}`]: '',
        [`summary-${itemIds[1]}`]: 'Présentation du bilan\r\nsur deux lignes.',
        [`decisions-${itemIds[1]}`]: 'Groupe de travail créé.',
        conclusion: '',
      })
        .expect(303)
        .expect('Location', `/meetings/${meetingId}/minutes?saved=1`);
      const draft = await t.dataSource.getRepository(MinutesDraft).findOneByOrFail({ meetingId });
      expect(draft.introduction).toBe(`Bienvenue ${HOSTILE}`);
      expect(draft.conclusion).toBeNull();
      expect(draft.itemOverrides).toEqual({
        [String(itemIds[1])]: { summary: 'Présentation du bilan\nsur deux lignes.' },
      });

      const shown = await page(`/meetings/${meetingId}/minutes?saved=1`).expect(200);
      expect(shown.text).toContain('role="status"');
      expect(shown.text).toContain(escaped(`Bienvenue ${HOSTILE}`));
      expect(shown.text).not.toContain('<script>alert(1)</script>');
      expect(shown.text).toContain('(rédigé pour le compte rendu)');
    });

    it('previews exactly what the renderer will publish (HTML page and inline text)', async () => {
      const { preview } = await t.app.get(MinutesService).draft(meetingId);
      const html = await page(`/meetings/${meetingId}/minutes/preview`).expect(200);
      expect(html.text).toBe(preview.html);
      expect(html.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(html.text).not.toContain('<script>alert(1)</script>');
      const text = await page(`/meetings/${meetingId}/minutes/preview?format=text`).expect(200);
      expect(text.text).toBe(preview.text);
      const editor = await page(`/meetings/${meetingId}/minutes`).expect(200);
      expect(previewTextOf(editor.text)).toBe(preview.text);
      expect(preview.text).toContain('Présentation du bilan');
    });

    it('answers 422 with the message and saves nothing when a field is too long', async () => {
      const response = await form(`/meetings/${meetingId}/minutes`, {
        introduction: 'x'.repeat(20_001),
        conclusion: 'Conclusion tapée',
      }).expect(422);
      expect(response.text).toContain('L’introduction est trop longue');
      expect(response.text).toContain('Conclusion tapée</textarea>');
      const draft = await t.dataSource.getRepository(MinutesDraft).findOneByOrFail({ meetingId });
      expect(draft.introduction).toBe(`Bienvenue ${HOSTILE}`);
      expect(draft.conclusion).toBeNull();
    });

    it('refuses a post without the CSRF token (403) and an unknown meeting (404 page)', async () => {
      await browser.agent
        .post(`/meetings/${meetingId}/minutes`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ introduction: 'forgé' })
        .expect(403);
      await browser.agent
        .post(`/meetings/${meetingId}/minutes/publish`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ confirm: 'yes' })
        .expect(403);
      const missing = await page('/meetings/999999/minutes').expect(404);
      expect(missing.text).toContain('<h1');
      await page('/meetings/999999/minutes/preview').expect(404);
      // Not signed in: no editor.
      const anonymous = await request(t.http)
        .get(`/meetings/${meetingId}/minutes`)
        .set('Accept', 'text/html');
      expect([302, 303, 401]).toContain(anonymous.status);
    });

    it('asks for confirmation, then publishes version 1, for the network at /minutes/:id/1', async () => {
      const unconfirmed = await form(`/meetings/${meetingId}/minutes/publish`, {}).expect(422);
      expect(unconfirmed.text).toContain('Cochez la case de confirmation');
      await form(`/meetings/${meetingId}/minutes/publish`, { confirm: 'yes' })
        .expect(303)
        .expect('Location', `/meetings/${meetingId}/minutes?published=1`);
      const editor = await page(`/meetings/${meetingId}/minutes?published=1`).expect(200);
      expect(editor.text).toContain('La version 1 du compte rendu est publiée');
      expect(editor.text).toContain(`href="/minutes/${meetingId}/1"`);
      const published = await page(`/minutes/${meetingId}/1`).expect(200);
      await request(t.http).get(`/minutes/${meetingId}/1`).expect(404);
      expect(published.text).toContain('Présentation du bilan');
      expect(published.text).toContain(escaped('<script>alert(1)</script>'));
      const mails = await t.dataSource
        .getRepository(OutboxMessage)
        .findBy({ groupRef: `minutes:${meetingId}:v1` });
      expect(mails.map((m) => m.recipientEmail)).toEqual(['zoe@ml.test']);
    });

    it('shows the reason beside the form when the meeting has not taken place (422)', async () => {
      const future = await createMeetingRecord(t, {
        title: 'Réunion à venir',
        startsAt: '2026-06-01T08:00:00Z',
        status: 'planned',
      });
      const response = await form(`/meetings/${future.meeting.id}/minutes/publish`, {
        confirm: 'yes',
      }).expect(422);
      expect(response.text).toContain('Publication impossible. La réunion n’a pas encore eu lieu.');
      // The page says so before anyone tries.
      const editor = await page(`/meetings/${future.meeting.id}/minutes`).expect(200);
      expect(editor.text).toContain('Le compte rendu se publie une fois la réunion tenue');
      expect(editor.text).not.toContain(
        'action="/meetings/' + future.meeting.id + '/minutes/publish"',
      );
    });

    it('offers neither publishing, review nor certificates for a cancelled meeting', async () => {
      const cancelled = await createMeetingRecord(t, {
        title: 'Réunion annulée',
        startsAt: '2026-02-01T08:00:00Z',
        status: 'cancelled',
      });
      const editor = await page(`/meetings/${cancelled.meeting.id}/minutes`).expect(200);
      expect(editor.text).toContain('Cette réunion est annulée');
      expect(editor.text).toContain('il n’y a pas de compte rendu à publier');
      expect(editor.text).toContain('aucune attestation de présence');
      expect(editor.text).not.toContain('/minutes/publish"');
      expect(editor.text).not.toContain('/minutes/review"');
      expect(editor.text).not.toContain('une fois la réunion tenue');
    });
  });

  describe('news items', () => {
    it('creates, lists, edits and deletes a news item, escaping its text', async () => {
      await form('/desk/news', {
        title: `Décret ${HOSTILE}`,
        body: 'Le décret entre en vigueur.',
        kind: 'regulation',
        date: '2026-03-12',
        link: '',
      })
        .expect(303)
        .expect('Location', '/desk/news?saved=1');
      const item = await t.dataSource
        .getRepository(NewsItem)
        .findOneByOrFail({ kind: 'regulation' });
      expect(item.title).toBe(`Décret ${HOSTILE}`);
      expect(item.link).toBeNull();
      const list = await page('/desk/news?saved=1').expect(200);
      expect(list.text).toContain(escaped(`Décret ${HOSTILE}`));
      expect(list.text).not.toContain('<script>alert(1)</script>');
      expect(list.text).toContain('Réglementation');

      const edit = await page(`/desk/news/${item.id}`).expect(200);
      expect(edit.text).toContain('Le décret entre en vigueur.</textarea>');
      await form(`/desk/news/${item.id}`, {
        title: 'Décret emploi',
        body: 'Texte revu.',
        kind: 'regulation',
        date: '2026-03-12',
        link: 'https://www.example.org/decret',
      }).expect(303);
      expect(
        await t.dataSource.getRepository(NewsItem).findOneByOrFail({ id: item.id }),
      ).toMatchObject({ title: 'Décret emploi', link: 'https://www.example.org/decret' });

      const other = await staff.api
        .post('/api/news')
        .send({ title: 'À supprimer', body: 'x', kind: 'event', date: '2026-03-01' })
        .expect(201);
      await form(`/desk/news/${other.body.id}/delete`, {})
        .expect(303)
        .expect('Location', '/desk/news?saved=deleted');
      expect(await t.dataSource.getRepository(NewsItem).countBy({ id: other.body.id })).toBe(0);
    });

    it('answers 422 for an invalid news item and saves nothing; 404 for an unknown one', async () => {
      const before = await t.dataSource.getRepository(NewsItem).count();
      const response = await form('/desk/news', {
        title: 'Sans date',
        body: 'Texte',
        kind: 'regulation',
        date: '12/03/2026',
        link: 'pas une adresse',
      }).expect(422);
      expect(response.text).toContain('Indiquez la date');
      expect(response.text).toContain('Le lien doit être une adresse web complète');
      expect(response.text).toContain('value="Sans date"');
      expect(await t.dataSource.getRepository(NewsItem).count()).toBe(before);
      await page('/desk/news/999999').expect(404);
      await form('/desk/news/999999/delete', {}).expect(404);
      await browser.agent.post('/desk/news').type('form').send({ title: 'x' }).expect(403);
    });
  });

  describe('newsletter desk', () => {
    let newsletterId: number;

    it('composes a draft for a period (and refuses an inverted one with 422)', async () => {
      const desk = await page('/desk/newsletters').expect(200);
      expect(desk.text).toContain('<h1>Lettres d’information</h1>');
      expect(desk.text).toContain('value="2026-03-01"');
      expect(desk.text).toContain('value="2026-03-31"');

      const inverted = await form('/desk/newsletters', {
        from: '2026-03-31',
        to: '2026-03-01',
        editorial: 'Tapé',
      }).expect(422);
      expect(inverted.text).toContain('Le début de la période doit précéder sa fin.');
      expect(inverted.text).toContain('Tapé</textarea>');
      const invalid = await form('/desk/newsletters', { from: 'mars', to: '' }).expect(422);
      expect(invalid.text).toContain('Indiquez le premier jour de la période');
      expect(await t.dataSource.getRepository(Newsletter).count()).toBe(0);

      const created = await form('/desk/newsletters', {
        from: '2026-03-01',
        to: '2026-03-31',
        editorial: `Édito ${HOSTILE}`,
      }).expect(303);
      const match = /^\/desk\/newsletters\/(\d+)$/.exec(created.headers.location);
      expect(match).not.toBeNull();
      newsletterId = Number(match![1]);
    });

    it('shows the draft: editorial, sections with the news of the period, the preview as mailed', async () => {
      const response = await page(`/desk/newsletters/${newsletterId}`).expect(200);
      expect(response.text).toContain(escaped(`Édito ${HOSTILE}`));
      expect(response.text).not.toContain('<script>alert(1)</script>');
      expect(response.text).toContain('id="section-regulation"');
      expect(response.text).toContain(`src="/desk/newsletters/${newsletterId}/preview"`);
      const { body } = await staff.api.get(`/api/newsletters/${newsletterId}`).expect(200);
      expect(previewTextOf(response.text)).toBe(body.preview.text);
      expect(body.preview.text).toContain('Décret emploi');
      const html = await page(`/desk/newsletters/${newsletterId}/preview`).expect(200);
      expect(html.text).toBe(body.preview.html);
    });

    it('saves the editorial and the sections chosen', async () => {
      const sections = {
        'section-local-news': 'yes',
        'section-events': 'yes',
        'section-upcoming-meetings': 'yes',
        'section-minutes': 'yes',
      };
      await form(`/desk/newsletters/${newsletterId}`, { editorial: 'Édito revu', ...sections })
        .expect(303)
        .expect('Location', `/desk/newsletters/${newsletterId}?saved=1`);
      const { body } = await staff.api.get(`/api/newsletters/${newsletterId}`).expect(200);
      expect(body.newsletter.editorial).toBe('Édito revu');
      const included = (body.newsletter.sections as { key: string; included: boolean }[])
        .filter((s) => s.included)
        .map((s) => s.key);
      expect(included).toEqual(['local-news', 'events', 'upcoming-meetings', 'minutes']);
      expect(body.preview.text).not.toContain('Décret emploi');
      const tooLong = await form(`/desk/newsletters/${newsletterId}`, {
        editorial: 'x'.repeat(20_001),
      }).expect(422);
      expect(tooLong.text).toContain('L’éditorial est trop long');
    });

    it('publishes after confirmation: numbered, online, mail queued, progress on the page', async () => {
      await createManyContacts(t, 30);
      await createManyContacts(t, 5, false);
      await form(`/desk/newsletters/${newsletterId}/publish`, {}).expect(422);
      await form(`/desk/newsletters/${newsletterId}/publish`, { confirm: 'yes' })
        .expect(303)
        .expect('Location', `/desk/newsletters/${newsletterId}?published=1`);
      await page('/newsletters/1').expect(200);
      await request(t.http).get('/newsletters/1').expect(404);

      const messages = t.dataSource.getRepository(OutboxMessage);
      const queued = await messages.find({
        where: { groupRef: `newsletter:${newsletterId}` },
        order: { id: 'ASC' },
      });
      expect(queued).toHaveLength(30);
      // Part of the sending done: 10 sent, 2 failed, 18 still waiting.
      for (const m of queued.slice(0, 10))
        await messages.update({ id: m.id }, { status: 'sent', sentAt: t.clock.now() });
      for (const m of queued.slice(10, 12))
        await messages.update(
          { id: m.id },
          { status: 'failed', attempts: 5, lastError: '550 Boîte <inconnue>' },
        );

      const shown = await page(`/desk/newsletters/${newsletterId}?published=1`).expect(200);
      expect(shown.text).toContain('La lettre est publiée');
      expect(shown.text).toContain('Envoi en cours (12 / 30).');
      expect(shown.text).not.toContain('Envoyée à');
      expect(shown.text).toMatch(/<progress id="sending-progress" max="30" value="12"/);
      expect(shown.text).toContain('<label for="sending-progress">');
      expect(shown.text).toContain('/assets/newsletter-progress.js');
      expect(shown.text).toContain(`data-delivery-url="/api/newsletters/${newsletterId}/delivery"`);
      expect(shown.text).toContain('550 Boîte &lt;inconnue&gt;');
      expect(shown.text).toContain(queued[10].recipientEmail);
      expect(shown.text).toContain(
        `action="/desk/newsletters/${newsletterId}/messages/${queued[10].id}/retry"`,
      );
      expect(shown.text).not.toContain('name="editorial"');

      const list = await page('/desk/newsletters').expect(200);
      expect(list.text).toContain('10 envoyés, 2 en échec, 18 en attente (sur 30)');

      // The API the page's script polls answers with the session cookie.
      const delivery = await browser.agent
        .get(`/api/newsletters/${newsletterId}/delivery`)
        .expect(200);
      expect(delivery.body.progress).toMatchObject({ total: 30, sent: 10, failed: 2, pending: 18 });
    });

    it('retries a failed recipient, then shows the sending finished', async () => {
      const messages = t.dataSource.getRepository(OutboxMessage);
      const [failed] = await messages.find({
        where: { groupRef: `newsletter:${newsletterId}`, status: 'failed' },
        order: { id: 'ASC' },
      });
      // Not a message of this issue: 404.
      const other = await t.dataSource
        .getRepository(OutboxMessage)
        .findOneByOrFail({ purpose: 'minutes' });
      await form(`/desk/newsletters/${newsletterId}/messages/${other.id}/retry`, {}).expect(404);
      await browser.agent
        .post(`/desk/newsletters/${newsletterId}/messages/${failed.id}/retry`)
        .type('form')
        .send({})
        .expect(403);

      await form(`/desk/newsletters/${newsletterId}/messages/${failed.id}/retry`, {})
        .expect(303)
        .expect('Location', `/desk/newsletters/${newsletterId}?retried=1`);
      expect((await messages.findOneByOrFail({ id: failed.id })).status).toBe('pending');
      const retried = await page(`/desk/newsletters/${newsletterId}?retried=1`).expect(200);
      expect(retried.text).toContain('Envoi en cours (11 / 30).');

      await t.app.get(MailDispatcher).drainOnce();
      const done = await page(`/desk/newsletters/${newsletterId}`).expect(200);
      // Finished: the line says what happened, not "in progress".
      expect(done.text).toMatch(
        /Envoyée à 29 destinataires le \p{L}+ \d+(er)? \p{L}+ 2026 ; 1 envoi a échoué\./u,
      );
      expect(done.text).not.toContain('Envoi en cours');
      expect(done.text).toMatch(/<progress id="sending-progress" max="30" value="30"/);
      expect(done.text).not.toContain('/assets/newsletter-progress.js');
    });

    it('answers 409 when publishing twice, 404 for an unknown newsletter', async () => {
      await form(`/desk/newsletters/${newsletterId}/publish`, { confirm: 'yes' }).expect(409);
      await page('/desk/newsletters/999999').expect(404);
      await page('/desk/newsletters/999999/preview').expect(404);
      await form('/desk/newsletters/999999', { editorial: 'x' }).expect(404);
    });
  });
});
