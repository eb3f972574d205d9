import { Transactions } from '../src/database/transactions';
import { Invitation } from '../src/meetings/invitations/invitation.entity';
import { Meeting } from '../src/meetings/meeting.entity';
import { Contact } from '../src/partners/contacts/contact.entity';
import { Partner } from '../src/partners/partner.entity';
import { ContactsService } from '../src/partners/contacts/contacts.service';
import { PartnersService } from '../src/partners/partners.service';
import { createContact, createPartner, partnerInput } from './support/partners';
import { type BrowserSession, signInWithForm } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

const HTML = 'text/html';
/** Attribute values as a browser reads them. */
const unescape = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

describe('partner directory pages', () => {
  let t: TestApp;
  let staff: Staff;
  let browser: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t, 'coordinator');
    browser = await signInWithForm(t, staff.user.email, staff.password);
  });
  afterAll(() => t.close());

  const get = (url: string) => browser.agent.get(url).set('Accept', HTML);
  const post = (url: string, form: Record<string, string>) =>
    browser.agent
      .post(url)
      .set('Accept', HTML)
      .type('form')
      .send({ _csrf: browser.csrfToken, ...form });
  const partnerCount = () => t.dataSource.getRepository(Partner).count();

  describe('list and search', () => {
    it('lists partners with counts, links and the search box', async () => {
      const partner = await createPartner(staff, { name: 'Maison de l’emploi de Lens' });
      await createContact(staff, partner.id, { fullName: 'Hélène Petit' });
      const page = await get('/partners').expect(200);
      expect(page.text).toContain('<h1>Partenaires</h1>');
      expect(page.text).toContain(`href="/partners/${partner.id}"`);
      expect(page.text).toContain('Maison de l’emploi de Lens');
      expect(page.text).toMatch(/\d+ partenaires? trouvés?/);
      expect(page.text).toContain('href="/partners/new"');
      expect(page.text).toContain('href="/partners/import"');
      expect(page.text).toContain('href="/api/partners/export.csv"');
      expect(page.text).toContain('href="/api/partners/export.xlsx"');
    });

    it('searches ignoring accents, also in contact names, and filters by kind and state', async () => {
      const plie = await createPartner(staff, { name: 'PLIE Éléonore', kind: 'plie' });
      await createContact(staff, plie.id, { fullName: 'Jérôme Cœur' });
      const archived = await createPartner(staff, { name: 'PLIE archivé', kind: 'plie' });
      await staff.api.post(`/api/partners/${archived.id}/archive`).expect(200);

      const byName = await get('/partners?q=eleonore').expect(200);
      expect(byName.text).toContain('PLIE Éléonore');
      expect(byName.text).not.toContain('Maison de l’emploi de Lens');
      const byContact = await get('/partners?q=JEROME').expect(200);
      expect(byContact.text).toContain('PLIE Éléonore');

      const active = await get('/partners?kind=plie').expect(200);
      expect(active.text).toContain('PLIE Éléonore');
      expect(active.text).not.toContain('PLIE archivé');
      expect(active.text).toMatch(/<option value="plie" selected>/);
      const all = await get('/partners?kind=plie&active=all').expect(200);
      expect(all.text).toContain('PLIE archivé');
      expect(unescape(all.text)).toContain('href="/api/partners/export.csv?kind=plie&active=all"');
      expect(unescape(all.text)).toContain('href="/api/partners/export.xlsx?kind=plie&active=all"');
    });

    it('paginates and keeps the filters in the links', async () => {
      const page = await get('/partners?pageSize=1&active=all').expect(200);
      expect(unescape(page.text)).toContain('href="/partners?active=all&pageSize=1&page=2"');
      expect(page.text).toMatch(/<li aria-current="page">Page 1 sur \d+<\/li>/);
      expect(page.text).toContain('<nav aria-label="Pages" class="pagination">');
      // One page holds everything: no pager at all.
      const all = await get('/partners?pageSize=100&active=all').expect(200);
      expect(all.text).not.toContain('class="pagination"');
    });

    it('says "more than" and keeps a next link when the search counts past its bound', async () => {
      for (let i = 0; i < 20; i++) await createPartner(staff, { name: `Bleuet ${i + 10}` });
      const page = await get('/partners?q=bleuet&pageSize=1').expect(200);
      const more = /Plus de (\d+) partenaires/.exec(page.text);
      expect(more).not.toBeNull();
      expect(Number(more![1])).toBeLessThan(20);
      expect(page.text).toContain(`<li aria-current="page">Page 1 sur ${more![1]}+</li>`);
      expect(unescape(page.text)).toContain('href="/partners?q=bleuet&pageSize=1&page=2"');
      // Paged to the end, the count is exact again and the pager ends.
      const last = await get('/partners?q=bleuet&pageSize=1&page=20').expect(200);
      expect(last.text).toContain('20 partenaires trouvés');
      expect(last.text).toContain('<li aria-current="page">Page 20 sur 20</li>');
      expect(last.text).not.toContain('rel="next"');
    });

    it('answers 400 for an unknown kind', async () => {
      await get('/partners?kind=nope').expect(400);
    });

    it('lets the export link work with the session cookie', async () => {
      const csv = await browser.agent.get('/api/partners/export.csv?kind=plie').expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('PLIE Éléonore');
    });
  });

  describe('create and edit', () => {
    it('shows the form and creates a partner, then redirects to its page', async () => {
      const form = await get('/partners/new').expect(200);
      expect(form.text).toContain('<h1>Nouveau partenaire</h1>');
      expect(form.text).toContain('for="partner-name"');
      const created = await post('/partners', {
        name: 'Régie de quartier du Nord',
        kind: 'social-economy',
        territory: 'Tourcoing',
        latitude: '50,72',
        longitude: '3.16',
        website: '',
      }).expect(303);
      const location = created.headers.location;
      expect(location).toMatch(/^\/partners\/\d+\?saved=1$/);
      const id = Number(/\/partners\/(\d+)/.exec(location)![1]);
      const api = await staff.api.get(`/api/partners/${id}`).expect(200);
      expect(api.body).toMatchObject({
        name: 'Régie de quartier du Nord',
        kind: 'social-economy',
        territory: 'Tourcoing',
        latitude: 50.72,
        longitude: 3.16,
        website: null,
      });
      const page = await get(location).expect(200);
      expect(page.text).toContain('Modifications enregistrées.');
      // The postcode once, even when the address already holds it (as imports often do).
      const withPostcode = await createPartner(staff, {
        name: 'Mairie de Vitry',
        address: '2 avenue Youri-Gagarine, 94400 Vitry-sur-Seine',
        postcode: '94400',
      });
      const vitry = await get(`/partners/${withPostcode.id}`).expect(200);
      expect(vitry.text).toContain('<dd>2 avenue Youri-Gagarine, 94400 Vitry-sur-Seine</dd>');
    });

    it('refuses invalid input with 422, the messages beside the fields, and saves nothing', async () => {
      const before = await partnerCount();
      const page = await post('/partners', {
        name: '   ',
        kind: 'not-a-kind',
        email: 'nope',
        latitude: '50',
        shortName: 'Gardé tel quel',
      }).expect(422);
      expect(page.text).toContain('Indiquez le nom');
      expect(page.text).toContain('Choisissez un type de structure');
      expect(page.text).toContain('Indiquez une adresse e-mail valide');
      expect(page.text).toContain('Longitude : un nombre');
      expect(page.text).toContain('aria-describedby="partner-name-error"');
      expect(page.text).toContain('value="Gardé tel quel"');
      expect(await partnerCount()).toBe(before);
      // Coordinates are read from digits only: Number() would take "1e1" for 10, "0x10" for 16.
      const odd = await post('/partners', {
        name: 'Coordonnées étranges',
        kind: 'other',
        latitude: '1e1',
        longitude: '0x10',
      }).expect(422);
      expect(odd.text).toContain('Latitude : un nombre');
      expect(odd.text).toContain('Longitude : un nombre');
      expect(await partnerCount()).toBe(before);
    });

    it('shows a duplicate name beside the form (409), saving nothing', async () => {
      await createPartner(staff, { name: 'Forem Charleroi' });
      const before = await partnerCount();
      const page = await post('/partners', { name: 'FOREM charleroi', kind: 'other' }).expect(409);
      expect(page.text).toContain('Un partenaire porte déjà ce nom');
      expect(await partnerCount()).toBe(before);
    });

    it('refuses a form without its CSRF token (403), saving nothing', async () => {
      const before = await partnerCount();
      const refused = await browser.agent
        .post('/partners')
        .set('Accept', HTML)
        .type('form')
        .send({ name: 'Sans jeton', kind: 'other' })
        .expect(403);
      expect(await partnerCount()).toBe(before);
      expect(refused.text).toContain('Le formulaire a expiré ou ne vient pas de ce site');
    });

    it('edits a partner and clears a field left empty', async () => {
      const partner = await createPartner(staff, { name: 'CPAS de Mons', shortName: 'CPAS' });
      const form = await get(`/partners/${partner.id}/edit`).expect(200);
      expect(form.text).toContain('value="CPAS de Mons"');
      await post(`/partners/${partner.id}/edit`, {
        name: 'CPAS de Mons',
        kind: 'social-services',
        shortName: '',
        territory: 'Mons',
      }).expect(303);
      const api = await staff.api.get(`/api/partners/${partner.id}`).expect(200);
      expect(api.body).toMatchObject({
        kind: 'social-services',
        shortName: null,
        territory: 'Mons',
      });
      const invalid = await post(`/partners/${partner.id}/edit`, {
        name: '',
        kind: 'social-services',
      }).expect(422);
      expect(invalid.text).toContain('Indiquez le nom');
      const after = await staff.api.get(`/api/partners/${partner.id}`).expect(200);
      expect(after.body.name).toBe('CPAS de Mons');
    });

    it('escapes user text', async () => {
      const partner = await createPartner(staff, {
        name: '<script>alert(1)</script> Asso',
        services: '<b>gras</b>',
      });
      for (const url of [
        `/partners/${partner.id}`,
        '/partners?q=asso',
        `/partners/${partner.id}/edit`,
      ]) {
        const page = await get(url).expect(200);
        expect(page.text).not.toContain('<script>alert(1)</script>');
        expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Asso');
      }
    });
  });

  describe("a partner's page", () => {
    it('shows details, contacts, meetings with attendance and projects', async () => {
      const partner = await createPartner(staff, {
        name: 'Mission locale du Val',
        kind: 'mission-locale',
        services: 'Accompagnement des jeunes',
      });
      await createContact(staff, partner.id, {
        fullName: 'Claire Martin',
        jobTitle: 'Conseillère',
      });
      const meeting = await t.app.get(Transactions).run(async (manager) => {
        const m = await manager.getRepository(Meeting).save({
          title: 'Réunion de réseau de mars',
          kind: 'network-meeting',
          startsAt: new Date('2026-03-12T09:00:00Z'),
          endsAt: new Date('2026-03-12T11:00:00Z'),
          status: 'held',
          sequence: 0,
        } as Partial<Meeting>);
        await manager.getRepository(Invitation).save({
          meetingId: m.id,
          partnerId: partner.id,
          invited: true,
          attendance: 'excused',
        } as Partial<Invitation>);
        return m;
      });
      const project = await staff.api
        .post('/api/projects')
        .send({ title: 'Job dating du Val', leadPartnerId: partner.id })
        .expect(201);

      const page = await get(`/partners/${partner.id}`).expect(200);
      expect(page.text).toContain('<h1>Mission locale du Val');
      expect(page.text).toContain('Accompagnement des jeunes');
      expect(page.text).toContain('Claire Martin');
      expect(page.text).toContain('Conseillère');
      expect(page.text).toContain(`href="/meetings/${meeting.id}"`);
      expect(page.text).toContain('Réunion de réseau de mars');
      expect(page.text).toContain('Excusé');
      expect(page.text).toContain(`href="/projects/${project.body.id}"`);
      expect(page.text).toContain('Job dating du Val');
      expect(page.text).toContain('porteur');
    });

    it('links to all its meetings and projects, page by page, beyond the latest shown', async () => {
      const partner = await createPartner(staff, { name: 'Plie des Flandres' });
      // 27 meetings (the page shows 10, a "see all" page 25) and 22 projects (the page shows 20).
      await t.app.get(Transactions).run(async (manager) => {
        for (let i = 1; i <= 27; i++) {
          const startsAt = new Date(Date.UTC(2025, 0, i, 9));
          const m = await manager.getRepository(Meeting).save({
            title: `Réunion n° ${i}`,
            kind: 'network-meeting',
            startsAt,
            endsAt: new Date(startsAt.getTime() + 3_600_000),
            status: 'held',
            sequence: 0,
          } as Partial<Meeting>);
          await manager.getRepository(Invitation).save({
            meetingId: m.id,
            partnerId: partner.id,
            invited: true,
            attendance: i % 2 ? 'present' : 'absent',
          } as Partial<Invitation>);
        }
      });
      for (let i = 1; i <= 22; i++) {
        await staff.api
          .post('/api/projects')
          .send({ title: `Projet n° ${i}`, leadPartnerId: partner.id })
          .expect(201);
      }
      const show = await get(`/partners/${partner.id}`).expect(200);
      expect(show.text.match(/Réunion n° \d+</g)).toHaveLength(10);
      expect(show.text).toContain(`href="/partners/${partner.id}/meetings"`);
      expect(show.text).toContain('Voir toutes ses réunions (27)');
      expect(show.text.match(/Projet n° \d+</g)).toHaveLength(20);
      expect(show.text).toContain(`href="/partners/${partner.id}/projects"`);
      expect(show.text).toContain('Voir tous ses projets (22)');

      const first = await get(`/partners/${partner.id}/meetings`).expect(200);
      expect(first.text).toContain('<h1>Réunions de Plie des Flandres</h1>');
      expect(first.text.match(/Réunion n° \d+</g)).toHaveLength(25);
      expect(first.text).toContain('Réunion n° 27<'); // most recent first
      expect(first.text).not.toContain('Réunion n° 2<');
      expect(first.text).toContain('27 réunions : présent à 14, excusé à 0, absent à 13.');
      expect(first.text).toContain('Page 1 sur 2');
      expect(unescape(first.text)).toContain(`href="/partners/${partner.id}/meetings?page=2"`);
      const second = await get(`/partners/${partner.id}/meetings?page=2`).expect(200);
      expect(second.text.match(/Réunion n° \d+</g)).toEqual(['Réunion n° 2<', 'Réunion n° 1<']);
      expect(unescape(second.text)).toContain(`href="/partners/${partner.id}/meetings?page=1"`);

      const projects = await get(`/partners/${partner.id}/projects`).expect(200);
      expect(projects.text).toContain('<h1>Projets de Plie des Flandres</h1>');
      expect(projects.text).toContain('22 projets portés ou suivis.');
      expect(projects.text.match(/Projet n° \d+</g)).toHaveLength(22);
      expect(projects.text).not.toContain('Page 1 sur');

      await get(`/partners/${partner.id}/meetings?page=zéro`).expect(400);
      await get('/partners/999999/projects').expect(404);
      // A partner with few meetings and projects has no "see all" link.
      const small = await createPartner(staff, { name: 'Petit partenaire' });
      const smallPage = await get(`/partners/${small.id}`).expect(200);
      expect(smallPage.text).not.toContain(`/partners/${small.id}/meetings`);
      expect(smallPage.text).not.toContain(`/partners/${small.id}/projects`);
    });

    it('answers 404 with the HTML error page for an unknown partner', async () => {
      const page = await get('/partners/999999').expect(404);
      expect(page.headers['content-type']).toMatch(/html/);
      expect(page.text).toContain('Erreur 404');
      await get('/partners/999999/edit').expect(404);
    });

    it('adds, edits and removes a contact', async () => {
      const partner = await createPartner(staff);
      await post(`/partners/${partner.id}/contacts`, {
        fullName: 'Paul Durand',
        email: 'paul.durand@example.org',
        receivesMinutes: 'on',
      }).expect(303);
      const contacts = () =>
        t.dataSource.getRepository(Contact).find({ where: { partnerId: partner.id } });
      const [contact] = await contacts();
      expect(contact).toMatchObject({
        fullName: 'Paul Durand',
        receivesMinutes: true,
        newsletterConsent: false,
      });

      const invalid = await post(`/partners/${partner.id}/contacts`, {
        fullName: '',
        email: 'not-an-email',
      }).expect(422);
      expect(invalid.text).toContain('Indiquez le nom de la personne');
      expect(await contacts()).toHaveLength(1);

      const form = await get(`/partners/${partner.id}/contacts/${contact.id}/edit`).expect(200);
      expect(form.text).toContain('value="Paul Durand"');
      await post(`/partners/${partner.id}/contacts/${contact.id}/edit`, {
        fullName: 'Paul Durand',
        email: 'paul.durand@example.org',
        jobTitle: 'Directeur',
        newsletterConsent: 'on',
      }).expect(303);
      const [edited] = await contacts();
      expect(edited).toMatchObject({
        jobTitle: 'Directeur',
        receivesMinutes: false,
        newsletterConsent: true,
        newsletterConsentSource: 'staff',
      });

      const other = await createPartner(staff);
      await get(`/partners/${other.id}/contacts/${contact.id}/edit`).expect(404);

      await post(`/partners/${partner.id}/contacts/${contact.id}/delete`, {}).expect(303);
      expect(await contacts()).toHaveLength(0);
    });

    it('archives and restores a partner', async () => {
      const partner = await createPartner(staff);
      await post(`/partners/${partner.id}/archive`, {}).expect(303);
      const archived = await get(`/partners/${partner.id}?saved=archived`).expect(200);
      expect(archived.text).toContain('Partenaire archivé');
      expect(archived.text).toContain(`action="/partners/${partner.id}/restore"`);
      expect((await staff.api.get(`/api/partners/${partner.id}`)).body.active).toBe(false);
      await post(`/partners/${partner.id}/restore`, {}).expect(303);
      expect((await staff.api.get(`/api/partners/${partner.id}`)).body.active).toBe(true);
    });

    it('deletes a partner without history, and says why one with history is kept', async () => {
      const free = await createPartner(staff);
      await post(`/partners/${free.id}/delete`, {}).expect(303);
      await staff.api.get(`/api/partners/${free.id}`).expect(404);

      const kept = await createPartner(staff);
      await staff.api
        .post('/api/projects')
        .send({ title: 'Projet qui garde son porteur', leadPartnerId: kept.id })
        .expect(201);
      const refused = await post(`/partners/${kept.id}/delete`, {}).expect(409);
      expect(refused.text).toContain('Suppression refusée');
      expect(refused.text).toContain('projets');
      await staff.api.get(`/api/partners/${kept.id}`).expect(200);
    });
  });

  describe('CSV import', () => {
    const csv = [
      'Nom;Type;Territoire;Contact;Contact email',
      'Import Alpha;association;Lille;Anne Import;anne.import@example.org',
      'Import Beta;plie;Douai;;',
    ].join('\n');

    it('previews a file without saving, then applies it on confirmation', async () => {
      const form = await get('/partners/import').expect(200);
      expect(form.text).toContain('enctype="multipart/form-data"');
      const before = await partnerCount();
      const preview = await browser.agent
        .post('/partners/import')
        .set('Accept', HTML)
        .field('_csrf', browser.csrfToken)
        .field('step', 'preview')
        .attach('file', Buffer.from(csv, 'utf8'), 'partenaires.csv')
        .expect(200);
      expect(preview.text).toContain('Aperçu de l’import');
      expect(preview.text).toContain('Import Alpha');
      expect(preview.text).toContain('Anne Import');
      expect(preview.text).toContain('à créer');
      expect(await partnerCount()).toBe(before);
      const content = /name="content" value="([^"]+)"/
        .exec(preview.text)![1]
        .replace(/&#x3D;/g, '=');
      expect(Buffer.from(content, 'base64').toString('utf8')).toBe(csv);

      const applied = await browser.agent
        .post('/partners/import')
        .set('Accept', HTML)
        .field('_csrf', browser.csrfToken)
        .field('step', 'apply')
        .field('content', content)
        .expect(303);
      expect(applied.headers.location).toBe('/partners/import/done?created=2&updated=0');
      expect(await partnerCount()).toBe(before + 2);
      const done = await get(applied.headers.location).expect(200);
      expect(done.text).toContain('2 partenaires créés');
    });

    it('accepts pasted text and shows the errors per line, with no confirm button', async () => {
      const before = await partnerCount();
      const preview = await browser.agent
        .post('/partners/import')
        .set('Accept', HTML)
        .field('_csrf', browser.csrfToken)
        .field('step', 'preview')
        .field('pasted', 'Nom;Type\nBonne ligne;association\nMauvaise ligne;pas-un-type\n')
        .expect(422);
      expect(preview.text).toContain('Lignes en erreur');
      expect(preview.text).toMatch(/<td>3<\/td><td>Type<\/td>/);
      expect(preview.text).not.toContain('name="content"');
      expect(await partnerCount()).toBe(before);
    });

    it('asks for a file when none is sent, and needs the CSRF token', async () => {
      const empty = await browser.agent
        .post('/partners/import')
        .set('Accept', HTML)
        .field('_csrf', browser.csrfToken)
        .field('step', 'preview')
        .expect(422);
      expect(empty.text).toContain('Choisissez un fichier CSV');
      const emptyFile = await browser.agent
        .post('/partners/import')
        .set('Accept', HTML)
        .field('_csrf', browser.csrfToken)
        .field('step', 'preview')
        .attach('file', Buffer.alloc(0), 'partenaires.csv')
        .expect(422);
      expect(emptyFile.text).toContain('Le fichier « partenaires.csv » est vide');
      await browser.agent
        .post('/partners/import')
        .set('Accept', HTML)
        .field('step', 'preview')
        .attach('file', Buffer.from(csv, 'utf8'), 'partenaires.csv')
        .expect(403);
    });
  });

  describe('query counts', () => {
    /** The session's expiry is refreshed after the answer is sent: let it land in the count. */
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    const seed = (count: number) =>
      t.app.get(Transactions).run(async (manager) => {
        const service = t.app.get(PartnersService);
        for (let i = 0; i < count; i++) {
          const partner = await service.createIn(
            manager,
            { label: 'test' },
            partnerInput({ name: `Compté ${i}` }) as never,
          );
          await t.app.get(ContactsService).createContactIn(manager, { label: 'test' }, partner.id, {
            fullName: `Personne ${i}`,
          });
        }
      });

    it('renders the list (the partner search page) in a constant number of queries', async () => {
      await seed(30);
      const countFor = async (url: string) => {
        await settle();
        const before = t.queries.total;
        await get(url).expect(200);
        await settle();
        return t.queries.total - before;
      };
      // Two full pages (TypeORM skips the COUNT when a page is not full: one query fewer).
      const small = await countFor('/partners?q=compte&pageSize=1');
      const large = await countFor('/partners?q=compte&pageSize=20');
      expect(large).toBe(small);
      expect(await countFor('/partners?q=compte&pageSize=50')).toBeLessThanOrEqual(small);
      // session + user, partners + count, contact counts, session expiry (3 with its transaction)
      expect(small).toBeLessThanOrEqual(8);
    });

    it("renders a partner's page in a constant number of queries", async () => {
      const few = await createPartner(staff);
      const many = await createPartner(staff);
      for (let i = 0; i < 8; i++) await createContact(staff, many.id);
      const countFor = async (id: number) => {
        await settle();
        const before = t.queries.total;
        await get(`/partners/${id}`).expect(200);
        await settle();
        return t.queries.total - before;
      };
      expect(await countFor(many.id)).toBe(await countFor(few.id));
    });
  });
});
