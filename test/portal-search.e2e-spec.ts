import request from 'supertest';
import { MinutesVersion } from '../src/documents/minutes/minutes-version.entity';
import { Newsletter } from '../src/documents/newsletters/newsletter.entity';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createMeeting, invite } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { createProject } from './support/projects';
import { pagesOf, signInWithForm } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTheme } from './support/themes';
import { createTestApp, type TestApp } from './support/test-app';

type Agent = ReturnType<typeof request.agent>;

/**
 * The portal's search (src/search/portal/, docs/search.md): a partner finds only what the portal
 * lets it read (its coming meetings, its projects, published minutes and newsletters), each
 * linked to its portal page; staff records and other partners' projects and meetings never appear.
 */
describe('Portal search', () => {
  let t: TestApp;
  let staff: Staff;
  let portal: Agent;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-01T10:00:00Z' });
    staff = await createStaff(t);
    const ours = await createPartner(staff, { name: 'Régie de quartier des Tilleuls' });
    const theirs = await createPartner(staff, { name: 'Atelier du tressage boréal' });
    const contact = await createContact(staff, ours.id, {
      fullName: 'Inès Tressage',
      email: 'ines@tilleuls.test',
    });
    await createContact(staff, theirs.id, { fullName: 'Hugo Tressage' });
    await createTheme(staff, { title: 'Le tressage des paniers' });
    ids.ourMeeting = (await createMeeting(staff, { title: 'Rencontre tressage' })).id;
    ids.otherMeeting = (await createMeeting(staff, { title: 'Tressage entre voisins' })).id;
    const invitations = await invite(staff, ids.ourMeeting, [ours.id]);
    expect(invitations.has(ours.id)).toBe(true);
    await invite(staff, ids.otherMeeting, [theirs.id]);
    ids.led = (
      await createProject(staff, { title: 'Tressage et insertion', leadPartnerId: ours.id })
    ).id;
    ids.joined = (
      await createProject(staff, {
        title: 'Paniers tressés',
        description: 'Un atelier de tressage',
        leadPartnerId: theirs.id,
        participants: [{ partnerId: ours.id, role: 'partenaire' }],
      })
    ).id;
    ids.notOurs = (
      await createProject(staff, { title: 'Tressage réservé', leadPartnerId: theirs.id })
    ).id;
    const publishedAt = new Date('2026-02-01T10:00:00Z');
    const version = (n: number, text: string) => ({
      meetingId: ids.otherMeeting,
      version: n,
      title: 'Compte rendu des voisins',
      html: '<p>x</p>',
      text,
      snapshot: null,
      publishedAt,
      publishedByUserId: null,
    });
    await t.dataSource
      .getRepository(MinutesVersion)
      .save([version(1, 'Premier jet'), version(2, 'Le tressage a séduit les voisins')]);
    const letter = {
      periodFrom: '2026-01-01',
      periodTo: '2026-01-31',
      sections: [],
      html: '<p>x</p>',
      webHtml: null,
      publishedByUserId: null,
    };
    const letters = t.dataSource.getRepository(Newsletter);
    ids.issue = (
      await letters.save({
        ...letter,
        status: 'published' as const,
        number: 7,
        title: 'Lettre de janvier',
        editorial: 'Retour sur le tressage',
        text: 'Retour sur le tressage',
        publishedAt,
      })
    ).id;
    await letters.save({
      ...letter,
      status: 'draft' as const,
      number: null,
      title: 'Lettre de février',
      editorial: 'Le tressage, suite',
      text: null,
      publishedAt: null,
    });
    portal = await portalAgent(contact.id, 'ines@tilleuls.test');
  });

  afterAll(() => t.close());

  async function portalAgent(contactId: number, email: string): Promise<Agent> {
    await staff.api.post(`/api/contacts/${contactId}/portal-link`).expect(201);
    const [message] = await t.dataSource.getRepository(OutboxMessage).find({
      where: { purpose: 'portal-link', recipientEmail: email },
      order: { id: 'DESC' },
      take: 1,
    });
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!)![1];
    const agent = request.agent(t.http);
    await agent.get(`/portal/link/${token}`).set('Accept', 'text/html').expect(303);
    return agent;
  }

  const page = (q: string) => portal.get('/portal/search').query({ q }).set('Accept', 'text/html');
  const hrefsOf = (html: string, kind: string): string[] => {
    const group = new RegExp(`data-kind="${kind}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
    return [...group.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
  };

  it('finds only what the partner may read, each linked to its portal page', async () => {
    const found = await page('tressage').expect(200);
    const kinds = [...found.text.matchAll(/data-kind="(\w+)"/g)].map((m) => m[1]);
    expect(kinds).toEqual(['meeting', 'project', 'minutes', 'newsletter']);
    const home = await portal.get('/portal').set('Accept', 'text/html').expect(200);
    const [meetingHref] = hrefsOf(found.text, 'meeting');
    expect(hrefsOf(found.text, 'meeting')).toHaveLength(1);
    expect(home.text).toContain(`id="${meetingHref.split('#')[1]}"`);
    expect(home.text).toContain('Rencontre tressage');
    expect(hrefsOf(found.text, 'project').sort()).toEqual(
      [`/portal/projects/${ids.led}`, `/portal/projects/${ids.joined}`].sort(),
    );
    expect(hrefsOf(found.text, 'minutes')).toEqual([`/portal/minutes/${ids.otherMeeting}/2`]);
    expect(hrefsOf(found.text, 'newsletter')).toEqual(['/portal/newsletters/7']);
    // Staff records, other partners' meetings and projects, drafts: never.
    for (const hidden of [
      'Tressage entre voisins',
      'Tressage réservé',
      'boréal',
      'des paniers',
      'février',
      'Hugo',
    ])
      expect(found.text).not.toContain(hidden);
    expect(found.text).toContain('<mark>tressage</mark>');
    for (const href of [...hrefsOf(found.text, 'project'), ...hrefsOf(found.text, 'minutes')])
      await portal.get(href).set('Accept', 'text/html').expect(200);
  });

  it('ignores accents and case, and says when nothing matches', async () => {
    const found = await page('TRESSÉ').expect(200);
    expect(hrefsOf(found.text, 'project')).toEqual([`/portal/projects/${ids.joined}`]);
    const nothing = await page('zzzzzz').expect(200);
    expect(nothing.text).toContain('Rien ne correspond');
    const empty = await portal.get('/portal/search').set('Accept', 'text/html').expect(200);
    expect(empty.text).toContain('vos prochaines réunions');
    expect(empty.text).toContain('action="/portal/search" role="search"');
  });

  it('refuses a text over 200 characters, naming the field, and escapes markup', async () => {
    const long = await page('a'.repeat(201)).expect(400);
    expect(long.text).toContain('aria-invalid="true"');
    expect(long.text).toMatch(/200 caractères/);
    const hostile = await page('<script>alert(1)</script> tressage').expect(200);
    expect(hostile.text).not.toContain('<script>alert(1)</script>');
    expect(hostile.text).toContain('&lt;script&gt;');
  });

  it('is for signed-in partners: a browser without a portal session is sent to sign in', async () => {
    const anonymous = await request(t.http)
      .get('/portal/search?q=tressage')
      .set('Accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/portal/sign-in');
    const session = await signInWithForm(t, staff.user.email, staff.password);
    await pagesOf(session).get('/portal/search?q=tressage', 303);
    await request(t.http).get('/portal/search?q=tressage').expect(401);
  });
});
