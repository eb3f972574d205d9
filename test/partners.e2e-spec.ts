import request from 'supertest';
import { Transactions } from '../src/database/transactions';
import { PartnerHistoryRegistry } from '../src/partners/partner-history.registry';
import { ContactsService } from '../src/partners/contacts/contacts.service';
import { PartnersService } from '../src/partners/partners.service';
import { createContact, createPartner, partnerInput } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('partner directory API', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  describe('create, read, update', () => {
    it('creates a partner and reads it back with its contacts', async () => {
      const created = await createPartner(staff, {
        name: '  Mission locale de Roubaix ',
        shortName: 'ML Roubaix',
        kind: 'mission-locale',
        territory: 'Roubaix',
        latitude: 50.69,
        longitude: 3.18,
        website: 'https://ml-roubaix.example',
        email: 'accueil@ml-roubaix.example',
      });
      expect(created).toMatchObject({
        name: 'Mission locale de Roubaix',
        kind: 'mission-locale',
        latitude: 50.69,
        longitude: 3.18,
        active: true,
        archivedAt: null,
        description: null,
      });
      await createContact(staff, created.id, { fullName: 'Zoé Martin' });
      await createContact(staff, created.id, { fullName: 'Anne Dubois' });
      const read = await staff.api.get(`/api/partners/${created.id}`).expect(200);
      expect(read.body.contacts.map((c: { fullName: string }) => c.fullName)).toEqual([
        'Anne Dubois',
        'Zoé Martin',
      ]);
      expect(read.body).not.toHaveProperty('searchText');
      expect(read.body).not.toHaveProperty('nameKey');
    });

    it('updates only the fields sent, and clears optional ones with null', async () => {
      const partner = await createPartner(staff, { shortName: 'AB', services: 'Ateliers CV' });
      const updated = await staff.api
        .patch(`/api/partners/${partner.id}`)
        .send({ shortName: null, territory: 'Carvin' })
        .expect(200);
      expect(updated.body).toMatchObject({
        name: partner.name,
        shortName: null,
        services: 'Ateliers CV',
        territory: 'Carvin',
      });
    });

    it('refuses null for a required field on update', async () => {
      const partner = await createPartner(staff);
      const response = await staff.api
        .patch(`/api/partners/${partner.id}`)
        .send({ name: null, kind: null })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'kind',
        'name',
      ]);
    });

    it('requires a signed-in user', async () => {
      await request(t.http).get('/api/partners').expect(401);
    });
  });

  describe('bad input', () => {
    it('names unknown fields', async () => {
      const response = await staff.api
        .post('/api/partners')
        .send(partnerInput({ colour: 'blue', secret: 1 }))
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'colour',
        'secret',
      ]);
    });

    it('lists each missing or wrongly typed field', async () => {
      const response = await staff.api
        .post('/api/partners')
        .send({
          kind: 'bakery',
          email: 'not-an-email',
          website: 'javascript:alert(1)',
          shortName: 42,
          latitude: 91,
          longitude: 3,
          postcode: 'x'.repeat(21),
        })
        .expect(400);
      const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual([
        'email',
        'kind',
        'latitude',
        'name',
        'postcode',
        'shortName',
        'website',
      ]);
    });

    it('wants latitude and longitude together', async () => {
      const response = await staff.api
        .post('/api/partners')
        .send(partnerInput({ latitude: 50.7 }))
        .expect(400);
      expect(response.body).toMatchObject({ code: 'errors.input.invalid', field: 'longitude' });
      expect(response.body.errors).toEqual([
        {
          field: 'longitude',
          codes: expect.arrayContaining(['errors.validation.pairedWith']) as unknown,
          messages: expect.arrayContaining([
            '« longitude » et « latitude » se donnent ensemble ou pas du tout.',
          ]) as unknown,
        },
      ]);
      const partner = await createPartner(staff, { latitude: 50.7, longitude: 3.0 });
      const patch = await staff.api
        .patch(`/api/partners/${partner.id}`)
        .send({ latitude: null })
        .expect(422);
      expect(patch.body.field).toBe('latitude');
      await staff.api
        .patch(`/api/partners/${partner.id}`)
        .send({ latitude: null, longitude: null })
        .expect(200);
    });

    it('answers 400 to malformed JSON and to a bad id, 404 to an unknown id', async () => {
      const bad = await staff.api
        .post('/api/partners')
        .set('Content-Type', 'application/json')
        .send('{"name": "A",')
        .expect(400);
      expect(bad.body).toMatchObject({
        code: 'errors.input.badJson',
        message: 'Le contenu envoyé n’est pas du JSON valide.',
      });
      await staff.api.get('/api/partners/abc').expect(400);
      await staff.api.get('/api/partners/99999999999').expect(400);
      const missing = await staff.api.get('/api/partners/999999').expect(404);
      expect(missing.body).toMatchObject({
        code: 'errors.notFoundWithId',
        message: 'Partenaire 999999 introuvable',
      });
      await staff.api.patch('/api/partners/999999').send({ name: 'X' }).expect(404);
      await staff.api.delete('/api/partners/999999').expect(404);
      await staff.api.get('/api/partners/999999/contacts').expect(404);
      await staff.api.post('/api/partners/999999/contacts').send({ fullName: 'X' }).expect(404);
    });

    it('answers 413 to a body over the limit', async () => {
      const response = await staff.api
        .post('/api/partners')
        .send(partnerInput({ description: 'x'.repeat(1_100_000) }))
        .expect(413);
      expect(response.body.statusCode).toBe(413);
    });

    it('answers 409 to a name already taken, ignoring case and accents', async () => {
      await createPartner(staff, { name: 'Équipe Emploi Comines' });
      const response = await staff.api
        .post('/api/partners')
        .send(partnerInput({ name: 'EQUIPE emploi  comines' }))
        .expect(409);
      expect(response.body.message).toMatch(/nommé « Équipe Emploi Comines » existe déjà/);
      const other = await createPartner(staff);
      await staff.api
        .patch(`/api/partners/${other.id}`)
        .send({ name: 'équipe emploi comines' })
        .expect(409);
    });

    it('answers 409 to a name typed on another keyboard (straight apostrophe, oe for œ)', async () => {
      const taken = await createPartner(staff, { name: 'Régie Cœur d’Artois' });
      const response = await staff.api
        .post('/api/partners')
        .send(partnerInput({ name: "Regie Coeur d'Artois" }))
        .expect(409);
      expect(response.body.message).toMatch(/nommé « Régie Cœur d’Artois » existe déjà/);
      const other = await createPartner(staff);
      await staff.api
        .patch(`/api/partners/${other.id}`)
        .send({ name: 'régie coeur d’artois' })
        .expect(409);
      // The partner itself may be renamed to its own name typed the other way.
      await staff.api
        .patch(`/api/partners/${taken.id}`)
        .send({ name: "Régie Coeur d'Artois" })
        .expect(200);
      // Each apostrophe of a name may be typed its own way.
      await createPartner(staff, { name: "Centre social de l’Îlot d'Or" });
      for (const name of ['Centre social de l’Îlot d’Or', "Centre social de l'Îlot d'Or"])
        await staff.api.post('/api/partners').send(partnerInput({ name })).expect(409);
    });
  });

  describe('list', () => {
    let l: TestApp;
    let s: Staff;
    beforeAll(async () => {
      l = await createTestApp();
      s = await createStaff(l);
      const roubaix = await createPartner(s, {
        name: 'Régie de quartier Roubaix Est',
        kind: 'social-economy',
        territory: 'Roubaix',
        services: 'Chantiers d’insertion',
      });
      await createContact(s, roubaix.id, { fullName: 'Hélène Dépré' });
      await createPartner(s, {
        name: 'Équipe Emploi Lille',
        kind: 'association',
        territory: 'Lille',
      });
      await createPartner(s, {
        name: 'Mission locale Carvin',
        kind: 'mission-locale',
        territory: 'Carvin',
      });
      await createPartner(s, { name: 'PLIE 100% emploi', kind: 'plie', territory: 'Lille' });
      const archived = await createPartner(s, { name: 'Ancienne équipe', kind: 'association' });
      await s.api.post(`/api/partners/${archived.id}/archive`).expect(200);
    });
    afterAll(() => l.close());

    const names = (body: { items: { name: string }[] }) => body.items.map((p) => p.name);

    it('lists active partners by name by default, with totals and contact counts', async () => {
      const response = await s.api.get('/api/partners').expect(200);
      expect(names(response.body)).toEqual([
        'Équipe Emploi Lille',
        'Mission locale Carvin',
        'PLIE 100% emploi',
        'Régie de quartier Roubaix Est',
      ]);
      expect(response.body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
      expect(response.body.items[3].contactCount).toBe(1);
      expect(response.body.items[0].contactCount).toBe(0);
    });

    it('filters by active: false (archived) and all', async () => {
      const archived = await s.api.get('/api/partners?active=false').expect(200);
      expect(names(archived.body)).toEqual(['Ancienne équipe']);
      const all = await s.api.get('/api/partners?active=all').expect(200);
      expect(all.body.total).toBe(5);
      const bad = await s.api.get('/api/partners?active=maybe').expect(400);
      expect(bad.body.errors[0].field).toBe('active');
    });

    it('paginates', async () => {
      const second = await s.api.get('/api/partners?page=2&pageSize=3').expect(200);
      expect(second.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(names(second.body)).toEqual(['Régie de quartier Roubaix Est']);
      const tooBig = await s.api.get('/api/partners?pageSize=101').expect(400);
      expect(tooBig.body.errors[0].field).toBe('pageSize');
      await s.api.get('/api/partners?page=0').expect(400);
    });

    it('filters by one or several kinds and by territory', async () => {
      const one = await s.api.get('/api/partners?kind=plie').expect(200);
      expect(names(one.body)).toEqual(['PLIE 100% emploi']);
      const several = await s.api.get('/api/partners?kind=plie&kind=mission-locale').expect(200);
      expect(names(several.body)).toEqual(['Mission locale Carvin', 'PLIE 100% emploi']);
      const comma = await s.api.get('/api/partners?kind=plie,association').expect(200);
      expect(comma.body.total).toBe(2);
      const bad = await s.api.get('/api/partners?kind=plie,bakery').expect(400);
      expect(bad.body.errors[0].field).toBe('kind');
      const lille = await s.api.get('/api/partners?territory=lille').expect(200);
      expect(names(lille.body)).toEqual(['Équipe Emploi Lille', 'PLIE 100% emploi']);
    });

    it('searches name, services and contact names ignoring case and accents', async () => {
      const equipe = await s.api.get('/api/partners?q=EQUIPE').expect(200);
      expect(names(equipe.body)).toEqual(['Équipe Emploi Lille']);
      const all = await s.api.get('/api/partners?q=equipe&active=all').expect(200);
      expect(all.body.total).toBe(2);
      const byContact = await s.api.get('/api/partners?q=helene%20depre').expect(200);
      expect(names(byContact.body)).toEqual(['Régie de quartier Roubaix Est']);
      const byServices = await s.api.get(`/api/partners?q=${encodeURIComponent('chantiers')}`);
      expect(names(byServices.body)).toEqual(['Régie de quartier Roubaix Est']);
      const words = await s.api.get('/api/partners?q=emploi%20lille').expect(200);
      expect(names(words.body)).toEqual(['Équipe Emploi Lille']);
    });

    it('matches LIKE wildcards literally', async () => {
      const percent = await s.api.get('/api/partners?q=100%25').expect(200);
      expect(names(percent.body)).toEqual(['PLIE 100% emploi']);
      const wildcard = await s.api.get('/api/partners?q=%25').expect(200);
      expect(names(wildcard.body)).toEqual(['PLIE 100% emploi']);
      const underscore = await s.api.get('/api/partners?q=_').expect(200);
      expect(underscore.body.total).toBe(0);
    });
  });

  it('runs a constant number of queries for a page, whatever its size', async () => {
    const q = await createTestApp();
    try {
      const s = await createStaff(q);
      const countFor = async (pageSize: number) => {
        const before = q.queries.total;
        const response = await s.api.get(`/api/partners?pageSize=${pageSize}`).expect(200);
        expect(response.body.items).toHaveLength(pageSize);
        return q.queries.total - before;
      };
      const seed = (count: number) =>
        q.app.get(Transactions).run(async (manager) => {
          const service = q.app.get(PartnersService);
          for (let i = 0; i < count; i++) {
            const partner = await service.createIn(
              manager,
              { label: 'test' },
              partnerInput() as never,
            );
            await q.app
              .get(ContactsService)
              .createContactIn(manager, { label: 'test' }, partner.id, {
                fullName: `Contact ${i}`,
              });
          }
        });
      await seed(5);
      // The first request of a token records its last use: not part of the list's cost.
      await s.api.get('/api/partners').expect(200);
      const small = await countFor(5);
      await seed(195);
      expect(await countFor(100)).toBe(small);
      expect(small).toBeLessThanOrEqual(5);
    } finally {
      await q.close();
    }
  }, 60_000);

  it('creates 50 partners at once, all of them', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        staff.api.post('/api/partners').send(partnerInput({ name: `Concurrent ${i}` })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const list = await staff.api.get('/api/partners?q=concurrent&pageSize=100').expect(200);
    expect(list.body.total).toBe(50);
  }, 30_000);

  describe('archive and delete', () => {
    it('archives and restores, keeping the data', async () => {
      const partner = await createPartner(staff, { services: 'Accueil' });
      const contact = await createContact(staff, partner.id);
      t.clock.set('2026-04-01T10:00:00Z');
      const archived = await staff.api.post(`/api/partners/${partner.id}/archive`).expect(200);
      expect(archived.body).toMatchObject({
        active: false,
        archivedAt: '2026-04-01T10:00:00.000Z',
        services: 'Accueil',
      });
      await staff.api.get(`/api/contacts/${contact.id}`).expect(200);
      const restored = await staff.api.post(`/api/partners/${partner.id}/restore`).expect(200);
      expect(restored.body).toMatchObject({ active: true, archivedAt: null });
    });

    it('deletes a partner without history, with its contacts', async () => {
      const partner = await createPartner(staff);
      const contact = await createContact(staff, partner.id);
      await staff.api.delete(`/api/partners/${partner.id}`).expect(204);
      await staff.api.get(`/api/partners/${partner.id}`).expect(404);
      await staff.api.get(`/api/contacts/${contact.id}`).expect(404);
    });

    it('refuses to delete a partner with history: archive instead', async () => {
      const partner = await createPartner(staff);
      const other = await createPartner(staff);
      t.app
        .get(PartnerHistoryRegistry)
        .register('meetings', (manager, partnerId) => Promise.resolve(partnerId === partner.id));
      const response = await staff.api.delete(`/api/partners/${partner.id}`).expect(409);
      expect(response.body).toMatchObject({
        code: 'errors.partner.hasHistory',
        message: expect.stringMatching(/a un historique \(réunions\) : archivez-le/) as unknown,
      });
      await staff.api.get(`/api/partners/${partner.id}`).expect(200);
      await staff.api.post(`/api/partners/${partner.id}/archive`).expect(200);
      await staff.api.delete(`/api/partners/${other.id}`).expect(204);
    });
  });

  it('documents its routes in the OpenAPI description', async () => {
    const response = await request(t.http).get('/api/docs-json').expect(200);
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/partners',
        '/api/partners/{id}',
        '/api/partners/{id}/contacts',
        '/api/partners/{id}/archive',
        '/api/partners/{id}/restore',
        '/api/partners/export.csv',
        '/api/partners/export.xlsx',
        '/api/partners/import',
        '/api/contacts/{id}',
        '/api/audit',
      ]),
    );
    const schemas = response.body.components.schemas;
    expect(schemas.CreatePartnerDto.required).toEqual(['name', 'kind']);
    expect(schemas.PartnerResponse.properties).toHaveProperty('contacts');
  });
});
