import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { AUDIT_COUNT_BOUND } from '../src/audit/audit.queries';
import { createPartner } from './support/partners';
import { signIn, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

describe('audit screen (/admin/audit)', () => {
  let t: TestApp;
  let admin: Staff;
  let coordinator: Staff;
  let session: BrowserSession;
  let partnerId: number;

  const page = (query = '') => session.agent.get(`/admin/audit${query}`).set('Accept', 'text/html');

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createStaff(t, 'admin');
    coordinator = await createStaff(t, 'coordinator');
    session = await signIn(t, admin.user.email, admin.password);
    const partner = await createPartner(coordinator, { name: 'Mission locale d’Épinay' });
    partnerId = partner.id;
    t.clock.set(new Date('2026-03-05T10:00:00Z'));
    await coordinator.api
      .patch(`/api/partners/${partnerId}`)
      .send({ name: 'Mission locale Épinay-sur-Seine' })
      .expect(200);
    await createPartner(admin, { name: '=HYPERLINK("http://evil.example","clic")' });
  });

  afterAll(() => t.close());

  it('lists the changes newest first, each as field, before and after, in French', async () => {
    const response = await page().expect(200);
    const html = response.text;
    expect(html).toContain('Journal des modifications');
    const rows = html.split('<tr>').slice(2).join('<tr>');
    // The partner created last comes first; the rename shows the old and new names.
    expect(html.indexOf('HYPERLINK')).toBeLessThan(html.indexOf('Épinay-sur-Seine'));
    expect(rows).toMatch(
      /<th scope="row">Nom<\/th><td>Mission locale d’Épinay<\/td><td>Mission locale Épinay-sur-Seine<\/td>/,
    );
    expect(html).toContain('Modification');
    expect(html).toContain(`href="/partners/${partnerId}"`);
    expect(html).toContain(`href="/admin/audit?entity&#x3D;partner&amp;id&#x3D;${partnerId}"`);
    expect(html).toContain('3 entrées');
  });

  it('filters by record, action, author and period', async () => {
    const trail = await page(`?entity=partner&id=${partnerId}`).expect(200);
    expect(trail.text).toContain('2 entrées');
    expect(trail.text).not.toContain('HYPERLINK');
    const updates = await page('?action=update').expect(200);
    expect(updates.text).toContain('1 entrée');
    const byAdmin = await page(`?who=${encodeURIComponent(admin.user.displayName.toUpperCase())}`);
    expect(byAdmin.text).toContain('1 entrée');
    expect(byAdmin.text).toContain('HYPERLINK');
    const march5 = await page('?from=2026-03-05&to=2026-03-05').expect(200);
    expect(march5.text).toContain('2 entrées'); // the rename and the last partner
    const before = await page('?to=2026-03-01').expect(200);
    expect(before.text).toContain('Aucune entrée');
    // LIKE wildcards typed are plain characters.
    const percent = await page('?who=%25').expect(200);
    expect(percent.text).toContain('Aucune entrée');
  });

  it('pages through the entries', async () => {
    const first = await page('?pageSize=1').expect(200);
    expect(first.text).toContain('rel="next"');
    expect(first.text).toContain('page&#x3D;2');
    const third = await page('?pageSize=1&page=3').expect(200);
    expect(third.text).toContain('Mission locale d’Épinay');
    expect(third.text).not.toContain('rel="next"');
  });

  it('answers a bad filter with a 400 page naming it, never a 500', async () => {
    for (const query of [
      '?from=demain',
      '?entity=bogus',
      '?action=drop',
      '?page=0',
      '?who=' + 'x'.repeat(101),
    ]) {
      const response = await page(query);
      expect(response.status).toBe(400);
      expect(response.text).not.toMatch(/at .*\.ts:\d+/);
    }
    const day = await page('?from=demain');
    expect(day.text).toContain('« from » doit être une date au format AAAA-MM-JJ');
  });

  it('exports the selection as CSV for a French spreadsheet, formulas neutralised', async () => {
    const response = await session.agent.get('/admin/audit.csv?entity=partner').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('journal-des-modifications.csv');
    const text = response.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows: string[][] = parse(text.slice(1), { delimiter: ';' });
    expect(rows[0]).toEqual([
      'Date',
      'Auteur',
      'Type de fiche',
      'N° de fiche',
      'Action',
      'Champ',
      'Avant',
      'Après',
    ]);
    const rename = rows.find((row) => row[4] === 'Modification' && row[5] === 'Nom');
    expect(rename?.slice(6)).toEqual([
      'Mission locale d’Épinay',
      'Mission locale Épinay-sur-Seine',
    ]);
    expect(rows.some((row) => row[7]?.startsWith("'=HYPERLINK"))).toBe(true);
    expect(rows.every((row) => !row.some((cell) => cell.startsWith('=')))).toBe(true);
  });

  it('each record page links to its history, for administrators', async () => {
    const href = `href="/admin/audit?entity=partner&amp;id=${partnerId}"`;
    const shown = await session.agent.get(`/partners/${partnerId}`).set('Accept', 'text/html');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(href);
    expect(shown.text).toContain('>Historique</a>');
    const other = await signIn(t, coordinator.user.email, coordinator.password);
    const hidden = await other.agent.get(`/partners/${partnerId}`).set('Accept', 'text/html');
    expect(hidden.status).toBe(200);
    expect(hidden.text).not.toContain('/admin/audit');
  });

  it('is for administrators only', async () => {
    const other = await signIn(t, coordinator.user.email, coordinator.password);
    await other.agent.get('/admin/audit').set('Accept', 'text/html').expect(403);
    await other.agent.get('/admin/audit.csv').expect(403);
    const anonymous = await request(t.http).get('/admin/audit.csv');
    expect([302, 303, 401]).toContain(anonymous.status);
  });

  it('stops counting at the bound and says "more than"', async () => {
    await t.dataSource.query(
      `INSERT INTO audit_entries (entity_type, entity_id, action, actor_user_id, actor_label, at, changes)
       SELECT 'partner', '1', 'update', NULL, 'import CSV', ${t.dataSource.options.type === 'postgres' ? "NOW() - interval '400 days'" : "datetime('now', '-400 days')"}, '{}'
       FROM (SELECT 1 FROM audit_entries LIMIT 1) one, (${Array.from({ length: 35 }, (_, i) => `SELECT ${i} AS n`).join(' UNION ALL ')}) a, (${Array.from({ length: 30 }, (_, i) => `SELECT ${i} AS m`).join(' UNION ALL ')}) b`,
    );
    const response = await page('?who=import').expect(200);
    expect(AUDIT_COUNT_BOUND).toBe(1000);
    expect(response.text).toMatch(/Plus de 1\s000 entrées/);
  });

  it('reads a constant number of statements whatever the number of entries', async () => {
    const count = async () => {
      const before = t.queries.total;
      await page('?pageSize=50').expect(200);
      return t.queries.total - before;
    };
    const few = await count();
    for (let i = 0; i < 30; i++) await createPartner(coordinator);
    expect(await count()).toBe(few);
  });
});
