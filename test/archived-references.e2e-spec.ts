import { createMeeting } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { createProject } from './support/projects';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * A record that left (an archived partner, an erased contact) was refused as a project's lead
 * but accepted everywhere else: as a speaker's organisation, a theme's proposer or interested
 * partner, a project participant, an agenda item's presenter. Each now says why (422, the field
 * named); a reference the record already held stays, since forms send every field back.
 */
describe('references to partners that left and contacts erased', () => {
  let t: TestApp;
  let staff: Staff;
  let gone: { id: number; name: string };
  let goneContact: number;
  let erased: number;
  let active: { id: number };

  const refused = (body: { field?: string; code?: string }, field: string, code: string) =>
    expect({ field: body.field, code: body.code }).toEqual({ field, code });

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    staff = await createStaff(t, 'admin');
    active = await createPartner(staff, { name: 'Mission locale en activité' });
    gone = await createPartner(staff, { name: 'Association dissoute' });
    goneContact = (await createContact(staff, gone.id, { fullName: 'Paul Parti' })).id;
    erased = (await createContact(staff, active.id, { fullName: 'Éva Effacée' })).id;
    await staff.api.post(`/api/contacts/${erased}/erase`).expect(204);
    await staff.api.post(`/api/partners/${gone.id}/archive`).expect(200);
  });
  afterAll(() => t.close());

  it('refuses an archived partner as organisation, proposer, interested partner or participant', async () => {
    const speaker = await staff.api
      .post('/api/speakers')
      .send({ name: 'Nadia Conseil', organisationPartnerId: gone.id })
      .expect(422);
    refused(speaker.body, 'organisationPartnerId', 'errors.partner.archived');
    expect(speaker.body.message).toContain('Association dissoute');
    const theme = await staff.api
      .post('/api/themes')
      .send({ title: 'Mobilité', proposedByPartnerId: gone.id })
      .expect(422);
    refused(theme.body, 'proposedByPartnerId', 'errors.partner.archived');
    const themeId = (await staff.api.post('/api/themes').send({ title: 'Logement' }).expect(201))
      .body.id as number;
    const interest = await staff.api
      .post(`/api/themes/${themeId}/interest`)
      .send({ partnerId: gone.id })
      .expect(422);
    refused(interest.body, 'partnerId', 'errors.partner.archived');
    const project = await createProject(staff, { leadPartnerId: active.id });
    const participants = await staff.api
      .patch(`/api/projects/${project.id}`)
      .send({ participants: [{ partnerId: gone.id, role: 'financeur' }] })
      .expect(422);
    refused(participants.body, 'participants.0.partnerId', 'errors.partner.archived');
  });

  it('refuses a presenter who was erased or whose partner left', async () => {
    const meeting = await createMeeting(staff);
    const url = `/api/meetings/${meeting.id}/agenda-items`;
    const item = { title: 'Présentation', kind: 'presentation' };
    const ofGone = await staff.api
      .post(url)
      .send({ ...item, presenterContactId: goneContact })
      .expect(422);
    refused(ofGone.body, 'presenterContactId', 'errors.partner.archived');
    const ofErased = await staff.api
      .post(url)
      .send({ ...item, presenterContactId: erased })
      .expect(422);
    refused(ofErased.body, 'presenterContactId', 'errors.contact.erased');
    // Nothing left to keep of an erased contact.
    const kept = await staff.api.post(`/api/contacts/${erased}/retention-keep`).expect(409);
    expect(kept.body.code).toBe('errors.contact.erased');
  });

  it('keeps a reference the record already held when the partner left since', async () => {
    const other = await createPartner(staff, { name: 'Chantier d’insertion' });
    const theme = await staff.api
      .post('/api/themes')
      .send({ title: 'Clauses sociales', proposedByPartnerId: other.id })
      .expect(201);
    const project = await createProject(staff, {
      leadPartnerId: active.id,
      participants: [{ partnerId: other.id, role: 'partenaire' }],
    });
    await staff.api.post(`/api/partners/${other.id}/archive`).expect(200);
    await staff.api
      .patch(`/api/themes/${theme.body.id}`)
      .send({ title: 'Clauses sociales (suite)', proposedByPartnerId: other.id })
      .expect(200);
    await staff.api
      .patch(`/api/projects/${project.id}`)
      .send({ participants: [{ partnerId: other.id, role: 'partenaire historique' }] })
      .expect(200);
  });
});
