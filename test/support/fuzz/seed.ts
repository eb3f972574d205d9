import request from 'supertest';
import { Transactions } from '../../../src/database/transactions';
import { NewsletterAudience } from '../../../src/mail/newsletter/newsletter-audience';
import { createMeetingRecord } from '../documents';
import { createMeeting, invite } from '../meetings';
import { createContact, createPartner } from '../partners';
import { createProject } from '../projects';
import { createStaff, Staff } from '../staff';
import type { TestApp } from '../test-app';
import { createSpeaker, createTheme } from '../themes';

/** Real ids of the seed, by resource (the pools mutated path parameters and *Id fields draw from). */
export type Pools = Record<string, number[]>;

export interface Seed {
  admin: Staff;
  /** The second staff account: its user id is in the pools (the admin's never is). */
  coordinator: Staff;
  ids: Pools;
  /** Secret tokens of the public links, by route: r, follow-up, calendar, u, portal. */
  tokens: Record<string, string[]>;
  /** The portal partner and its contact: kept out of the pools so the portal identity survives. */
  portal: { partnerId: number; contactId: number; email: string };
  /** Seed dates, valid values for date fields. */
  day: string;
}

async function ok(test: request.Test, label: string): Promise<request.Response> {
  const response = await test;
  if (response.status >= 300) {
    throw new Error(`seed ${label}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** Tokens found in a text, by the public route they open. */
export function tokensIn(text: string, into: Record<string, string[]>): void {
  const patterns: [string, RegExp][] = [
    ['r', /\/r\/([A-Za-z0-9_-]{16,})/g],
    ['follow-up', /\/follow-up\/([A-Za-z0-9_-]{16,})/g],
    ['follow-up-api', /\/follow-up\/([A-Za-z0-9_-]{16,})/g],
    ['calendar', /\/calendar\/([A-Za-z0-9_-]{16,})\.ics/g],
    ['u', /\/u\/([A-Za-z0-9_-]{16,})/g],
    ['portal', /\/portal\/link\/([A-Za-z0-9_-]{16,})/g],
  ];
  for (const [key, pattern] of patterns) {
    for (const match of text.matchAll(pattern)) {
      into[key] ??= [];
      if (!into[key].includes(match[1])) into[key].push(match[1]);
    }
  }
}

/**
 * A small but complete network, through the API where it exists: partners with contacts, a
 * planned meeting with invitations, agenda and attendance, a held meeting with published
 * minutes, a project with follow-ups and a follow-up link, a theme, a speaker, news, a draft
 * and a published newsletter, a calendar feed, a portal link and an unsubscribe link.
 */
export async function seedNetwork(t: TestApp): Promise<Seed> {
  const admin = await createStaff(t, 'admin');
  const coordinator = await createStaff(t, 'coordinator');
  const ids: Pools = {};
  const add = (pool: string, id: unknown) => {
    if (typeof id !== 'number') throw new Error(`seed: no id for ${pool}`);
    (ids[pool] ??= []).push(id);
  };
  const tokens: Record<string, string[]> = {};
  add('users', coordinator.user.id);
  for (const name of ['spare one', 'spare two']) {
    const r = await ok(admin.api.post('/api/tokens').send({ name }), 'token');
    add('tokens', (r.body as { id: number }).id);
  }

  const partners = [];
  for (let i = 0; i < 3; i += 1) {
    const partner = await createPartner(admin, { kind: i === 0 ? 'mission-locale' : 'plie' });
    add('partners', partner.id);
    for (let c = 0; c < 2; c += 1) {
      const contact = await createContact(admin, partner.id, { newsletterConsent: c === 0 });
      add('contacts', contact.id);
    }
    partners.push(partner);
  }
  const portalPartner = await createPartner(admin, { name: 'Partenaire du portail' });
  const portalContact = await createContact(admin, portalPartner.id, {
    fullName: 'Hélène Portail',
    email: 'helene@portail.test',
  });

  // A planned meeting: invitations (answer tokens) and an agenda.
  const meeting = await createMeeting(admin, {
    startsAt: '2026-03-20T08:30:00Z',
    endsAt: '2026-03-20T11:00:00Z',
  });
  add('meetings', meeting.id);
  const answers = await invite(admin, meeting.id, [...partners.map((p) => p.id), portalPartner.id]);
  tokens.r = [...answers.values()];
  const invitations = await ok(admin.api.get(`/api/meetings/${meeting.id}/invitations`), 'inv');
  const list = invitations.body as { id: number }[] | { items: { id: number }[] };
  for (const i of Array.isArray(list) ? list : list.items) add('invitations', i.id);
  for (const title of ['Tour de table', 'Présentation']) {
    const r = await ok(
      admin.api
        .post(`/api/meetings/${meeting.id}/agenda-items`)
        .send({ title, kind: 'presentation' }),
      'agenda',
    );
    add('agenda-items', (r.body as { id: number }).id);
  }

  // A held meeting with attendance and published minutes.
  const held = await createMeetingRecord(t, {
    title: 'Réunion publiée de février',
    startsAt: '2026-02-10T08:30:00Z',
    partners: [{ name: partners[0].name, attendance: 'present' }],
    agenda: [{ title: 'Bilan', summary: 'Un bilan', decisions: 'Continuer' }],
  });
  add('meetings', held.meeting.id);
  for (const item of held.agenda) add('agenda-items', item.id);
  await ok(
    admin.api.put(`/api/meetings/${held.meeting.id}/attendance`).send({
      entries: [{ partnerId: partners[0].id, status: 'present', contactIds: [ids.contacts[0]] }],
    }),
    'attendance',
  );
  await ok(admin.api.post(`/api/meetings/${held.meeting.id}/minutes/publish`), 'minutes');
  add('versions', 1);

  // A project led by the portal partner, with follow-ups and a follow-up link.
  const project = await createProject(admin, {
    title: 'Garage solidaire',
    leadPartnerId: portalPartner.id,
    status: 'launched',
    participants: [{ partnerId: partners[0].id, role: 'partenaire' }],
  });
  add('projects', project.id);
  const other = await createProject(admin, { title: 'Job dating', leadPartnerId: partners[1].id });
  add('projects', other.id);
  await ok(
    admin.api.post(`/api/projects/${project.id}/follow-ups`).send({ text: 'Premier point' }),
    'follow-up',
  );
  const link = await ok(
    admin.api.post(`/api/projects/${project.id}/links`).send({ contactId: portalContact.id }),
    'link',
  );
  add('links', (link.body as { id: number }).id);
  tokensIn(JSON.stringify(link.body), tokens);

  const theme = await createTheme(admin, { tags: ['emploi'] });
  add('themes', theme.id);
  const speaker = await createSpeaker(admin);
  add('speakers', speaker.id);

  const news = await ok(
    admin.api.post('/api/news').send({
      title: 'Nouveau décret',
      body: 'Le décret change les aides.',
      kind: 'regulation',
      date: '2026-02-15',
    }),
    'news',
  );
  add('news', (news.body as { id: number }).id);
  for (const [from, to] of [
    ['2026-02-01', '2026-02-28'],
    ['2026-03-01', '2026-03-31'],
  ]) {
    const r = await ok(admin.api.post('/api/newsletters').send({ from, to }), 'newsletter');
    add('newsletters', (r.body as { newsletter?: { id: number }; id?: number }).newsletter?.id);
  }
  await ok(admin.api.post(`/api/newsletters/${ids.newsletters[0]}/publish`), 'publish');
  add('numbers', 1);

  const feed = await ok(admin.api.post(`/api/partners/${partners[0].id}/calendar-feed`), 'feed');
  tokensIn(JSON.stringify(feed.body), tokens);
  await ok(admin.api.post(`/api/contacts/${ids.contacts[0]}/portal-link`), 'portal-link');
  const links = await ok(admin.api.get(`/api/contacts/${ids.contacts[0]}/portal-links`), 'pl');
  const portalLinks = links.body as { id: number }[] | { items: { id: number }[] };
  for (const l of Array.isArray(portalLinks) ? portalLinks : portalLinks.items) {
    add('portal-links', l.id);
  }
  const unsubscribe = await t.app
    .get(Transactions)
    .run((manager) => t.app.get(NewsletterAudience).unsubscribeLinks(manager, ids.contacts[0]));
  tokensIn(unsubscribe.url, tokens);
  const outbox = await t.dataSource.query('SELECT id, text FROM mail_outbox');
  for (const row of outbox as { id: number | string; text: string | null }[]) {
    add('outbox', Number(row.id));
    tokensIn(row.text ?? '', tokens);
  }
  ids.outbox = ids.outbox?.slice(0, 4) ?? [];
  return {
    admin,
    coordinator,
    ids,
    tokens,
    portal: {
      partnerId: portalPartner.id,
      contactId: portalContact.id,
      email: 'helene@portail.test',
    },
    day: '2026-03-02',
  };
}
