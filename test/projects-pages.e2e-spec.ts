import request from 'supertest';
import { FollowUp } from '../src/projects/follow-ups/follow-up.entity';
import { Project } from '../src/projects/project.entity';
import { createMeeting, createPartner, createProject } from './support/projects';
import { signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;

/** The titles (links) of the projects in the list page's table. */
function titles(html: string): string[] {
  return [...html.matchAll(/<th scope="row"><a href="\/projects\/\d+">([^<]*)<\/a><\/th>/g)].map(
    (m) => m[1],
  );
}

describe('staff project pages', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;
  let lead: { id: number; name: string };
  let contactName: string;
  let tracked: number;

  const post = (url: string, form: Record<string, string>) =>
    session.agent
      .post(url)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: session.csrfToken, ...form });
  const page = (url: string, status = 200) =>
    session.agent.get(url).set('Accept', 'text/html').expect(status);

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    staff = await createStaff(t, 'coordinator');
    session = await signInWithForm(t, staff.user.email, staff.password);
    const created = await createPartner(t, {
      name: 'Mission <locale>',
      contacts: ['Inès Porteuse'],
    });
    lead = { id: created.partner.id, name: created.partner.name };
    contactName = created.contacts[0].fullName;
    tracked = (
      await createProject(staff, {
        title: 'Chantier <b>école</b>',
        leadPartnerId: lead.id,
        status: 'launched',
        cadenceDays: 30,
      })
    ).id;
    await createProject(staff, { title: 'Simple idée', leadPartnerId: lead.id });
  });
  afterAll(() => t.close());

  it('needs a signed-in staff member', async () => {
    const response = await request(t.http).get('/projects').set('Accept', 'text/html').expect(303);
    expect(response.headers.location).toContain('/login');
  });

  it('lists projects by follow-up state as the clock moves on', async () => {
    const all = await page('/projects');
    expect(titles(all.text)).toEqual(expect.arrayContaining(['Simple idée']));
    expect(all.text).toContain('Chantier &lt;b&gt;école&lt;/b&gt;');
    expect(all.text).not.toContain('<b>école');
    expect(all.text).toContain('Mission &lt;locale&gt;');

    const onTrack = await page('/projects?state=on-track');
    expect(titles(onTrack.text)).toEqual(['Chantier &lt;b&gt;école&lt;/b&gt;']);
    expect(onTrack.text).toMatch(/aria-current="page">à jour <span class="badge">1<\/span>/);
    expect(titles((await page('/projects?state=overdue')).text)).toEqual([]);

    const start = t.clock.now();
    try {
      t.clock.set(new Date(start.getTime() + 20 * DAY));
      expect(titles((await page('/projects?state=due-soon')).text)).toHaveLength(1);
      t.clock.set(new Date(start.getTime() + 31 * DAY));
      expect(titles((await page('/projects?state=overdue')).text)).toHaveLength(1);
      expect(titles((await page('/projects?state=on-track')).text)).toHaveLength(0);
      t.clock.set(new Date(start.getTime() + 61 * DAY));
      const stale = await page('/projects?state=stale');
      expect(titles(stale.text)).toHaveLength(1);
      expect(stale.text).toContain('à l’abandon');
    } finally {
      t.clock.set(start);
    }
    // An unknown state is the whole list, not an error.
    expect(titles((await page('/projects?state=nope')).text).length).toBeGreaterThanOrEqual(2);
  });

  it('paginates the list', async () => {
    const second = await page('/projects?page=2');
    expect(second.text).not.toContain('rel="next"');
  });

  it('creates a project through the form, and refuses invalid input with 422', async () => {
    const form = await page('/projects/new');
    expect(form.text).toContain(`<option value="${lead.id}">Mission &lt;locale&gt;</option>`);
    const meeting = await createMeeting(t, '2026-02-10T14:00:00Z', 'Réunion d’origine');

    const invalid = await post('/projects/new', { title: '', cadenceDays: '2' }).expect(422);
    expect(invalid.text).toContain('Le titre est obligatoire');
    expect(invalid.text).toContain('Choisissez le partenaire porteur');
    expect(invalid.text).toContain('aria-invalid="true" aria-describedby="cadenceDays-error"');
    const missingLead = await post('/projects/new', { title: 'Sans porteur <x>' }).expect(422);
    expect(missingLead.text).toContain('value="Sans porteur &lt;x&gt;"');
    expect(await t.dataSource.getRepository(Project).count()).toBe(2);

    const created = await post('/projects/new', {
      title: 'Forum des métiers',
      leadPartnerId: String(lead.id),
      originMeetingId: String(meeting.id),
      status: 'launched',
      cadenceDays: '45',
    }).expect(303);
    const location = created.headers.location;
    expect(location).toMatch(/^\/projects\/\d+\?created=1$/);
    const id = Number(/\/projects\/(\d+)/.exec(location)![1]);
    const api = await staff.api.get(`/api/projects/${id}`).expect(200);
    expect(api.body).toMatchObject({
      title: 'Forum des métiers',
      status: 'launched',
      cadenceDays: 45,
      originMeetingId: meeting.id,
    });
    const shown = await page(location);
    expect(shown.text).toContain('Le projet est créé.');
    expect(shown.text).toContain('Réunion d’origine');
  });

  it('refuses a form without the CSRF token', async () => {
    await session.agent
      .post(`/projects/${tracked}/follow-ups`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ text: 'Sans jeton' })
      .expect(403);
    await session.agent
      .post('/projects/new')
      .type('form')
      .set('Accept', 'text/html')
      .send({ title: 'x', leadPartnerId: String(lead.id) })
      .expect(403);
    expect(await t.dataSource.getRepository(FollowUp).count()).toBe(0);
  });

  it('answers 404 with an HTML page for an unknown project', async () => {
    const response = await page('/projects/999999', 404);
    expect(response.headers['content-type']).toContain('text/html');
    await post('/projects/999999/follow-ups', { text: 'Perdu' }).expect(404);
  });

  it('adds a follow-up: saved, the state goes back on track, shown in the timeline', async () => {
    const start = t.clock.now();
    t.clock.set(new Date(start.getTime() + 35 * DAY));
    try {
      expect(titles((await page('/projects?state=overdue')).text)).toContain(
        'Chantier &lt;b&gt;école&lt;/b&gt;',
      );
      const empty = await post(`/projects/${tracked}/follow-ups`, { text: '  ' }).expect(422);
      expect(empty.text).toContain('Écrivez quelques mots');
      const future = await post(`/projects/${tracked}/follow-ups`, {
        text: 'Demain',
        date: '2027-01-01',
      }).expect(422);
      expect(future.text).toContain('au plus tard aujourd’hui');
      expect(await t.dataSource.getRepository(FollowUp).count()).toBe(0);

      await post(`/projects/${tracked}/follow-ups`, {
        text: 'Réunion avec la <mairie>',
        nextStep: 'Envoyer le devis',
      })
        .expect(303)
        .expect('Location', `/projects/${tracked}?saved=1`);
      const followUps = await staff.api.get(`/api/projects/${tracked}/follow-ups`).expect(200);
      expect(followUps.body).toHaveLength(1);
      expect(followUps.body[0]).toMatchObject({
        text: 'Réunion avec la <mairie>',
        nextStep: 'Envoyer le devis',
      });
      const detail = await staff.api.get(`/api/projects/${tracked}`).expect(200);
      expect(detail.body.followUp.state).toBe('on-track');
      expect(titles((await page('/projects?state=overdue')).text)).toEqual([]);

      const shown = await page(`/projects/${tracked}?saved=1`);
      expect(shown.text).toContain('role="status"');
      expect(shown.text).toContain('Réunion avec la &lt;mairie&gt;');
      // Newest first: the follow-up comes before the creation event.
      const timeline = shown.text.slice(shown.text.indexOf('class="timeline"'));
      expect(timeline.indexOf('Réunion avec la')).toBeLessThan(timeline.indexOf('Projet créé'));
    } finally {
      t.clock.set(start);
    }
  });

  it('snoozes a tracked project with a date and a reason', async () => {
    const bad = await post(`/projects/${tracked}/snooze`, {
      until: '2026-03-01',
      reason: 'Été',
    }).expect(422);
    // The service's rule, in French on the French page (the API keeps its English message).
    expect(bad.text).toContain('La date de report doit être postérieure à aujourd’hui.');
    expect(bad.text).not.toContain('until must be after today');
    const noReason = await post(`/projects/${tracked}/snooze`, { until: '2026-05-01' }).expect(422);
    expect(noReason.text).toContain('Donnez la raison de la pause');

    await post(`/projects/${tracked}/snooze`, { until: '2026-05-01', reason: 'Attente <budget>' })
      .expect(303)
      .expect('Location', `/projects/${tracked}?snoozed=1`);
    const detail = await staff.api.get(`/api/projects/${tracked}`).expect(200);
    expect(detail.body.followUp.state).toBe('snoozed');
    expect(titles((await page('/projects?state=snoozed')).text)).toEqual([
      'Chantier &lt;b&gt;école&lt;/b&gt;',
    ]);
    const shown = await page(`/projects/${tracked}`);
    expect(shown.text).toContain('Suivi mis en pause');
    expect(shown.text).toContain('Attente &lt;budget&gt;');

    await post(`/projects/${tracked}/unsnooze`, {}).expect(303);
    expect((await staff.api.get(`/api/projects/${tracked}`).expect(200)).body.followUp.state).toBe(
      'on-track',
    );
  });

  it('changes the status with a reason, and shows why a transition is refused', async () => {
    const idea = (await createProject(staff, { title: 'Idée à lancer', leadPartnerId: lead.id }))
      .id;
    const form = await page(`/projects/${idea}`);
    expect(form.text).toContain('<option value="launched">lancé</option>');
    expect(form.text).toContain('Statuts impossibles depuis celui-ci : terminé');

    const noReason = await post(`/projects/${idea}/status`, { status: 'launched' }).expect(422);
    expect(noReason.text).toContain('Donnez la raison du changement');
    const refused = await post(`/projects/${idea}/status`, {
      status: 'completed',
      statusReason: 'Fini',
    }).expect(422);
    expect(refused.text).toContain(
      'Un projet ne peut pas passer de « idée » à « terminé » ; depuis « idée », il peut passer à : lancé, en cours, suspendu, abandonné.',
    );
    const api = await staff.api
      .patch(`/api/projects/${idea}`)
      .send({ status: 'completed', statusReason: 'Fini' })
      .expect(422);
    expect(api.body).toMatchObject({ field: 'status' });
    expect(api.body).toMatchObject({
      code: 'errors.project.transition',
      message:
        'Un projet ne peut pas passer de « idée » à « terminé » ; depuis « idée », il peut passer à : lancé, en cours, suspendu, abandonné.',
    });

    await post(`/projects/${idea}/status`, { status: 'launched', statusReason: 'Financé' })
      .expect(303)
      .expect('Location', `/projects/${idea}?status=1`);
    const shown = await page(`/projects/${idea}?status=1`);
    expect(shown.text).toContain('Le projet est lancé.');
    expect(shown.text).toContain('Statut : idée → lancé');
    expect(shown.text).toContain('Financé');
  });

  it("issues a personal follow-up link for the lead partner's contact", async () => {
    const shown = await page(`/projects/${tracked}`);
    expect(shown.text).toContain(contactName);
    const contactId = /<select id="ln-contact" name="contactId">\s*<option value="(\d+)"/.exec(
      shown.text,
    )![1];
    const issued = await post(`/projects/${tracked}/links`, { contactId }).expect(200);
    const url = /<code class="issued-link">([^<]+)<\/code>/.exec(issued.text)![1];
    expect(url).toMatch(/^http:\/\/maillage\.test\/follow-up\/\S+$/);
    const links = await staff.api.get(`/api/projects/${tracked}/links`).expect(200);
    expect(links.body).toHaveLength(1);
    await request(t.http).get(new URL(url).pathname).expect(200);
  });

  it('a project followed up today with a 14-day cadence is on track, not "bientôt à relancer"', async () => {
    const { id } = await createProject(staff, {
      title: 'Quinzaine',
      leadPartnerId: lead.id,
      status: 'launched',
      cadenceDays: 14,
    });
    const fresh = await page(`/projects/${id}`);
    expect(fresh.text).not.toContain('bientôt à relancer');
    await post(`/projects/${id}/follow-ups`, { text: 'Point fait ce matin' }).expect(303);
    expect((await page(`/projects/${id}`)).text).not.toContain('bientôt à relancer');
    t.clock.advanceDays(11);
    try {
      expect((await page(`/projects/${id}`)).text).toContain('bientôt à relancer');
    } finally {
      t.clock.advanceDays(-11);
    }
  });

  it('edits the dates, the cadence and the next follow-up from the project page', async () => {
    const { id } = await createProject(staff, {
      title: 'Calendrier',
      leadPartnerId: lead.id,
      status: 'launched',
      cadenceDays: 30,
    });
    const shown = await page(`/projects/${id}`);
    expect(shown.text).toContain('Dates et cadence');
    expect(shown.text).toContain(
      'name="cadenceDays" type="number" min="7" max="365" required value="30"',
    );
    const saved = await post(`/projects/${id}/schedule`, {
      startDate: '2026-03-01',
      endDate: '2026-12-31',
      cadenceDays: '14',
      nextFollowUpOn: '2026-03-20',
    }).expect(303);
    expect(saved.headers.location).toBe(`/projects/${id}?schedule=1`);
    const stored = await t.dataSource.getRepository(Project).findOneByOrFail({ id });
    expect([stored.startDate, stored.endDate, stored.cadenceDays]).toEqual([
      '2026-03-01',
      '2026-12-31',
      14,
    ]);
    // Due at the start of that day in Paris (UTC+1 in March).
    expect(stored.dueAt?.toISOString()).toBe('2026-03-19T23:00:00.000Z');
    expect((await page(`/projects/${id}?schedule=1`)).text).toContain(
      'Les dates du projet sont enregistrées.',
    );
    // Empty dates clear them; an empty next follow-up keeps the cadence's day.
    await post(`/projects/${id}/schedule`, {
      startDate: '',
      endDate: '',
      cadenceDays: '14',
    }).expect(303);
    const cleared = await t.dataSource.getRepository(Project).findOneByOrFail({ id });
    expect([cleared.startDate, cleared.endDate]).toEqual([null, null]);
    expect(cleared.dueAt?.toISOString()).toBe('2026-03-19T23:00:00.000Z');
  });

  it('refuses wrong dates on the schedule form in French, keeping what was typed', async () => {
    const { id } = await createProject(staff, {
      title: 'Dates fausses',
      leadPartnerId: lead.id,
      status: 'launched',
    });
    const before = await t.dataSource.getRepository(Project).findOneByOrFail({ id });
    for (const [form, message] of [
      [{ cadenceDays: '3' }, 'La cadence est un nombre de jours entre 7 et 365.'],
      [{ cadenceDays: 'souvent' }, 'La cadence est un nombre de jours entre 7 et 365.'],
      [{ nextFollowUpOn: '2026-02-01' }, 'Le prochain suivi est attendu aujourd’hui ou plus tard.'],
      [{ nextFollowUpOn: '31/02/2026' }, 'Le prochain suivi doit être une date valide'],
      [
        { startDate: '2026-06-01', endDate: '2026-05-01' },
        'La date de fin ne peut pas précéder la date de début.',
      ],
    ] as const) {
      const refused = await post(`/projects/${id}/schedule`, { cadenceDays: '60', ...form }).expect(
        422,
      );
      expect(refused.text).toContain(message);
      for (const value of Object.values(form)) expect(refused.text).toContain(`value="${value}"`);
    }
    const after = await t.dataSource.getRepository(Project).findOneByOrFail({ id });
    expect(after).toEqual(before);
    const idea = await createProject(staff, { title: 'Idée seule', leadPartnerId: lead.id });
    const untracked = await post(`/projects/${idea.id}/schedule`, {
      cadenceDays: '60',
      nextFollowUpOn: '2026-04-01',
    }).expect(422);
    expect(untracked.text).toContain('Seul un projet lancé ou en cours a un prochain suivi');
  });
});
