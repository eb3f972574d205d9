import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { binary, readPdf } from './support/pdf';
import { seedReportNetwork, insertProject, REPORT_PARTNERS } from './support/reports';
import { createMeetingRecord } from './support/documents';
import { seedPartners } from './support/meetings';
import { pagesOf, signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/** pdf.ts's binary collector, typed as supertest's parser. */
const bytes = binary as unknown as Parameters<request.Test['parse']>[0];

/**
 * The activity report (src/reports/): exact figures of a small known network on the API, the
 * same in the PDF (read by pdf.js) and the CSV (parsed back), the page with its chart, refused
 * periods, access, and a constant number of statements whatever the data.
 */
describe('Activity report', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;
  let ids: Awaited<ReturnType<typeof seedReportNetwork>>;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-07-01T10:00:00Z' });
    staff = await createStaff(t);
    ids = await seedReportNetwork(t, staff);
    session = await signInWithForm(t, staff.user.email, staff.password);
  });

  afterAll(() => t.close());

  /** A document of the API, its bytes whole. */
  const download = (url: string) => staff.api.get(url).buffer(true).parse(bytes).expect(200);

  const report = async (query = '?year=2026') =>
    (await staff.api.get(`/api/reports/activity${query}`).expect(200)).body;

  it('counts the held meetings of the period, their attendance and totals', async () => {
    const body = await report();
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-12-31', label: 'année 2026' });
    expect(body.meetings.held).toBe(2);
    expect(body.meetings.cancelled).toBe(1);
    expect(body.meetings.cancelledItems).toEqual([
      expect.objectContaining({ id: ids.cancelled, title: 'Réunion de juin (annulée)' }),
    ]);
    const figures = (m: Record<string, unknown>) => ({
      id: m.id,
      kindLabel: m.kindLabel,
      invited: m.invited,
      present: m.present,
      presentUninvited: m.presentUninvited,
      excused: m.excused,
      absent: m.absent,
      people: m.people,
      rate: m.rate,
    });
    expect(body.meetings.items.map(figures)).toEqual([
      {
        id: ids.march,
        kindLabel: 'Réunion de réseau',
        invited: 4,
        present: 2,
        presentUninvited: 0,
        excused: 1,
        absent: 1,
        people: 3,
        rate: 0.5,
      },
      {
        id: ids.may,
        kindLabel: 'Réunion de réseau',
        invited: 3,
        present: 3,
        presentUninvited: 1,
        excused: 0,
        absent: 0,
        people: 3,
        rate: 0.75,
      },
    ]);
    expect(body.meetings.totals).toEqual({
      invited: 7,
      present: 5,
      presentUninvited: 1,
      excused: 1,
      absent: 1,
      people: 6,
      rate: 0.63,
    });
  });

  it('gives the same figures by kind of organisation, with the kinds’ labels', async () => {
    const body = await report();
    expect(
      body.byKind.map((k: Record<string, unknown>) => [
        k.kind,
        k.label,
        k.invited,
        k.present,
        k.excused,
        k.absent,
        k.people,
        k.rate,
      ]),
    ).toEqual([
      ['public-employment-service', 'Service public de l’emploi', 2, 2, 0, 0, 2, 1],
      ['mission-locale', 'Mission locale', 2, 2, 0, 0, 3, 1],
      ['social-economy', 'Économie sociale', 1, 1, 1, 0, 1, 0.5],
      ['association', 'Association', 2, 0, 0, 1, 0, 0],
    ]);
  });

  it('buckets participation by month in the network’s time zone, empty months included', async () => {
    const body = await report();
    expect(body.months).toHaveLength(12);
    const byMonth = Object.fromEntries(
      body.months.map((m: Record<string, unknown>) => [m.month, [m.meetings, m.rate]]),
    );
    expect(byMonth['2026-03']).toEqual([1, 0.5]);
    // Starts on 30 April at 22:30 UTC: 1 May in Brussels.
    expect(byMonth['2026-04']).toEqual([0, null]);
    expect(byMonth['2026-05']).toEqual([1, 0.75]);
    expect(body.months[4].label).toBe('mai 2026');
  });

  it('lists the themes presented, the speakers and their cost, the projects', async () => {
    const body = await report();
    expect(body.themes).toEqual([
      expect.objectContaining({
        theme: 'Clauses sociales à l’échelle locale',
        meetingId: ids.march,
        presenters: 'Zoé Brûlé (Mission locale de l’Écluse), Hélène Dupré (Cabinet Œil)',
      }),
    ]);
    expect(
      body.speakers.items.map((s: Record<string, unknown>) => [
        s.speaker,
        s.topic,
        s.feeFormatted,
        s.travelFormatted,
        s.totalFormatted,
      ]),
    ).toEqual([
      ['Hélène Dupré', 'Clauses sociales à l’échelle locale', '150,00 €', '12,50 €', '162,50 €'],
      ['Paul Martin', 'Mobilité', '1 000,00 €', null, '1 000,00 €'],
    ]);
    expect(body.speakers.total).toEqual({
      interventions: 2,
      speakers: 2,
      feeCents: 115000,
      feeFormatted: '1 150,00 €',
      travelCents: 1250,
      travelFormatted: '12,50 €',
      totalCents: 116250,
      totalFormatted: '1 162,50 €',
      unknownTravel: 1,
    });
    expect(body.projects).toMatchObject({
      launched: 1,
      followedUp: 1,
      overdue: 1,
      closed: 1,
      overdueAt: '2026-07-01T10:00:00.000Z',
    });
    expect(
      body.projects.items.map((p: Record<string, unknown>) => [
        p.title,
        p.statusLabel,
        p.launched,
        p.followedUp,
        p.overdue,
        p.closed,
      ]),
    ).toEqual([
      ['Chantier d’insertion', 'terminé', false, false, false, true],
      ['Garde d’enfants pour l’emploi', 'lancé', true, false, true, false],
      ['Mobilité solidaire', 'en cours', false, true, false, false],
    ]);
  });

  it('takes a period of days, and the current year in the network’s time zone by default', async () => {
    const march = await report('?from=2026-03-01&to=2026-03-31');
    expect(march.period.label).toBe('mars 2026');
    expect(march.meetings.items.map((m: { id: number }) => m.id)).toEqual([ids.march]);
    expect(march.months.map((m: { month: string }) => m.month)).toEqual(['2026-03']);
    // 30 April 23:59 in Brussels is before the meeting of 1 May 00:30.
    const april = await report('?from=2026-04-01&to=2026-04-30');
    expect(april.meetings.held).toBe(0);
    // Overdue "as of" the period's last day, not the day after it.
    const marchCsv = (
      (await download('/api/reports/activity.csv?from=2026-03-01&to=2026-03-31')).body as Buffer
    ).toString('utf8');
    expect(marchCsv).toContain('En retard de suivi au 31/03/2026');
    expect(marchCsv).not.toContain('01/04/2026');
    expect((await report('')).period.from).toBe('2026-01-01');
    t.clock.set('2026-12-31T23:30:00Z'); // already 2027 in Brussels
    try {
      expect((await report('')).period).toMatchObject({ from: '2027-01-01', to: '2027-12-31' });
    } finally {
      t.clock.set('2026-07-01T10:00:00Z');
    }
  });

  it('refuses bad periods in French, naming the field', async () => {
    const refused = async (query: string, status: number) =>
      (await staff.api.get(`/api/reports/activity${query}`).expect(status)).body;
    const badDay = await refused('?from=2026-02-30&to=2026-03-01', 400);
    expect(badDay.errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    const badYear = await refused('?year=deux-mille', 400);
    expect(badYear.errors.map((e: { field: string }) => e.field)).toEqual(['year']);
    const backwards = await refused('?from=2026-05-01&to=2026-04-01', 422);
    expect(backwards).toMatchObject({
      field: 'to',
      message: 'Le début de la période ne peut pas suivre sa fin.',
    });
    const tooLong = await refused('?from=2020-01-01&to=2025-01-01', 422);
    expect(tooLong).toMatchObject({
      field: 'to',
      message: 'La période ne peut pas dépasser 5 ans.',
    });
    await report('?from=2020-01-01&to=2024-12-31'); // five years exactly
    const half = await refused('?from=2026-01-01', 422);
    expect(half).toMatchObject({ field: 'to', message: expect.stringContaining('« au »') });
    const both = await refused('?year=2026&from=2026-01-01&to=2026-02-01', 422);
    expect(both.field).toBe('year');
    for (const url of [
      '/api/reports/activity.pdf?from=2026-05-01&to=2026-04-01',
      '/api/reports/activity.csv?from=x',
    ]) {
      const response = await staff.api.get(url);
      expect([400, 422]).toContain(response.status);
      expect(response.type).toBe('application/json');
    }
  });

  it('prints the PDF: title, period, totals, accents, page n / N on every page', async () => {
    const response = await download('/api/reports/activity.pdf?year=2026');
    expect(response.type).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^inline;/);
    const pdf = await readPdf(response.body as Buffer);
    expect(pdf.title).toBe('Bilan d’activité');
    expect(pdf.text).toContain('Bilan d’activité');
    expect(pdf.text).toContain('Période : année 2026');
    expect(pdf.text).toContain('2 réunions tenues');
    expect(pdf.text).toContain('1 réunion annulée');
    expect(pdf.text).toContain('taux de participation : 63 %');
    expect(pdf.text).toContain('Mission locale de l’Écluse');
    expect(pdf.text).toContain('Cabinet Œil');
    // Paul Martin's travel is unknown: his cost is a floor, not a total with 0,00 € of travel.
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('au moins 1 000,00 €');
    // A year without meetings: the summary still opens as a sentence.
    const empty = await readPdf(
      (await download('/api/reports/activity.pdf?year=2020')).body as Buffer,
    );
    expect(empty.text.replace(/\s+/g, ' ')).toContain(
      'Aucune réunion tenue · aucune réunion annulée',
    );
    expect(pdf.text).toContain('Économie sociale');
    expect(pdf.text).toContain('1 162,50 €');
    expect(pdf.text).toContain('Garde d’enfants pour l’emploi');
    expect(pdf.text).toMatch(/mai 2026\s+1\s+75 %/);
    expect(pdf.pageCount).toBeGreaterThan(1);
    pdf.pages.forEach((page, index) =>
      expect(page).toContain(`Page ${index + 1} / ${pdf.pageCount}`),
    );
  });

  it('writes the CSV for French spreadsheets, with the same totals and the accents intact', async () => {
    const response = await download('/api/reports/activity.csv?year=2026');
    expect(response.type).toBe('text/csv');
    const file = response.body as Buffer;
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(file.toString('utf8').slice(1), {
      delimiter: ';',
      relax_column_count: true,
    });
    const section = (name: string) => rows.filter((r) => r[0] === name);
    expect(rows[0]).toEqual(['Bilan d’activité', 'année 2026', '2026-01-01', '2026-12-31']);
    const meetings = section('Réunions tenues');
    expect(meetings[meetings.length - 1]).toEqual([
      'Réunions tenues',
      'Total',
      '2',
      '',
      '7',
      '1',
      '5',
      '1',
      '1',
      '6',
      '63 %',
    ]);
    expect(meetings.map((r) => r[2])).toContain('Groupe de travail « mobilité »');
    expect(section('Participation par type d’organisation').map((r) => r[1])).toContain(
      'Économie sociale',
    );
    const costs = section('Intervenants et coût');
    expect(costs[costs.length - 1].slice(6)).toEqual(['1150,00', '12,50', '1162,50']);
    expect(costs[costs.length - 1].slice(1, 6)).toEqual([
      'Total',
      '2 intervenants',
      '',
      '',
      '2 interventions',
    ]);
    expect(costs.some((r) => r.includes('Cabinet Œil'))).toBe(true);
    expect(section('Projets').find((r) => r[1] === 'Clôturés sur la période')?.[2]).toBe('1');
    expect(file.toString('utf8')).toContain('\r\n');
  });

  it('neutralises a title a spreadsheet would run as a formula', async () => {
    await insertProject(t, ids.partners.missionLocale, {
      title: '=HYPERLINK("http://evil.test")',
      status: 'launched',
      launchedAt: new Date('2026-06-01T10:00:00Z'),
    });
    const response = await download('/api/reports/activity.csv?year=2026');
    const text = (response.body as Buffer).toString('utf8');
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toMatch(/;"?=HYPERLINK/);
  });

  it('shows the page with the period form, the figures, an SVG chart and its table', async () => {
    const pages = pagesOf(session);
    const html = (await pages.get('/reports/activity?year=2026')).text;
    expect(html).toContain('<h1>Bilan d’activité</h1>');
    expect(html).toContain('Période : année 2026');
    expect(html).toContain('name="from" value="2026-01-01"');
    expect(html).toContain(
      'href="/reports/activity.pdf?from&#x3D;2026-01-01&amp;to&#x3D;2026-12-31"',
    );
    expect(html).toContain('Télécharger en CSV');
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('<title id="report-chart-title">Taux de participation par mois');
    expect(html).toMatch(
      /<tr data-month="2026-05"><th scope="row">mai 2026<\/th><td>1<\/td><td>3<\/td><td>1<\/td><td>3<\/td><td>75 %<\/td><\/tr>/,
    );
    expect(html).toMatch(
      /<tr class="report-total">[\s\S]*<td>7<\/td><td>1<\/td><td>5<\/td><td>1<\/td><td>1<\/td><td>6<\/td><td>63 %<\/td>/,
    );
    expect(html).toContain(`Zoé Brûlé (${REPORT_PARTNERS.missionLocale.name})`);
    expect(html).toContain('1 162,50 €');
    const pdf = await session.agent
      .get('/reports/activity.pdf?from=2026-01-01&to=2026-12-31')
      .buffer(true)
      .parse(bytes)
      .expect(200);
    expect((await readPdf(pdf.body as Buffer)).title).toBe('Bilan d’activité');
    const csv = await session.agent.get('/reports/activity.csv?year=2026').expect(200);
    expect(csv.type).toBe('text/csv');
    const home = (await pages.get('/')).text;
    expect(home).toContain('href="/reports/activity"');
  });

  it('shows a refused period again with the form, in French, naming the field (422)', async () => {
    const pages = pagesOf(session);
    const bad = (await pages.get('/reports/activity?from=2026-13-01&to=2026-12-31', 422)).text;
    expect(bad).toContain('Du : indiquez une date valide');
    expect(bad).toContain('name="from" value="2026-13-01" aria-invalid="true"');
    expect(bad).not.toContain('Télécharger en PDF');
    const backwards = (await pages.get('/reports/activity?from=2026-05-01&to=2026-04-01', 422))
      .text;
    expect(backwards).toContain('Le début de la période ne peut pas suivre sa fin.');
    expect(backwards).toContain('name="to" value="2026-04-01" aria-invalid="true"');
    const long = (await pages.get('/reports/activity?from=2000-01-01&to=2026-01-01', 422)).text;
    expect(long).toContain('La période ne peut pas dépasser 5 ans.');
  });

  it('is for signed-in staff only', async () => {
    for (const url of [
      '/api/reports/activity',
      '/api/reports/activity.pdf',
      '/api/reports/activity.csv',
    ])
      await request(t.http).get(url).expect(401);
    for (const url of ['/reports/activity', '/reports/activity.pdf', '/reports/activity.csv']) {
      const response = await request(t.http).get(url).set('Accept', 'text/html');
      expect(response.status).toBe(303);
      expect(response.headers.location).toMatch(/^\/login/);
    }
  });

  it('reads a constant number of statements whatever the data', async () => {
    const counted = async () => {
      await report();
      const before = t.queries.total;
      await report();
      return t.queries.total - before;
    };
    const small = await counted();
    const many = await seedPartners(t, 30, { kind: 'mission-locale' });
    for (let i = 0; i < 6; i += 1)
      await createMeetingRecord(t, {
        title: `Réunion supplémentaire ${i}`,
        startsAt: `2026-0${i + 1}-20T08:00:00Z`,
        partners: many.map((p) => ({
          name: p.name,
          attendance: 'present',
          people: ['Une personne'],
        })),
        agenda: [
          {
            title: 'Point',
            theme: `Thème ${i}`,
            speaker: { name: `Orateur ${i}`, organisation: 'Ailleurs' },
          },
        ],
      });
    for (let i = 0; i < 20; i += 1)
      await insertProject(t, ids.partners.franceTravail, {
        title: `Projet ${i}`,
        status: 'launched',
        launchedAt: new Date('2026-03-01T10:00:00Z'),
      });
    expect((await report()).meetings.held).toBe(8);
    expect(await counted()).toBe(small);
  });
});
