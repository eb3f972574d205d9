import { AuditService } from '../src/audit/audit.service';
import { normalizeForSearch } from '../src/common/text';
import { Transactions } from '../src/database/transactions';
import { greatCircleKm } from '../src/themes/speakers/geo';
import { Speaker } from '../src/themes/speakers/speaker.entity';
import { SpeakerTheme } from '../src/themes/speakers/speaker-theme.entity';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';
import {
  createMeeting,
  createPartner,
  createSpeaker,
  createTheme,
  PLACES,
  fieldsOf,
} from './support/themes';

interface Item {
  id: number;
  name: string;
  feeCents: number;
  distanceKm: number | null;
  travelCents: number | null;
  totalCostCents: number | null;
  totalCostFormatted: string | null;
}
const names = (body: { items: Item[] }) => body.items.map((item) => item.name);

describe('speakers API', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('creates a speaker from a partner, with fee in cents shown in the locale', async () => {
    const partner = await createPartner(t, 'Forem Mouscron');
    const theme = await createTheme(staff, { title: 'Validation des compétences' });
    const response = await staff.api
      .post('/api/speakers')
      .send({
        name: 'Marc Dupont',
        organisationPartnerId: partner.id,
        themeIds: [theme.id, theme.id],
        tags: ['VAE', 'Compétences'],
        email: 'marc@forem.test',
        phone: '+32 56 00 00 00',
        feeCents: 15000,
        address: 'Rue de Tournai 1, Mouscron',
        ...PLACES.comines,
        notes: 'Préfère le matin',
        lastSpokeAt: '2025-11-20T09:00:00Z',
      })
      .expect(201);
    // A speaker's tags are themes: each typed tag is a new proposed theme, linked.
    const [vae, skills] = [theme.id + 1, theme.id + 2];
    expect(response.body).toMatchObject({
      name: 'Marc Dupont',
      organisation: { partnerId: partner.id, name: 'Forem Mouscron' },
      themes: [
        { id: theme.id, title: 'Validation des compétences' },
        { id: vae, title: 'VAE' },
        { id: skills, title: 'Compétences' },
      ],
      tags: ['Validation des compétences', 'VAE', 'Compétences'],
      feeCents: 15000,
      feeFormatted: '150,00 €',
      travelCentsPerKm: null,
      effectiveTravelCentsPerKm: 40,
      latitude: PLACES.comines.latitude,
      lastSpokeAt: '2025-11-20T09:00:00.000Z',
    });
    const read = await staff.api.get(`/api/speakers/${response.body.id}`).expect(200);
    expect(read.body).toEqual(response.body);
  });

  it('creates a speaker from outside the network, with their own per-km rate', async () => {
    const response = await staff.api
      .post('/api/speakers')
      .send({ name: 'Zoé Externe', organisationName: 'Université de Lille', travelCentsPerKm: 25 })
      .expect(201);
    expect(response.body).toMatchObject({
      organisation: { partnerId: null, name: 'Université de Lille' },
      feeCents: 0,
      feeFormatted: '0,00 €',
      travelCentsPerKm: 25,
      effectiveTravelCentsPerKm: 25,
      latitude: null,
      longitude: null,
    });
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const partner = await createPartner(t);
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 400, 'name'],
      [{ name: 'x', feeCents: 150.5 }, 400, 'feeCents'],
      [{ name: 'x', feeCents: -1 }, 400, 'feeCents'],
      [{ name: 'x', feeCents: '150' }, 400, 'feeCents'],
      [{ name: 'x', latitude: 95, longitude: 3 }, 400, 'latitude'],
      [{ name: 'x', latitude: 50, longitude: 'east' }, 400, 'longitude'],
      [{ name: 'x', latitude: 50.6 }, 422, 'longitude'],
      [{ name: 'x', longitude: 3.06 }, 422, 'latitude'],
      [{ name: 'x', email: 'not-an-email' }, 400, 'email'],
      [{ name: 'x', themeIds: [999999] }, 422, 'themeIds'],
      [{ name: 'x', themeIds: ['a'] }, 400, 'themeIds'],
      [{ name: 'x', organisationPartnerId: 999999 }, 422, 'organisationPartnerId'],
      [
        { name: 'x', organisationPartnerId: partner.id, organisationName: 'Ailleurs' },
        422,
        'organisationName',
      ],
      [{ name: 'x', travelCentsPerKm: -5 }, 400, 'travelCentsPerKm'],
      [{ name: 'x', lastSpokeAt: 'yesterday' }, 400, 'lastSpokeAt'],
      [{ name: 'x', salary: 1 }, 400, 'salary'],
    ];
    for (const [body, status, field] of cases) {
      const response = await staff.api.post('/api/speakers').send(body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect(fieldsOf(response.body)).toContain(field);
    }
    const speaker = await createSpeaker(staff, { ...PLACES.lille });
    const clear = await staff.api
      .patch(`/api/speakers/${speaker.id}`)
      .send({ latitude: null })
      .expect(422);
    expect(clear.body.field).toBe('latitude');
    await staff.api.get('/api/speakers/999999').expect(404);
    const id = await staff.api.get('/api/speakers/x1').expect(400);
    expect(fieldsOf(id.body)).toEqual(['id']);
    for (const [query, field] of [
      ['maxFee=-1', 'maxFee'],
      ['maxFee=abc', 'maxFee'],
      ['maxDistanceKm=-3&meetingId=1', 'maxDistanceKm'],
      ['sort=price', 'sort'],
      ['themeId=zero', 'themeId'],
    ]) {
      const response = await staff.api.get(`/api/speakers?${query}`).expect(400);
      expect(fieldsOf(response.body)).toContain(field);
    }
  });

  it('updates only the given fields, replaces themes, keeps an audit trail', async () => {
    const [a, b] = [await createTheme(staff), await createTheme(staff, { title: 'Autre' })];
    const speaker = await createSpeaker(staff, { themeIds: [a.id], email: 'x@y.test' });
    const response = await staff.api
      .patch(`/api/speakers/${speaker.id}`)
      .send({ feeCents: 20000, themeIds: [b.id], travelCentsPerKm: null })
      .expect(200);
    expect(response.body).toMatchObject({
      feeCents: 20000,
      feeFormatted: '200,00 €',
      email: 'x@y.test',
      themes: [{ id: b.id, title: 'Autre' }],
    });
    const trail = await t.app.get(AuditService).trailOf('speaker', speaker.id);
    expect(trail[1].changes).toEqual({
      feeCents: { before: 15000, after: 20000 },
      themeIds: { before: [a.id], after: [b.id] },
    });
  });

  it('archives speakers out of the list and restores them', async () => {
    const speaker = await createSpeaker(staff, { name: 'Archie Vé' });
    const archived = await staff.api.post(`/api/speakers/${speaker.id}/archive`).expect(200);
    expect(archived.body.archivedAt).toBe('2026-03-02T09:00:00.000Z');
    const list = await staff.api.get('/api/speakers?q=archie').expect(200);
    expect(list.body.total).toBe(0);
    const all = await staff.api.get('/api/speakers?q=archie&archived=true').expect(200);
    expect(names(all.body)).toEqual(['Archie Vé']);
    await staff.api.post(`/api/speakers/${speaker.id}/restore`).expect(200);
    expect((await staff.api.get('/api/speakers?q=archie').expect(200)).body.total).toBe(1);
  });

  it('filters by theme, maximum fee, tag and words (accents folded)', async () => {
    const theme = await createTheme(staff, { title: 'Économie sociale' });
    await createSpeaker(staff, { name: 'Éloïse Filtre', themeIds: [theme.id], feeCents: 30000 });
    await createSpeaker(staff, { name: 'Paul Filtre', themeIds: [theme.id], feeCents: 10000 });
    await createSpeaker(staff, { name: 'Rémi Filtre', tags: ['Logement'], feeCents: 5000 });
    const byTheme = await staff.api.get(`/api/speakers?themeId=${theme.id}`).expect(200);
    expect(names(byTheme.body)).toEqual(['Éloïse Filtre', 'Paul Filtre']);
    const cheap = await staff.api.get(`/api/speakers?themeId=${theme.id}&maxFee=10000`);
    expect(names(cheap.body)).toEqual(['Paul Filtre']);
    const tag = await staff.api.get('/api/speakers?tag=logement').expect(200);
    expect(names(tag.body)).toEqual(['Rémi Filtre']);
    const words = await staff.api.get('/api/speakers?q=eloise').expect(200);
    expect(names(words.body)).toEqual(['Éloïse Filtre']);
    const byFee = await staff.api.get('/api/speakers?q=filtre&sort=cost').expect(200);
    expect(names(byFee.body)).toEqual(['Rémi Filtre', 'Paul Filtre', 'Éloïse Filtre']);
  });

  describe('finding a speaker for a meeting', () => {
    let themeId: number;
    let meetingId: number;
    beforeAll(async () => {
      themeId = (await createTheme(staff, { title: 'Mobilité' })).id;
      meetingId = (await createMeeting(t, { place: PLACES.lille })).id;
      const speaker = (body: Record<string, unknown>) =>
        createSpeaker(staff, { themeIds: [themeId], ...body });
      await speaker({ name: 'Comines', feeCents: 20000, ...PLACES.comines });
      await speaker({ name: 'Bruxelles', feeCents: 10000, ...PLACES.brussels });
      await speaker({ name: 'Liège', feeCents: 5000, ...PLACES.liege, travelCentsPerKm: 10 });
      await speaker({ name: 'Nulle part', feeCents: 1000 });
    });

    it('computes the distance to the venue, travel and total cost', async () => {
      const response = await staff.api
        .get(`/api/speakers?themeId=${themeId}&meetingId=${meetingId}&sort=distance`)
        .expect(200);
      expect(names(response.body)).toEqual(['Comines', 'Bruxelles', 'Liège', 'Nulle part']);
      const [comines, brussels, liege, nowhere] = response.body.items as Item[];
      const km = greatCircleKm(PLACES.comines, PLACES.lille);
      expect(comines.distanceKm).toBe(Math.round(km * 10) / 10);
      expect(comines.distanceKm).toBeGreaterThan(14);
      expect(comines.distanceKm).toBeLessThan(17);
      expect(comines.travelCents).toBe(Math.round(2 * km * 40));
      expect(comines.totalCostCents).toBe(20000 + comines.travelCents!);
      const liegeKm = greatCircleKm(PLACES.liege, PLACES.lille);
      expect(liege.travelCents).toBe(Math.round(2 * liegeKm * 10));
      expect(brussels.distanceKm).toBeGreaterThan(80);
      // Unknown, never 0 km, and last.
      expect(nowhere).toMatchObject({
        distanceKm: null,
        travelCents: null,
        totalCostCents: null,
        totalCostFormatted: null,
      });
    });

    it('sorts by total cost (fee + round-trip travel), unknown costs last', async () => {
      const response = await staff.api
        .get(`/api/speakers?themeId=${themeId}&meetingId=${meetingId}&sort=cost`)
        .expect(200);
      const items = response.body.items as Item[];
      const totals = items.map((item) => item.totalCostCents);
      expect(totals.slice(0, 3)).toEqual([...totals.slice(0, 3)].sort((a, b) => a! - b!));
      expect(items[3].name).toBe('Nulle part');
      // Liège is far but cheap per km: the cheapest in total; Comines is the dearest of the known.
      expect(items[0].name).toBe('Liège');
      expect(items[2].name).toBe('Comines');
      expect(items[0].totalCostFormatted).toMatch(/^\d+,\d\d €$/);
      // Cost is the default sort with a meeting.
      const byDefault = await staff.api
        .get(`/api/speakers?themeId=${themeId}&meetingId=${meetingId}`)
        .expect(200);
      expect(names(byDefault.body)).toEqual(names(response.body));
    });

    it('filters by maximum distance, leaving out unknown distances, and by maximum fee', async () => {
      const near = await staff.api
        .get(`/api/speakers?themeId=${themeId}&meetingId=${meetingId}&maxDistanceKm=100`)
        .expect(200);
      expect(names(near.body).sort()).toEqual(['Bruxelles', 'Comines']);
      expect(near.body.total).toBe(2);
      const cheap = await staff.api
        .get(`/api/speakers?themeId=${themeId}&meetingId=${meetingId}&maxFee=10000&sort=distance`)
        .expect(200);
      expect(names(cheap.body)).toEqual(['Bruxelles', 'Liège', 'Nulle part']);
    });

    it('lists every distance as unknown when the venue has no coordinates', async () => {
      const online = await createMeeting(t, { place: null });
      const response = await staff.api
        .get(`/api/speakers?themeId=${themeId}&meetingId=${online.id}&sort=distance`)
        .expect(200);
      expect(response.body.items.map((item: Item) => item.distanceKm)).toEqual([
        null,
        null,
        null,
        null,
      ]);
      const filtered = await staff.api
        .get(`/api/speakers?meetingId=${online.id}&maxDistanceKm=50`)
        .expect(422);
      expect(filtered.body.field).toBe('maxDistanceKm');
    });

    it('needs a meeting to sort or filter by distance, and a meeting that exists', async () => {
      let r = await staff.api.get('/api/speakers?sort=distance').expect(422);
      expect(r.body.field).toBe('meetingId');
      r = await staff.api.get('/api/speakers?maxDistanceKm=10').expect(422);
      expect(r.body.field).toBe('meetingId');
      r = await staff.api.get('/api/speakers?meetingId=999999').expect(422);
      expect(r.body.field).toBe('meetingId');
    });
  });

  it('pages the lists with a constant number of queries', async () => {
    const theme = await createTheme(staff, { title: 'Volume' });
    const meeting = await createMeeting(t);
    const insert = (count: number) =>
      t.app.get(Transactions).run(async (manager) => {
        const speakers = await manager.getRepository(Speaker).save(
          Array.from({ length: count }, (_, i) => ({
            name: `Volume ${i}`,
            nameKey: normalizeForSearch(`Volume ${i}`),
            organisationPartnerId: null,
            organisationName: 'Ailleurs',
            tags: [],
            feeCents: 1000 * i,
            latitude: i % 3 ? 50 + i / 100 : null,
            longitude: i % 3 ? 3 + i / 100 : null,
            travelCentsPerKm: null,
            lastSpokeAt: null,
            archivedAt: null,
          })),
        );
        await manager
          .getRepository(SpeakerTheme)
          .insert(speakers.map((speaker) => ({ speakerId: speaker.id, themeId: theme.id })));
      });
    const count = async (url: string) => {
      const before = t.queries.total;
      const response = await staff.api.get(url).expect(200);
      return { queries: t.queries.total - before, body: response.body as { items: Item[] } };
    };
    const urls = [
      `/api/speakers?themeId=${theme.id}&pageSize=50`,
      `/api/speakers?themeId=${theme.id}&meetingId=${meeting.id}&pageSize=50`,
      `/api/speakers?themeId=${theme.id}&meetingId=${meeting.id}&sort=distance&maxDistanceKm=500`,
    ];
    const countAll = async () => {
      const results = [];
      for (const url of urls) results.push(await count(url));
      return results;
    };
    await countAll(); // warm-up: the API token's last use is written once
    await insert(5);
    const few = await countAll();
    await insert(120);
    const many = await countAll();
    expect(many.map((m) => m.queries)).toEqual(few.map((f) => f.queries));
    expect(many[0].body.items).toHaveLength(50);
    expect(many[1].body.items).toHaveLength(50);
  });
});
