import request from 'supertest';
import { Transactions } from '../src/database/transactions';
import { PartnerHistoryRegistry } from '../src/partners/partner-history.registry';
import { FollowUpLink } from '../src/projects/follow-ups/follow-up-link.entity';
import { createPartner, createProject } from './support/projects';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('projects', () => {
  let t: TestApp;
  let staff: Staff;
  let lead: Awaited<ReturnType<typeof createPartner>>;
  let other: Awaited<ReturnType<typeof createPartner>>;
  const start = '2026-03-02T09:00:00Z';

  beforeAll(async () => {
    t = await createTestApp({ now: start });
    staff = await createStaff(t);
    lead = await createPartner(t, { name: 'Mission locale', contacts: ['Ana Lead', 'Bob Lead'] });
    other = await createPartner(t, { name: 'CPAS', contacts: ['Carl Other'] });
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(start));

  const state = async (id: number) =>
    (await staff.api.get(`/api/projects/${id}`).expect(200)).body.followUp.state as string;
  const idsWith = async (query: string) =>
    (
      (await staff.api.get(`/api/projects?${query}&pageSize=100`).expect(200)).body.items as {
        id: number;
      }[]
    ).map((p) => p.id);

  describe('creating', () => {
    it('requires a lead partner, naming the field', async () => {
      const response = await staff.api
        .post('/api/projects')
        .send({ title: 'Sans porteur' })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(
        'leadPartnerId',
      );
    });

    it('creates a project with participants, history and the default cadence of 60 days', async () => {
      const project = await createProject(staff, {
        title: 'Job dating',
        description: 'Rencontres employeurs',
        expectedOutcomes: '30 candidats',
        leadPartnerId: lead.partner.id,
        participants: [{ partnerId: other.partner.id, role: 'co-organisateur' }],
        startDate: '2026-04-01',
        endDate: '2026-06-30',
      });
      expect(project).toMatchObject({
        title: 'Job dating',
        status: 'idea',
        cadenceDays: 60,
        leadPartner: { id: lead.partner.id, name: 'Mission locale' },
        participants: [
          { partner: { id: other.partner.id, name: 'CPAS' }, role: 'co-organisateur' },
        ],
        followUp: { state: 'not-tracked', neverFollowedUp: false },
        history: [{ kind: 'created', toStatus: 'idea' }],
      });
    });

    it('refuses bad input with the field at fault', async () => {
      const base = { title: 'X', leadPartnerId: lead.partner.id };
      const field = async (body: object, status: number) => {
        const r = await staff.api
          .post('/api/projects')
          .send({ ...base, ...body })
          .expect(status);
        return r.body.field ?? r.body.errors?.[0]?.field;
      };
      expect(await field({ cadenceDays: 3 }, 400)).toBe('cadenceDays');
      expect(await field({ title: '' }, 400)).toBe('title');
      expect(await field({ status: 'completed' }, 400)).toBe('status');
      expect(await field({ startDate: '2026-02-30' }, 400)).toBe('startDate');
      expect(await field({ leadPartnerId: 99999 }, 422)).toBe('leadPartnerId');
      expect(await field({ startDate: '2026-05-01', endDate: '2026-04-01' }, 422)).toBe('endDate');
      expect(await field({ participants: [{ partnerId: lead.partner.id, role: 'x' }] }, 422)).toBe(
        'participants.0.partnerId',
      );
      expect(
        await field(
          {
            participants: [
              { partnerId: other.partner.id, role: 'x' },
              { partnerId: other.partner.id, role: 'y' },
            ],
          },
          422,
        ),
      ).toBe('participants.1.partnerId');
      expect(await field({ participants: [{ partnerId: other.partner.id }] }, 400)).toBe(
        'participants.0.role',
      );
    });

    it('refuses an archived lead partner', async () => {
      const archived = await createPartner(t, { active: false });
      const r = await staff.api
        .post('/api/projects')
        .send({ title: 'X', leadPartnerId: archived.partner.id })
        .expect(422);
      expect(r.body).toMatchObject({
        field: 'leadPartnerId',
        code: 'errors.partner.archived',
        message: expect.stringMatching(/est archivé\.$/) as unknown,
      });
    });
  });

  describe('the agency as lead partner, only when chosen explicitly', () => {
    it('says the agency must exist first, then accepts leadIsAgency or its id', async () => {
      const missing = await staff.api
        .post('/api/projects')
        .send({ title: 'Agence', leadIsAgency: true })
        .expect(422);
      expect(missing.body.field).toBe('leadIsAgency');
      const agency = await createPartner(t, { name: 'ADL', kind: 'agency' });
      const byFlag = await createProject(staff, { leadIsAgency: true });
      expect(byFlag.leadPartner).toEqual({ id: agency.partner.id, name: 'ADL' });
      const byId = await createProject(staff, { leadPartnerId: agency.partner.id });
      expect(byId.leadPartner).toEqual({ id: agency.partner.id, name: 'ADL' });
      const contradictory = await staff.api
        .post('/api/projects')
        .send({ title: 'X', leadPartnerId: lead.partner.id, leadIsAgency: true })
        .expect(422);
      expect(contradictory.body.field).toBe('leadPartnerId');
      const notAgency = await staff.api
        .post('/api/projects')
        .send({ title: 'X', leadPartnerId: agency.partner.id, leadIsAgency: false })
        .expect(422);
      expect(notAgency.body.field).toBe('leadPartnerId');
    });
  });

  describe('follow-up state moves with the clock', () => {
    it('on track at day 10, due soon at 20, overdue at 31, stale at 61 (30-day cadence)', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
        cadenceDays: 30,
      });
      const detail = (await staff.api.get(`/api/projects/${id}`).expect(200)).body;
      // Never followed up: "since" is the launch date.
      expect(detail.followUp).toMatchObject({ neverFollowedUp: true, since: detail.launchedAt });
      expect(await idsWith('followUp=never')).toContain(id);

      t.clock.advanceDays(10);
      expect(await state(id)).toBe('on-track');
      expect(await idsWith('followUp=on-track')).toContain(id);
      t.clock.set(start);
      t.clock.advanceDays(20);
      expect(await state(id)).toBe('due-soon');
      expect(await idsWith('followUp=due-soon')).toContain(id);
      expect(await idsWith('followUp=on-track')).not.toContain(id);
      t.clock.set(start);
      t.clock.advanceDays(31);
      expect(await state(id)).toBe('overdue');
      expect(await idsWith('followUp=overdue')).toContain(id);
      expect(await idsWith('followUp=due-soon')).not.toContain(id);
      t.clock.set(start);
      t.clock.advanceDays(59);
      expect(await state(id)).toBe('overdue');
      t.clock.set(start);
      t.clock.advanceDays(61);
      expect(await state(id)).toBe('stale');
      expect(await idsWith('followUp=stale')).toContain(id);
      expect(await idsWith('followUp=overdue')).not.toContain(id);
      const body = (await staff.api.get(`/api/projects/${id}`).expect(200)).body;
      expect(body.followUp.daysSinceFollowUp).toBe(61);

      // A follow-up resets it.
      await staff.api
        .post(`/api/projects/${id}/follow-ups`)
        .send({ text: 'Point fait' })
        .expect(201);
      expect(await state(id)).toBe('on-track');
      expect(await idsWith('followUp=never')).not.toContain(id);
      expect(await idsWith('followUp=stale')).not.toContain(id);
      t.clock.advanceDays(31);
      expect(await state(id)).toBe('overdue');
    });

    it('a snooze hides it until its date, and is logged with its reason', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'active',
        cadenceDays: 30,
      });
      t.clock.advanceDays(31); // 2026-04-02
      expect(await idsWith('followUp=overdue')).toContain(id);
      const snoozed = await staff.api
        .post(`/api/projects/${id}/snooze`)
        .send({ until: '2026-04-16', reason: 'Porteur en congé' })
        .expect(200);
      expect(snoozed.body.followUp).toMatchObject({
        state: 'snoozed',
        snoozeReason: 'Porteur en congé',
      });
      expect(snoozed.body.history.at(-1)).toMatchObject({
        kind: 'snooze',
        reason: 'Porteur en congé',
      });
      expect(await idsWith('followUp=overdue')).not.toContain(id);
      expect(await idsWith('followUp=snoozed')).toContain(id);
      const dashboard = (await staff.api.get('/api/dashboard').expect(200)).body;
      expect(dashboard.needingAttention.items.map((p: { id: number }) => p.id)).not.toContain(id);

      t.clock.set('2026-04-15T20:00:00Z');
      expect(await state(id)).toBe('snoozed');
      t.clock.set('2026-04-16T08:00:00Z'); // Brussels: 10:00 on the 16th
      expect(await state(id)).toBe('overdue');
      expect(await idsWith('followUp=overdue')).toContain(id);

      const trail = await t.dataSource.query(
        `SELECT changes FROM audit_entries WHERE entity_type = 'project' AND entity_id = '${id}' ORDER BY id`,
      );
      expect(JSON.stringify(trail)).toContain('Porteur en congé');
    });

    it('refuses a snooze in the past, too long, without reason, or on an untracked project', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
      });
      const snooze = (body: object) => staff.api.post(`/api/projects/${id}/snooze`).send(body);
      expect(
        (await snooze({ until: '2026-03-01', reason: 'trop tard' }).expect(422)).body.field,
      ).toBe('until');
      expect(
        (await snooze({ until: '2028-03-01', reason: 'trop long' }).expect(422)).body.field,
      ).toBe('until');
      expect((await snooze({ until: '2026-04-01' }).expect(400)).body.errors[0].field).toBe(
        'reason',
      );
      expect(
        (await snooze({ until: 'demain', reason: 'xxx' }).expect(400)).body.errors[0].field,
      ).toBe('until');
      const idea = await createProject(staff, { leadPartnerId: lead.partner.id });
      const r = await staff.api
        .post(`/api/projects/${idea.id}/snooze`)
        .send({ until: '2026-04-01', reason: 'rien à suivre' })
        .expect(422);
      expect(r.body).toMatchObject({ code: 'errors.project.snoozeUntracked' });
      expect(r.body.message).toMatch(/^Seuls les projets lancés ou en cours/);
    });

    it('a follow-up ends a snooze; DELETE ends it early', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
      });
      await staff.api
        .post(`/api/projects/${id}/snooze`)
        .send({ until: '2026-04-01', reason: 'attente subside' })
        .expect(200);
      const ended = await staff.api.delete(`/api/projects/${id}/snooze`).expect(200);
      expect(ended.body.followUp.snoozedUntil).toBeNull();
      expect(ended.body.history.at(-1).kind).toBe('unsnooze');
      await staff.api
        .post(`/api/projects/${id}/snooze`)
        .send({ until: '2026-04-01', reason: 'attente subside' })
        .expect(200);
      await staff.api.post(`/api/projects/${id}/follow-ups`).send({ text: 'Reçu' }).expect(201);
      expect(await state(id)).toBe('on-track');
    });

    it('stops tracking on hold, and restarts the cadence from the resumption date', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
        cadenceDays: 30,
      });
      t.clock.advanceDays(40);
      await staff.api
        .patch(`/api/projects/${id}`)
        .send({ status: 'on_hold', statusReason: 'Financement en attente' })
        .expect(200);
      expect(await state(id)).toBe('not-tracked');
      t.clock.advanceDays(100);
      expect(await idsWith('followUp=stale')).not.toContain(id);
      const resumed = await staff.api
        .patch(`/api/projects/${id}`)
        .send({ status: 'active', statusReason: 'Financement obtenu' })
        .expect(200);
      expect(resumed.body.followUp).toMatchObject({ state: 'on-track', daysSinceFollowUp: 0 });
    });

    it('changing the cadence moves the due dates', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
        cadenceDays: 60,
      });
      t.clock.advanceDays(35);
      expect(await state(id)).toBe('on-track');
      await staff.api.patch(`/api/projects/${id}`).send({ cadenceDays: 30 }).expect(200);
      expect(await state(id)).toBe('overdue');
    });
  });

  describe('status changes', () => {
    it('need a reason, are kept in the history, and refuse what makes no sense', async () => {
      const { id } = await createProject(staff, { leadPartnerId: lead.partner.id });
      const patch = (body: object) => staff.api.patch(`/api/projects/${id}`).send(body);
      expect((await patch({ status: 'launched' }).expect(400)).body.errors[0].field).toBe(
        'statusReason',
      );
      // A reason alone was dropped without a word; spaces do not make a reason longer.
      const alone = await patch({ statusReason: 'Pourquoi pas' }).expect(422);
      expect(alone.body).toMatchObject({ field: 'statusReason' });
      expect(alone.body.code).toBe('errors.project.reasonWithoutStatus');
      await patch({ status: 'launched', statusReason: '  ab  ' }).expect(400);
      await patch({ status: 'launched', statusReason: 'Décidé en réunion' }).expect(200);
      await patch({ status: 'completed', statusReason: 'Objectifs atteints' }).expect(200);
      const relaunch = await patch({ status: 'launched', statusReason: 'On recommence' }).expect(
        422,
      );
      expect(relaunch.body).toMatchObject({ field: 'status' });
      expect(relaunch.body.code).toBe('errors.project.relaunch');
      expect(relaunch.body.message).toMatch(/ne peut pas être relancé : rouvrez-le/);
      const same = await patch({ status: 'completed', statusReason: 'encore' }).expect(422);
      expect(same.body.code).toBe('errors.project.sameStatus');
      const reopened = await patch({ status: 'active', statusReason: 'Deuxième édition' }).expect(
        200,
      );
      expect(reopened.body.status).toBe('active');
      expect(reopened.body.followUp.state).toBe('on-track');
      const back = await patch({ status: 'idea', statusReason: 'Retour' }).expect(422);
      expect(back.body.message).toMatch(/ne peut pas revenir à l’état « idée »/);
      expect(
        reopened.body.history.map((h: { fromStatus: string; toStatus: string; reason: string }) => [
          h.fromStatus,
          h.toStatus,
          h.reason,
        ]),
      ).toEqual([
        [null, 'idea', null],
        ['idea', 'launched', 'Décidé en réunion'],
        ['launched', 'completed', 'Objectifs atteints'],
        ['completed', 'active', 'Deuxième édition'],
      ]);
    });

    it('answers 404 for an unknown project and 400 for a bad id', async () => {
      await staff.api.get('/api/projects/999999').expect(404);
      await staff.api.get('/api/projects/abc').expect(400);
      await staff.api.patch('/api/projects/999999').send({ title: 'x' }).expect(404);
    });

    it('updates fields and participants, and refuses to empty required ones', async () => {
      const { id } = await createProject(staff, { leadPartnerId: lead.partner.id });
      const updated = await staff.api
        .patch(`/api/projects/${id}`)
        .send({
          title: 'Nouveau titre',
          participants: [{ partnerId: other.partner.id, role: 'relais' }],
        })
        .expect(200);
      expect(updated.body).toMatchObject({
        title: 'Nouveau titre',
        participants: [{ partner: { id: other.partner.id }, role: 'relais' }],
      });
      const r = await staff.api
        .patch(`/api/projects/${id}`)
        .send({ leadPartnerId: null })
        .expect(400);
      expect(r.body.errors[0].field).toBe('leadPartnerId');
    });
  });

  describe('follow-up entries', () => {
    it('record text, author, a status change and a next step', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
      });
      const created = await staff.api
        .post(`/api/projects/${id}/follow-ups`)
        .send({
          text: 'Premier groupe constitué',
          status: 'active',
          nextStep: 'Réserver la salle',
          nextStepDue: '2026-03-20',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        date: '2026-03-02',
        text: 'Premier groupe constitué',
        author: { label: staff.user.displayName, userId: staff.user.id },
        statusChange: { from: 'launched', to: 'active' },
        nextStep: 'Réserver la salle',
        nextStepDue: '2026-03-20',
      });
      const project = (await staff.api.get(`/api/projects/${id}`).expect(200)).body;
      expect(project.status).toBe('active');
      expect(project.history.at(-1)).toMatchObject({
        fromStatus: 'launched',
        toStatus: 'active',
        reason: 'Premier groupe constitué',
      });
      await staff.api
        .post(`/api/projects/${id}/follow-ups`)
        .send({ date: '2026-02-20', text: 'Appel antérieur' })
        .expect(201);
      const list = (await staff.api.get(`/api/projects/${id}/follow-ups`).expect(200)).body;
      expect(list.map((f: { text: string }) => f.text)).toEqual([
        'Premier groupe constitué',
        'Appel antérieur',
      ]);
      // A back-dated entry does not move the cadence backwards.
      expect((await staff.api.get(`/api/projects/${id}`)).body.followUp.daysSinceFollowUp).toBe(0);
    });

    it('are written in the same few SQL statements every time (the benchmark counts them)', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'active',
      });
      const post = (text: string) =>
        staff.api.post(`/api/projects/${id}/follow-ups`).send({ text }).expect(201);
      await post('Premier échange');
      t.clock.set('2026-03-02T09:01:00Z'); // a minute later: the schedule moves, so it is written
      const before = t.queries.total;
      await post('Deuxième échange');
      // Token check; BEGIN, project, UPDATE project, INSERT follow-up, INSERT audit, COMMIT.
      expect(t.queries.total - before).toBe(7);
    });

    it('refuse bad input and impossible status changes', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
      });
      const post = (body: object) => staff.api.post(`/api/projects/${id}/follow-ups`).send(body);
      expect((await post({}).expect(400)).body.errors[0].field).toBe('text');
      expect((await post({ text: 'x', date: '2026-03-03' }).expect(422)).body.field).toBe('date');
      expect(
        (await post({ text: 'x', nextStep: 'y', nextStepDue: '2026-01-01' }).expect(422)).body
          .field,
      ).toBe('nextStepDue');
      expect((await post({ text: 'x', status: 'idea' }).expect(422)).body.field).toBe('status');
      expect((await post({ text: 'x', status: 'nope' }).expect(400)).body.errors[0].field).toBe(
        'status',
      );
      await staff.api.post('/api/projects/999999/follow-ups').send({ text: 'x' }).expect(404);
      // Nothing was written by the refused requests.
      expect((await staff.api.get(`/api/projects/${id}/follow-ups`)).body).toEqual([]);
    });
  });

  describe('personal links for the lead partner contacts', () => {
    it('let a contact add a follow-up without signing in; revocable; expiring', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
        cadenceDays: 30,
      });
      const wrong = await staff.api
        .post(`/api/projects/${id}/links`)
        .send({ contactId: other.contacts[0].id })
        .expect(422);
      expect(wrong.body.field).toBe('contactId');
      const issued = (
        await staff.api
          .post(`/api/projects/${id}/links`)
          .send({ contactId: lead.contacts[0].id, validDays: 30 })
          .expect(201)
      ).body;
      expect(issued.url).toBe(`http://maillage.test/follow-up/${issued.token}`);
      expect(Buffer.from(issued.token, 'base64url').length).toBeGreaterThanOrEqual(16);
      const stored = await t.dataSource
        .getRepository(FollowUpLink)
        .findOneByOrFail({ id: issued.id });
      expect(stored.tokenHash).not.toContain(issued.token);
      expect(stored.tokenHash).toHaveLength(64);

      t.clock.advanceDays(25);
      const page = await request(t.http).get(`/api/follow-up-links/${issued.token}`).expect(200);
      expect(page.body).toMatchObject({
        project: { id, followUp: { state: 'due-soon' } },
        contact: { fullName: 'Ana Lead' },
      });
      const added = await request(t.http)
        .post(`/api/follow-up-links/${issued.token}/follow-ups`)
        .send({ text: 'Tout avance', nextStep: 'Bilan', nextStepDue: '2026-05-01' })
        .expect(201);
      expect(added.body.author).toMatchObject({
        contactId: lead.contacts[0].id,
        userId: null,
        label: 'Ana Lead',
      });
      expect(await state(id)).toBe('on-track');
      const bad = await request(t.http)
        .post(`/api/follow-up-links/${issued.token}/follow-ups`)
        .send({ text: '' })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('text');

      t.clock.advanceDays(6); // day 31: the 30-day link has expired
      await request(t.http).get(`/api/follow-up-links/${issued.token}`).expect(410);
      await request(t.http).get('/api/follow-up-links/not-a-token').expect(404);

      const second = (
        await staff.api
          .post(`/api/projects/${id}/links`)
          .send({ contactId: lead.contacts[1].id })
          .expect(201)
      ).body;
      await request(t.http).get(`/api/follow-up-links/${second.token}`).expect(200);
      const revokedLink = await staff.api
        .delete(`/api/projects/${id}/links/${second.id}`)
        .expect(200);
      // The answer names the contact, as the list does (it said fullName "").
      expect(revokedLink.body).toMatchObject({
        state: 'revoked',
        contact: { id: lead.contacts[1].id, fullName: 'Bob Lead' },
      });
      const revoked = await request(t.http)
        .post(`/api/follow-up-links/${second.token}/follow-ups`)
        .send({ text: 'trop tard' })
        .expect(410);
      expect(revoked.body).toMatchObject({
        code: 'errors.link.revoked',
        message: 'Ce lien a été révoqué : demandez un nouveau lien à l’agence.',
      });
      const links = (await staff.api.get(`/api/projects/${id}/links`).expect(200)).body;
      expect(links.map((l: { state: string }) => l.state)).toEqual(['expired', 'revoked']);
      expect(JSON.stringify(links)).not.toContain(second.token);
    });

    it('stop working when the project gets another lead partner', async () => {
      const { id } = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        status: 'launched',
      });
      const issued = (
        await staff.api.post(`/api/projects/${id}/links`).send({ contactId: lead.contacts[0].id })
      ).body;
      await staff.api
        .patch(`/api/projects/${id}`)
        .send({ leadPartnerId: other.partner.id })
        .expect(200);
      await request(t.http).get(`/api/follow-up-links/${issued.token}`).expect(410);
    });

    it('staff routes need a signed-in user', async () => {
      await request(t.http).get('/api/projects').expect(401);
      await request(t.http).get('/api/dashboard').expect(401);
    });
  });

  describe('filters', () => {
    it('by status, lead partner and partner (lead or participant)', async () => {
      const third = await createPartner(t);
      const a = await createProject(staff, { leadPartnerId: third.partner.id, status: 'active' });
      const b = await createProject(staff, {
        leadPartnerId: lead.partner.id,
        participants: [{ partnerId: third.partner.id, role: 'relais' }],
      });
      expect(await idsWith(`leadPartnerId=${third.partner.id}`)).toEqual([a.id]);
      expect(await idsWith(`partnerId=${third.partner.id}`)).toEqual([b.id, a.id]);
      expect(await idsWith(`partnerId=${third.partner.id}&status=idea`)).toEqual([b.id]);
      expect(await idsWith('status=active')).toContain(a.id);
      expect(await idsWith('status=active')).not.toContain(b.id);
      const bad = await staff.api.get('/api/projects?followUp=late').expect(400);
      expect(bad.body.errors[0].field).toBe('followUp');
      const badLead = await staff.api.get('/api/projects?leadPartnerId=x').expect(400);
      expect(badLead.body.errors[0].field).toBe('leadPartnerId');
    });
  });

  describe('partner history', () => {
    it('a partner leading or taking part in a project has "projects" history', async () => {
      const registry = t.app.get(PartnerHistoryRegistry);
      const fresh = await createPartner(t);
      const check = (partnerId: number) =>
        t.app.get(Transactions).run((m) => registry.historyOf(m, partnerId));
      expect(await check(fresh.partner.id)).toEqual([]);
      expect(await check(lead.partner.id)).toContain('projects');
      expect(await check(other.partner.id)).toContain('projects');
      const refused = await staff.api.delete(`/api/partners/${lead.partner.id}`).expect(409);
      expect(refused.body.message).toMatch(/\(projets\)/);
    });
  });
});
