import { In, Like } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { diff } from '../src/audit/audit.service';
import { ConsentEvent } from '../src/partners/contacts/consent-event.entity';
import { Contact } from '../src/partners/contacts/contact.entity';
import { Partner } from '../src/partners/partner.entity';
import { CONTACT_AUDITED, PARTNER_AUDITED, searchTextOf } from '../src/partners/partner-rules';
import { createContact, createPartner } from './support/partners';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

// The import creates a file's partners and contacts in multi-row statements, several per table
// past a few thousand rows: each row must still get its own record, audit entry, consent events
// and search text, on both engines.
describe('partner import written in multi-row statements', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  const apply = (lines: string[]) =>
    staff.api
      .post('/api/partners/import?apply=true')
      .attach('file', Buffer.from(lines.join('\r\n')), 'reseau.csv')
      .expect(200);

  it('gives each row of a file larger than one INSERT its own contact, history and search text', async () => {
    t.clock.set('2026-09-01T07:30:00Z');
    // 4,800 contacts of 2,400 partners: each table's rows (partners, contacts, their consent events
    // and audit entries) take more than one INSERT within SQLite's 32,766 values.
    const lines = ['Nom;Type;Contact;Contact email;Contact newsletter'];
    for (let i = 0; i < 4800; i++) {
      const partner = Math.floor(i / 2);
      lines.push(
        `Grand fichier ${partner};association;Personne ${i};gf${i}@bulk.test;${i % 2 ? 'oui' : 'non'}`,
      );
    }
    const response = await apply(lines);
    expect(response.body.summary).toMatchObject({
      rows: 4800,
      partners: { create: 2400, update: 0, unchanged: 0 },
      contacts: { create: 4800, update: 0, unchanged: 0 },
      errors: 0,
    });

    const contacts = await t.dataSource
      .getRepository(Contact)
      .find({ where: { email: Like('%@bulk.test') }, order: { id: 'ASC' } });
    expect(contacts).toHaveLength(4800);
    const byEmail = new Map(contacts.map((c) => [c.email, c]));
    for (const row of response.body.rows as {
      partner: { id: number };
      contact: { id: number; fullName: string; email: string };
    }[]) {
      const contact = byEmail.get(row.contact.email);
      expect(contact).toMatchObject({
        id: row.contact.id,
        fullName: row.contact.fullName,
        partnerId: row.partner.id,
      });
    }

    const partners = await t.dataSource
      .getRepository(Partner)
      .findBy({ id: In([...new Set(contacts.map((c) => c.partnerId))]) });
    expect(partners).toHaveLength(2400);
    const namesOf = new Map<number, string[]>();
    for (const c of contacts)
      namesOf.set(c.partnerId, [...(namesOf.get(c.partnerId) ?? []), c.fullName]);
    for (const partner of partners) {
      const names = namesOf.get(partner.id) ?? [];
      expect(names).toHaveLength(2);
      expect(partner.searchText).toBe(searchTextOf(partner, names));
    }

    // Each record's creation entry says what was stored.
    const entries = await t.dataSource.getRepository(AuditEntry).findBy({ action: 'create' });
    const created = (type: string, id: number) =>
      entries.filter((e) => e.entityType === type && e.entityId === String(id));
    for (const contact of [contacts[0], contacts[1], contacts[4799]]) {
      const [entry, ...more] = created('contact', contact.id);
      expect(more).toEqual([]);
      expect(entry.changes).toEqual(diff({}, contact, CONTACT_AUDITED));
      expect(entry.actorLabel).toBe(`${staff.user.displayName} (import de fichier, API)`);
    }
    expect(contacts[1]).toMatchObject({
      newsletterConsent: true,
      newsletterConsentAt: new Date('2026-09-01T07:30:00Z'),
      newsletterConsentSource: 'import',
    });
    const [partnerEntry] = created('partner', partners[2399].id);
    expect(partnerEntry.changes).toEqual(diff({}, partners[2399], PARTNER_AUDITED));
    expect(entries.filter((e) => e.entityType === 'contact')).toHaveLength(4800);

    // The minutes choice and the newsletter answer of every contact, in that order.
    const events = await t.dataSource
      .getRepository(ConsentEvent)
      .find({ where: { contactId: In(contacts.map((c) => c.id)) }, order: { id: 'ASC' } });
    expect(events).toHaveLength(9600);
    expect(events.slice(2, 4)).toMatchObject([
      { contactId: contacts[1].id, topic: 'minutes', granted: true, source: 'import' },
      { contactId: contacts[1].id, topic: 'newsletter', granted: true, source: 'import' },
    ]);

    // The search indexes (triggers on both engines) saw the rows.
    const list = await staff.api.get('/api/partners').query({ q: 'personne 4799' }).expect(200);
    expect(list.body.items.map((p: { id: number }) => p.id)).toEqual([contacts[4799].partnerId]);
    const search = await staff.api.get('/api/search').query({ q: 'personne 4799' }).expect(200);
    const group = search.body.groups.find((g: { kind: string }) => g.kind === 'contact');
    expect(group.items.map((item: { id: number }) => item.id)).toEqual([contacts[4799].id]);
  });

  it("rewrites an existing partner's search text once its contacts are renamed or added", async () => {
    const partner = await createPartner(staff, { name: 'Atelier existant' });
    await createContact(staff, partner.id, { fullName: 'Alice Ancienne', email: 'alice@ex.test' });
    await apply([
      'Nom;Type;Contact;Contact email',
      'Atelier existant;association;Alice Renommée;alice@ex.test',
      'Atelier existant;association;Bruno Nouveau;bruno@ex.test',
    ]);
    const stored = await t.dataSource.getRepository(Partner).findOneByOrFail({ id: partner.id });
    expect(stored.searchText).toBe(searchTextOf(stored, ['Alice Renommée', 'Bruno Nouveau']));
    const found = await staff.api.get('/api/partners').query({ q: 'bruno nouveau' }).expect(200);
    expect(found.body.total).toBe(1);
    const gone = await staff.api.get('/api/partners').query({ q: 'ancienne' }).expect(200);
    expect(gone.body.total).toBe(0);
  });
});
