import request from 'supertest';
import { MAX_ID } from '../src/common/id.pipe';
import { createPartner, partnerInput } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Every kind of refusal the API gives, in the configured language (French by default): the body
 * keeps its shape (statusCode, error, message, field/errors) and gains `code`, the catalogue key.
 */
interface Refusal {
  status: number;
  code: string;
  message: string | RegExp;
  field?: string;
  /** For a refused input: each field at fault and the codes of its problems. */
  errors?: { field: string; codes: string[] }[];
}

function expectRefusal(response: request.Response, expected: Refusal): void {
  const body = response.body as Record<string, unknown>;
  expect({ status: response.status, code: body.code }).toEqual({
    status: expected.status,
    code: expected.code,
  });
  if (typeof expected.message === 'string') expect(body.message).toBe(expected.message);
  else expect(body.message).toMatch(expected.message);
  expect(body.statusCode).toBe(expected.status);
  expect(typeof body.error).toBe('string');
  if (expected.field) expect(body.field).toBe(expected.field);
  if (expected.errors) {
    expect(body.errors).toEqual(
      expected.errors.map(({ field, codes }) => ({
        field,
        codes: expect.arrayContaining(codes) as unknown,
        messages: expect.any(Array) as unknown,
      })),
    );
  }
}

describe('API error bodies', () => {
  let t: TestApp;
  let staff: Staff;
  let admin: Staff;
  let meetingId: number;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    admin = await createStaff(t, 'admin');
    const meeting = await staff.api
      .post('/api/meetings')
      .send({
        title: 'Réunion de réseau',
        kind: 'network-meeting',
        startsAt: '2036-03-05T09:00:00+01:00',
        endsAt: '2036-03-05T11:00:00+01:00',
      })
      .expect(201);
    meetingId = (meeting.body as { id: number }).id;
  });
  afterAll(() => t.close());

  const partner = (body: Record<string, unknown>) => staff.api.post('/api/partners').send(body);

  it('names a missing record in French', async () => {
    expectRefusal(await staff.api.get('/api/partners/999999'), {
      status: 404,
      code: 'errors.notFoundWithId',
      message: 'Partenaire 999999 introuvable',
    });
    expectRefusal(await staff.api.get('/api/projects/999999'), {
      status: 404,
      code: 'errors.notFoundWithId',
      message: 'Projet 999999 introuvable',
    });
  });

  it('refuses a bad id, naming the parameter and its limits', async () => {
    expectRefusal(await staff.api.get('/api/partners/abc'), {
      status: 400,
      code: 'errors.input.invalid',
      message: `Saisie refusée. « id » doit être un nombre entier de 1 à ${MAX_ID}.`,
      field: 'id',
      errors: [{ field: 'id', codes: ['errors.input.id'] }],
    });
  });

  it('words each class-validator constraint the DTOs use, with its arguments', async () => {
    const cases: [request.Test, string, string, string][] = [
      [
        partner({ kind: 'association', name: 42 }),
        'name',
        'errors.validation.isString',
        '« name » doit être un texte.',
      ],
      [
        partner({ kind: 'association' }),
        'name',
        'errors.validation.isDefined',
        '« name » est obligatoire.',
      ],
      [
        partner(partnerInput({ name: '  ' })),
        'name',
        'errors.validation.isNotEmpty',
        '« name » ne doit pas être vide.',
      ],
      [
        partner(partnerInput({ name: 'x'.repeat(201) })),
        'name',
        'errors.validation.maxLength',
        '« name » doit faire au plus 200 caractères.',
      ],
      [
        partner(partnerInput({ kind: 'boulangerie' })),
        'kind',
        'errors.validation.isIn',
        '« kind » doit être l’une des valeurs : public-employment-service (Service public de l’emploi), mission-locale (Mission locale),',
      ],
      [
        partner(partnerInput({ email: 'pas une adresse' })),
        'email',
        'errors.validation.isEmail',
        '« email » doit être une adresse e-mail valide.',
      ],
      [
        partner(partnerInput({ website: 'javascript:alert(1)' })),
        'website',
        'errors.validation.isUrl',
        '« website » doit être une adresse web commençant par http:// ou https://.',
      ],
      [
        partner(partnerInput({ latitude: 50.7 })),
        'longitude',
        'errors.validation.pairedWith',
        '« longitude » et « latitude » se donnent ensemble ou pas du tout.',
      ],
      [
        partner(partnerInput({ latitude: 'nord', longitude: 3 })),
        'latitude',
        'errors.validation.isNumber',
        '« latitude » doit être un nombre.',
      ],
      [
        partner(partnerInput({ latitude: 91, longitude: 3 })),
        'latitude',
        'errors.validation.max',
        '« latitude » doit être inférieur ou égal à 90.',
      ],
      [
        partner(partnerInput({ latitude: -91, longitude: 3 })),
        'latitude',
        'errors.validation.min',
        '« latitude » doit être supérieur ou égal à -90.',
      ],
      [
        partner(partnerInput({ colour: 'bleu' })),
        'colour',
        'errors.validation.whitelistValidation',
        '« colour » n’est pas un champ accepté ici.',
      ],
      [
        staff.api.get('/api/partners?page=abc'),
        'page',
        'errors.validation.isInt',
        '« page » doit être un nombre entier.',
      ],
      [
        staff.api.get('/api/partners?pageSize=1000'),
        'pageSize',
        'errors.validation.max',
        '« pageSize » doit être inférieur ou égal à 100.',
      ],
      [
        staff.api.get('/api/partners?page=0'),
        'page',
        'errors.validation.min',
        '« page » doit être supérieur ou égal à 1.',
      ],
      [
        staff.api.post('/api/meetings').send({
          title: 'R',
          kind: 'event',
          startsAt: '2036-03-05T09:00',
          endsAt: '2036-03-05T11:00:00Z',
        }),
        'startsAt',
        'errors.validation.matches',
        '« startsAt » doit être une date et heure avec son fuseau horaire (Z ou +01:00), de l’an 1000 à l’an 2999.',
      ],
      [
        staff.api.post('/api/meetings').send({
          title: 'R',
          kind: 'event',
          startsAt: '2036-02-30T10:00:00Z',
          endsAt: '2036-03-05T11:00:00Z',
        }),
        'startsAt',
        'errors.validation.isIso8601',
        '« startsAt » doit être une date ISO 8601 valide',
      ],
      [
        staff.api.post(`/api/meetings/${meetingId}/invitations`).send({ all: false }),
        'all',
        'errors.validation.equals',
        '« all » doit valoir true.',
      ],
      [
        staff.api.post(`/api/meetings/${meetingId}/invitations`).send({ partnerIds: 3 }),
        'partnerIds',
        'errors.validation.isArray',
        '« partnerIds » doit être une liste.',
      ],
      [
        staff.api.post(`/api/meetings/${meetingId}/invitations`).send({ partnerIds: [] }),
        'partnerIds',
        'errors.validation.arrayNotEmpty',
        '« partnerIds » doit contenir au moins un élément.',
      ],
      [
        staff.api
          .post(`/api/meetings/${meetingId}/invitations`)
          .send({ partnerIds: Array.from({ length: 2001 }, (_, i) => i + 1) }),
        'partnerIds',
        'errors.validation.arrayMaxSize',
        '« partnerIds » doit contenir au plus 2000 éléments.',
      ],
      [
        staff.api.post('/api/projects').send({ title: '', leadPartnerId: 1 }),
        'title',
        'errors.validation.isLength',
        '« title » doit faire de 1 à 200 caractères.',
      ],
      [
        staff.api
          .post('/api/projects')
          .send({ title: 'P', leadPartnerId: 1, startDate: '2026-13-45' }),
        'startDate',
        'errors.validation.isIso8601',
        '« startDate » doit être une date ISO 8601 valide',
      ],
      [
        staff.api
          .post('/api/projects')
          .send({ title: 'P', leadPartnerId: 1, startDate: '2026-3-5' }),
        'startDate',
        'errors.validation.lengthExact',
        '« startDate » doit faire exactement 10 caractères.',
      ],
      [
        staff.api.post('/api/projects').send({ title: 'P', leadIsAgency: 'oui' }),
        'leadIsAgency',
        'errors.validation.isBoolean',
        '« leadIsAgency » doit valoir true ou false.',
      ],
      [
        staff.api.post('/api/projects').send({ title: 'P', leadPartnerId: 1, participants: ['x'] }),
        'participants.0',
        'errors.validation.nestedValidation',
        '« participants.0 » doit être un objet ou une liste d’objets.',
      ],
      [
        admin.api.post('/api/users').send({
          email: 'n@agence.test',
          displayName: 'N',
          role: 'coordinator',
          password: 'court',
        }),
        'password',
        'errors.validation.minLength',
        '« password » doit faire au moins 12 caractères.',
      ],
    ];
    for (const [call, field, code, message] of cases) {
      const response = await call;
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 400,
        code: 'errors.input.invalid',
      });
      const body = response.body as {
        errors: { field: string; codes: string[]; messages: string[] }[];
      };
      const at = body.errors.find((error) => error.field === field);
      expect({ field, codes: at?.codes }).toEqual({ field, codes: expect.arrayContaining([code]) });
      const said = at?.messages[at.codes.indexOf(code)] ?? '';
      expect(said.startsWith(message)).toBe(true);
      expect(response.body.message).toContain(said);
    }
  });

  it('says a missing field is required, and a value of the wrong type only that', async () => {
    const missing = await staff.api.post('/api/auth/login').send({ email: 'a@b.example' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'password', codes: ['errors.validation.isDefined'] }),
    ]);
    const typed = await staff.api.post('/api/auth/login').send({ email: 123, password: 'x' });
    expect(typed.body.errors).toEqual([
      expect.objectContaining({ field: 'email', codes: ['errors.validation.isString'] }),
    ]);
    for (const scalar of ['null', '"texte"', '12']) {
      const response = await staff.api
        .post('/api/themes')
        .set('Content-Type', 'application/json')
        .send(scalar);
      expect(response.status).toBe(400);
      expect(response.body.message).toBe(
        'Le contenu envoyé doit être un objet JSON, pas une valeur seule (null, un texte, un nombre).',
      );
    }
  });

  it('names nested fields by their path', async () => {
    const response = await staff.api
      .post('/api/projects')
      .send({ title: 'P', leadPartnerId: 1, participants: [{ partnerId: 0, role: '' }] });
    expectRefusal(response, {
      status: 400,
      code: 'errors.input.invalid',
      message: /« participants\.0\.partnerId » doit être supérieur ou égal à 1\./,
      field: 'participants.0.partnerId',
      errors: [
        { field: 'participants.0.partnerId', codes: ['errors.validation.min'] },
        { field: 'participants.0.role', codes: ['errors.validation.isLength'] },
      ],
    });
  });

  it('answers an unknown route, bad JSON, deep JSON and a NUL byte in French', async () => {
    expectRefusal(await staff.api.get('/api/messages'), {
      status: 404,
      code: 'errors.route.unknown',
      message: 'Il n’y a rien à l’adresse /api/messages (requête GET) : vérifiez le lien.',
    });
    expectRefusal(
      await staff.api
        .post('/api/partners')
        .set('Content-Type', 'application/json')
        .send('{"name":'),
      {
        status: 400,
        code: 'errors.input.badJson',
        message: 'Le contenu envoyé n’est pas du JSON valide.',
      },
    );
    expectRefusal(
      await staff.api
        .post('/api/partners')
        .set('Content-Type', 'application/json')
        .send(`${'['.repeat(100)}${']'.repeat(100)}`),
      {
        status: 400,
        code: 'errors.input.tooDeep',
        message: 'Le contenu envoyé est trop imbriqué (plus de 32 niveaux).',
      },
    );
    // An array where the DTO wants an object: its constraints are read without their arguments.
    const array = await staff.api.post('/api/partners').send([partnerInput()]);
    expect({ status: array.status, code: array.body.code }).toEqual({
      status: 400,
      code: 'errors.input.invalid',
    });
    expect(array.body.message).toMatch(/^Saisie refusée\. /);
    expectRefusal(await partner(partnerInput({ name: 'a\u0000b' })), {
      status: 400,
      code: 'errors.input.invalid',
      message:
        'Saisie refusée. Le champ « name » contient un caractère interdit (caractère nul ou caractère Unicode incomplet).',
      field: 'name',
      errors: [{ field: 'name', codes: ['errors.input.unsafeText'] }],
    });
  });

  it('refuses oversized bodies and uploads', async () => {
    expectRefusal(await partner(partnerInput({ description: 'x'.repeat(1_100_000) })), {
      status: 413,
      code: 'errors.input.tooLarge',
      message: 'Le contenu envoyé est trop volumineux.',
    });
    const file = Buffer.alloc(2 * 1024 * 1024 + 10, 0x61);
    // As the import page says it: the file field named, and what to do.
    expectRefusal(await staff.api.post('/api/partners/import').attach('file', file, 'gros.csv'), {
      status: 413,
      code: 'errors.input.csvTooLarge',
      message:
        'Le fichier dépasse 2 Mo. Une liste en CSV pèse environ trois fois moins au format Excel (.xlsx) ; un classeur pèse moins sans ses images ni ses autres feuilles ; sinon, importez la liste en plusieurs fichiers.',
      field: 'file',
    });
    const misnamed = await staff.api
      .post('/api/partners/import')
      .attach('fichier', Buffer.from('Nom\nA\n'), 'liste.csv')
      .expect(400);
    expect(misnamed.body).toMatchObject({ code: 'errors.upload.unexpectedField', field: 'file' });
    const two = await staff.api
      .post('/api/partners/import')
      .attach('file', Buffer.from('Nom\nA\n'), 'a.csv')
      .attach('file', Buffer.from('Nom\nB\n'), 'b.csv')
      .expect(400);
    expect(two.body).toMatchObject({ code: 'errors.upload.fileCount', field: 'file' });
    expectRefusal(await staff.api.post('/api/partners/import'), {
      status: 400,
      code: 'errors.input.invalid',
      message:
        'Saisie refusée. Envoyez le fichier CSV dans le champ « file » du formulaire (multipart).',
      field: 'file',
    });
  });

  it('words conflicts, broken rules, sign-in and role refusals', async () => {
    const taken = await createPartner(staff, { name: 'Équipe Emploi Comines' });
    expectRefusal(await partner(partnerInput({ name: 'equipe emploi comines' })), {
      status: 409,
      code: 'errors.partner.nameTaken',
      message: `Un partenaire nommé « Équipe Emploi Comines » existe déjà (n° ${taken.id}) ; les noms sont comparés sans tenir compte des majuscules ni des accents.`,
      field: 'name',
    });
    expectRefusal(
      await staff.api.post('/api/meetings').send({
        title: 'R',
        kind: 'event',
        startsAt: '2036-03-05T11:00:00Z',
        endsAt: '2036-03-05T09:00:00Z',
      }),
      {
        status: 422,
        code: 'errors.meeting.endBeforeStart',
        message: 'La réunion doit se terminer après son début.',
        field: 'endsAt',
      },
    );
    expectRefusal(await request(t.http).get('/api/partners'), {
      status: 401,
      code: 'errors.auth.signIn',
      message: 'Connectez-vous ou envoyez un jeton d’API valide.',
    });
    expectRefusal(await staff.api.get('/api/users'), {
      status: 403,
      code: 'errors.auth.role',
      message: 'Votre rôle ne donne pas accès à cette action.',
    });
  });
});

describe('API error bodies with LOCALE=en', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOCALE: 'en' } });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('says the same codes in English', async () => {
    expectRefusal(await staff.api.get('/api/partners/999999'), {
      status: 404,
      code: 'errors.notFoundWithId',
      message: 'Partner 999999 not found',
    });
    expectRefusal(
      await staff.api.post('/api/partners').send({ name: 'x'.repeat(201), kind: 'bakery' }),
      {
        status: 400,
        code: 'errors.input.invalid',
        message:
          /^Invalid input\. “name” must be at most 200 characters long\. “kind” must be one of: public-employment-service \(Public employment service\), mission-locale /,
        field: 'name',
        errors: [
          { field: 'name', codes: ['errors.validation.maxLength'] },
          { field: 'kind', codes: ['errors.validation.isIn'] },
        ],
      },
    );
    expectRefusal(await staff.api.get('/api/messages'), {
      status: 404,
      code: 'errors.route.unknown',
      message: 'There is nothing at /api/messages (GET request): check the link.',
    });
  });
});
