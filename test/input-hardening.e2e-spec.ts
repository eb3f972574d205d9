import request from 'supertest';
import { routesOf } from '../src/common/openapi-limits';
import { Partner } from '../src/partners/partner.entity';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createContact, createPartner } from './support/partners';
import { createProject } from './support/projects';
import { createSpeaker, createTheme } from './support/themes';
import { signInWithForm } from './support/session';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * One regression test per class of malformed input that once answered 500 (issue 16), on the
 * engine the run uses (SQLite by `npm test`, PostgreSQL by `npm run test:pg`). The fuzz suite
 * (test/fuzz.e2e-spec.ts) searches for new ones; these pin the known classes down.
 */
describe('malformed input answers a 4xx naming what is wrong', () => {
  let t: TestApp;
  let admin: Staff;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    admin = await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  const json = (method: 'post' | 'patch', url: string, raw: string) =>
    admin.api[method](url).set('Content-Type', 'application/json').send(raw);

  const fieldsOf = (body: { errors?: { field: string }[] }) =>
    (body.errors ?? []).map((e) => e.field);

  describe('deeply nested JSON', () => {
    const deep = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;

    it.each(['/api/setup', '/api/auth/login'])('is refused before parsing on %s', async (url) => {
      const response = await request(t.http)
        .post(url)
        .set('Content-Type', 'application/json')
        .send(deep)
        .expect(400);
      expect(response.body).toMatchObject({
        code: 'errors.input.tooDeep',
        message: 'Le contenu envoyé est trop imbriqué (plus de 32 niveaux).',
      });
    });

    it('is refused on a staff route, and so is a deep array; 32 levels still parse', async () => {
      await json('post', '/api/partners', deep).expect(400);
      await json('post', '/api/partners', `${'['.repeat(5000)}${']'.repeat(5000)}`).expect(400);
      const nested = `{"name":"X","kind":"association","tags":${'['.repeat(31)}${']'.repeat(31)}}`;
      const ok = await json('post', '/api/partners', nested);
      expect(ok.status).toBe(400);
      expect(ok.body.code).not.toBe('errors.input.tooDeep');
    });

    it('counts brackets inside strings as text', async () => {
      const name = '{'.repeat(100);
      const response = await admin.api
        .post('/api/partners')
        .send({ name, kind: 'association' })
        .expect(201);
      expect(response.body.name).toBe(name);
    });

    it('is explained in French on a page', async () => {
      const response = await request(t.http)
        .post('/login')
        .set('Content-Type', 'application/json')
        .set('Accept', 'text/html')
        .send(deep)
        .expect(400);
      expect(response.text).toContain('Le contenu envoyé est trop imbriqué (plus de 32 niveaux)');
    });
  });

  describe('paging numbers', () => {
    it.each(['1e308', '1e16', '-1', '0', '1.5', 'abc', '100001'])(
      'page=%s is a 400 naming page on the API lists',
      async (page) => {
        for (const list of ['/api/partners', '/api/projects', '/api/meetings', '/api/themes']) {
          const response = await admin.api.get(`${list}?page=${page}`).expect(400);
          expect(fieldsOf(response.body)).toEqual(['page']);
        }
      },
    );

    it('limit and pageSize out of range are a 400 naming them', async () => {
      const limit = await admin.api.get('/api/dashboard?limit=-1').expect(400);
      expect(fieldsOf(limit.body)).toEqual(['limit']);
      const size = await admin.api.get('/api/partners?pageSize=1e308').expect(400);
      expect(fieldsOf(size.body)).toEqual(['pageSize']);
    });

    it('the last page allowed answers an empty page', async () => {
      const response = await admin.api.get('/api/partners?page=100000').expect(200);
      expect(response.body.items).toEqual([]);
    });
  });

  describe('NUL characters and lone surrogates', () => {
    it.each([
      ['a NUL', '"Mission\\u0000locale"'],
      ['a lone high surrogate', '"Mission \\ud800"'],
      ['a lone low surrogate', '"\\udc00 locale"'],
    ])('%s in a text field is a 400 naming the field', async (_what, value) => {
      const response = await json(
        'post',
        '/api/partners',
        `{"name":${value},"kind":"association"}`,
      ).expect(400);
      expect(fieldsOf(response.body)).toEqual(['name']);
    });

    it('names the nested field, in an e-mail too', async () => {
      const partner = await createPartner(admin);
      const response = await json(
        'post',
        `/api/partners/${partner.id}/contacts`,
        '{"fullName":"Zoé","email":"zo\\ud83d@x.test"}',
      ).expect(400);
      expect(fieldsOf(response.body)).toEqual(['email']);
      const contacts = await admin.api.get(`/api/partners/${partner.id}/contacts`).expect(200);
      expect(contacts.body.total).toBe(0);
    });

    it('keeps whole emoji (a valid surrogate pair)', async () => {
      const response = await admin.api
        .post('/api/partners')
        .send({ name: 'Café 🤝 solidaire', kind: 'association' })
        .expect(201);
      expect(response.body.name).toBe('Café 🤝 solidaire');
    });

    it('in a query string is a 400 naming the parameter, on the API and on pages', async () => {
      const api = await admin.api.get('/api/partners?q=a%00b').expect(400);
      expect(fieldsOf(api.body)).toEqual(['q']);
      const page = await request(t.http)
        .get('/minutes?q=a%00b')
        .set('Accept', 'text/html')
        .expect(400);
      expect(page.text).toContain('Saisie refusée. Le champ « q » contient un caractère interdit');
    });

    it.each(['q=%E9', 'q=caf%E9', 'q=%ED%A0%80', 'q=100%', 'q%E9=x'])(
      'a query string whose percent-encoding is not UTF-8 (%s) is a 400, never a search for "�"',
      async (query) => {
        const api = await admin.api.get(`/api/partners?${query}`).expect(400);
        expect(fieldsOf(api.body)).toHaveLength(1);
        const page = await request(t.http)
          .get(`/minutes?${query}`)
          .set('Accept', 'text/html')
          .expect(400);
        expect(page.text).toContain('contient un caractère interdit');
      },
    );

    it('reads a query string encoded in UTF-8, + as a space', async () => {
      await createPartner(admin, { name: 'Café solidaire' });
      const found = await admin.api.get('/api/partners?q=caf%C3%A9+solidaire').expect(200);
      expect(found.body.items.map((p: { name: string }) => p.name)).toContain('Café solidaire');
    });

    it('in a form field is a 400 page in French', async () => {
      const page = await request(t.http)
        .post('/portal/sign-in')
        .type('form')
        .set('Accept', 'text/html')
        .send('email=a%00b%40x.test')
        .expect(400);
      expect(page.text).toContain('Saisie refusée. Le champ « email » contient un caractère');
    });
  });

  describe('null in a PATCH body', () => {
    it('is refused with a 400 for fields that cannot be empty, users to newsletters', async () => {
      const user = await admin.api
        .post('/api/users')
        .send({
          email: 'n@agency.test',
          displayName: 'N',
          role: 'coordinator',
          password: 'a long enough password',
        })
        .expect(201);
      const news = await admin.api
        .post('/api/news')
        .send({ title: 'T', body: 'B', kind: 'event', date: '2026-03-01' })
        .expect(201);
      const theme = await createTheme(admin);
      const speaker = await createSpeaker(admin);
      const newsletter = await admin.api
        .post('/api/newsletters')
        .send({ from: '2026-02-01', to: '2026-02-28' })
        .expect(201);
      const cases: [string, string][] = [
        [`/api/users/${user.body.id}`, 'displayName'],
        [`/api/users/${user.body.id}`, 'role'],
        [`/api/news/${news.body.id}`, 'title'],
        [`/api/news/${news.body.id}`, 'date'],
        [`/api/themes/${theme.id}`, 'title'],
        [`/api/themes/${theme.id}`, 'tags'],
        [`/api/speakers/${speaker.id}`, 'name'],
        [`/api/speakers/${speaker.id}`, 'feeCents'],
        [`/api/speakers/${speaker.id}`, 'themeIds'],
        [`/api/newsletters/${newsletter.body.newsletter.id}`, 'sections'],
      ];
      for (const [url, field] of cases) {
        const response = await admin.api.patch(url).send({ [field]: null });
        expect([url, field, response.status, fieldsOf(response.body)]).toEqual([
          url,
          field,
          400,
          [field],
        ]);
      }
    });

    it('clears a field that may be empty', async () => {
      const theme = await createTheme(admin, { description: 'Texte' });
      const response = await admin.api
        .patch(`/api/themes/${theme.id}`)
        .send({ description: null })
        .expect(200);
      expect(response.body.description).toBeNull();
    });

    it('is documented per field in OpenAPI: nullable only where null clears', async () => {
      const doc = await request(t.http).get('/api/docs-json').expect(200);
      const theme = doc.body.components.schemas.UpdateThemeDto.properties;
      expect(theme.description.nullable).toBe(true);
      expect(theme.title.nullable).toBeUndefined();
    });

    it('gives every field of the OpenAPI document its type and the limits its rules enforce', async () => {
      const doc = await request(t.http).get('/api/docs-json').expect(200);
      const schemas = doc.body.components.schemas as Record<
        string,
        { properties?: Record<string, Record<string, unknown>> }
      >;
      const untyped = Object.entries(schemas).flatMap(([name, schema]) =>
        Object.entries(schema.properties ?? {})
          .filter(
            ([, p]) => p.type === 'object' && !p.properties && !p.allOf && !p.additionalProperties,
          )
          .map(([field]) => `${name}.${field}`),
      );
      expect(untyped).toEqual([]);
      // A nullable text keeps its length; a limit is read from the rule (@MaxLength), not copied.
      expect(schemas.UpdateMeetingDto.properties!.venueName).toMatchObject({
        type: 'string',
        nullable: true,
        maxLength: 200,
      });
      expect(schemas.CreateSeriesDto.properties!.interval).toMatchObject({
        type: 'number',
        minimum: 1,
        maximum: 12,
      });
      expect(schemas.UpdateNewsletterDto.properties!.editorial).toMatchObject({
        type: 'string',
        maxLength: 20000,
      });
      // @Length(a, b) gives both ends; a rule on each item lands on the items.
      expect(schemas.CreateFollowUpDto.properties!.date).toMatchObject({
        minLength: 10,
        maxLength: 10,
      });
      expect(schemas.CreateThemeDto.properties!.tags.items).toMatchObject({
        minLength: 1,
        maxLength: 40,
      });
      // A mapped type (PartialType) holds no rule of its own: it inherits its parent's.
      expect(schemas.UpdatePartnerDto.properties!.name).toMatchObject({ maxLength: 200 });
      // Query parameters carry their limits too.
      const query = (path: string, name: string) =>
        (
          doc.body.paths[path].get.parameters as {
            in: string;
            name: string;
            schema: Record<string, unknown>;
          }[]
        ).find((p) => p.in === 'query' && p.name === name)!.schema;
      expect(query('/api/partners', 'q')).toMatchObject({ maxLength: 200 });
      expect(query('/api/projects', 'q')).toMatchObject({ maxLength: 100 });
      // The personal token is opaque, not a JWT as Nest's default says.
      expect(doc.body.components.securitySchemes.bearer).toMatchObject({
        scheme: 'bearer',
        bearerFormat: 'mlg_…',
      });
    });
  });

  describe('unknown query parameters', () => {
    // Links shared from a newsletter tool or a social network gain utm_source, fbclid…: a page
    // must still open. The API keeps refusing them on its lists (a mistyped filter is named).
    it('are ignored on every page: no page route binds a query DTO the global pipe holds strictly', () => {
      const strict = routesOf(t.app)
        .filter((route) => !route.path.startsWith('/api/') && route.query)
        .map((route) => `${route.method.toUpperCase()} ${route.path}`);
      expect(strict).toEqual([]);
      expect(routesOf(t.app).some((route) => route.path === '/api/partners' && route.query)).toBe(
        true,
      );
    });

    it('still refuse a mistyped filter on an API list', async () => {
      const refused = await admin.api.get('/api/partners?knd=plie').expect(400);
      expect(refused.body.errors[0].field).toBe('knd');
    });
  });

  describe('query strings as tools write them', () => {
    it('read kind[] as kind, every parameter past the 1,000th, and an empty value as absent', async () => {
      const plie = await createPartner(admin, { name: 'PLIE des crochets', kind: 'plie' });
      await createPartner(admin, { name: 'Association des crochets', kind: 'association' });
      const names = async (query: string) =>
        (
          (await admin.api.get(`/api/partners?q=crochets&${query}`).expect(200)).body.items as {
            name: string;
          }[]
        ).map((partner) => partner.name);
      expect(await names('kind[]=plie')).toEqual([plie.name]);
      expect(await names('kind%5B%5D=plie&kind%5B%5D=association')).toHaveLength(2);
      // A page ignores unknown parameters, and reads a filter past the 1,000th (Node's parser
      // dropped it, and the page listed every partner).
      const session = await signInWithForm(t, admin.user.email, admin.password);
      const junk = Array.from({ length: 1000 }, (_, i) => `x${i}=1`).join('&');
      const page = await session.agent
        .get(`/partners?q=crochets&${junk}&kind=plie`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(page.text).toContain('PLIE des crochets');
      expect(page.text).not.toContain('Association des crochets');
      // A cleared field of a GET form: the default, not a refusal.
      expect(await names('kind=&pageSize=&page=')).toHaveLength(2);
    });
  });

  describe('ids beyond the integer columns', () => {
    it.each(['/api/partners/99999999999', '/api/meetings/2147483648', '/api/projects/1e3x'])(
      '%s is a 400 naming the id',
      async (url) => {
        const response = await admin.api.get(url).expect(400);
        expect(fieldsOf(response.body)).toEqual(['id']);
      },
    );

    // Number('0x10') is 16: ids written otherwise than in digits name no record, on any route.
    it.each(['0x10', '1e1', '0b11', '0o7', '+1', '%201', '1%20', '%091'])(
      'the id %s, a number only to JavaScript, is a 400 on the API and the pages',
      async (id) => {
        const partner = await createPartner(admin);
        expect(partner.id).toBeGreaterThan(0);
        const api = await admin.api.get(`/api/partners/${id}`).expect(400);
        expect(fieldsOf(api.body)).toEqual(['id']);
        await admin.api.delete(`/api/tokens/${id}`).expect(400);
        const page = await request(t.http)
          .get(`/minutes/${id}/1`)
          .set('Accept', 'text/html')
          .expect(400);
        expect(page.text).toMatch(/« \w+ » doit être un nombre entier de 1 à/);
      },
    );

    it('written otherwise than in digits in a body or a query is a 400 naming the field', async () => {
      const partner = await createPartner(admin);
      const theme = await createTheme(admin);
      for (const partnerId of [
        `0x${partner.id.toString(16)}`,
        `${partner.id}e0`,
        ` ${partner.id} `,
        true,
      ]) {
        const body = await admin.api
          .post(`/api/themes/${theme.id}/interest`)
          .send({ partnerId })
          .expect(400);
        expect(fieldsOf(body.body)).toEqual(['partnerId']);
      }
      // Digits in a string are what a form sends: still a number.
      await admin.api
        .post(`/api/themes/${theme.id}/interest`)
        .send({ partnerId: String(partner.id) })
        .expect((response) => expect(response.status).toBeLessThan(300));
      const query = await admin.api.get('/api/projects?partnerId=0x1').expect(400);
      expect(fieldsOf(query.body)).toEqual(['partnerId']);
      await admin.api.get(`/api/projects?partnerId=${partner.id}`).expect(200);
    });

    it('in a body or a query is a 400 naming the field', async () => {
      const body = await admin.api
        .post('/api/projects')
        .send({ title: 'P', leadPartnerId: 99999999999 })
        .expect(400);
      expect(fieldsOf(body.body)).toEqual(['leadPartnerId']);
      const query = await admin.api.get('/api/projects?partnerId=99999999999').expect(400);
      expect(fieldsOf(query.body)).toEqual(['partnerId']);
    });

    it.each(['/minutes/99999999999/1', '/minutes/1/99999999999', '/newsletters/99999999999'])(
      'the public page %s answers a French 400 page',
      async (url) => {
        const response = await request(t.http).get(url).set('Accept', 'text/html').expect(400);
        expect(response.text).toMatch(/Saisie refusée\. « \w+ » doit être un nombre entier de 1 à/);
      },
    );
  });

  it.each([
    '/meetings?when=all&from=2026-13-01',
    '/meetings?when=all&to=2026-02-30',
    '/admin/audit?from=2026-02-30',
    '/admin/audit?to=0000-01-01',
    '/admin/audit.csv?from=2026-13-01',
  ])('the impossible day in %s is refused, never rolled over to another month', async (url) => {
    const response = await admin.api.get(url).set('Accept', 'text/html');
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/« (from|to) »/);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
    'a body field named %s, as every object has one, is refused as any unknown field',
    async (name) => {
      // Raw JSON: an object literal would set the prototype for __proto__, not send the field.
      const raw = `{"name":"Inconnu ${name}","kind":"other","${name}":{"x":1}}`;
      const response = await admin.api
        .post('/api/partners')
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(400);
      expect(fieldsOf(response.body)).toEqual([name]);
      expect(response.body.message).toContain(`« ${name} » n’est pas un champ accepté ici.`);
      const nested = await admin.api
        .post('/api/partners')
        .set('Content-Type', 'application/json')
        .send(`{"name":"Inconnu ${name}","kind":"other","contacts":[{"fullName":"A","${name}":1}]}`)
        .expect(400);
      expect(fieldsOf(nested.body)).toEqual([`contacts.0.${name}`]);
      expect(await t.dataSource.getRepository(Partner).countBy({ name: `Inconnu ${name}` })).toBe(
        0,
      );
    },
  );

  it('a portal link opened with an Authorization header still signs the contact in', async () => {
    const partner = await createPartner(admin);
    const contact = await createContact(admin, partner.id, { email: 'bearer@partner.test' });
    await admin.api.post(`/api/contacts/${contact.id}/portal-link`).expect(201);
    const message = await t.dataSource
      .getRepository(OutboxMessage)
      .findOneOrFail({ where: { recipientEmail: 'bearer@partner.test' } });
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!)![1];
    const agent = request.agent(t.http);
    await agent
      .get(`/portal/link/${token}`)
      .set('Accept', 'text/html')
      .set('Authorization', 'Bearer mlg_not-a-token')
      .expect(303)
      .expect('Location', '/portal');
    await agent.get('/portal').set('Accept', 'text/html').expect(200);
  });

  describe('web addresses', () => {
    it.each(['javascript:alert(1)', 'data:text/html,x', 'ftp://x.test', 'mailto:a@x.test', 'x'])(
      '%s is refused for a partner, a speaker, a news item and a meeting',
      async (url) => {
        const partner = await admin.api
          .post('/api/partners')
          .send({ name: 'P', kind: 'association', website: url })
          .expect(400);
        expect(fieldsOf(partner.body)).toEqual(['website']);
        const speaker = await admin.api
          .post('/api/speakers')
          .send({ name: 'S', feeCents: 0, website: url })
          .expect(400);
        expect(fieldsOf(speaker.body)).toEqual(['website']);
        const news = await admin.api
          .post('/api/news')
          .send({ title: 'T', body: 'B', kind: 'event', date: '2026-03-01', link: url })
          .expect(400);
        expect(fieldsOf(news.body)).toEqual(['link']);
      },
    );

    it('an address typed without its protocol (www.…) is read as https://…', async () => {
      const partner = await createPartner(admin, { website: ' www.mde-bugey.fr/contact ' });
      expect(partner.website).toBe('https://www.mde-bugey.fr/contact');
      const speaker = await admin.api
        .post('/api/speakers')
        .send({ name: 'S', feeCents: 0, website: 'cite-des-metiers.fr' })
        .expect(201);
      expect(speaker.body.website).toBe('https://cite-des-metiers.fr');
    });

    it('a stored address that is not http(s) is shown as text, never as a link', async () => {
      const partner = await createPartner(admin, { website: 'https://ok.test' });
      await t.dataSource
        .getRepository(Partner)
        .update(partner.id, { website: 'javascript:alert(1)' });
      const session = request.agent(t.http);
      const login = await session.post('/api/auth/login').send({
        email: admin.user.email,
        password: admin.password,
      });
      expect(login.status).toBe(200);
      const page = await session
        .get(`/partners/${partner.id}`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(page.text).toContain('javascript:alert(1)');
      expect(page.text).not.toMatch(/href="javascript:/);
    });
  });

  it('a request line over 16 KB is a 431 that says so (JSON, or French for a browser)', async () => {
    const url = `/api/partners?q=${'x'.repeat(20_000)}`;
    const api = await admin.api.get(url).expect(431);
    expect(JSON.parse(api.text)).toMatchObject({
      code: 'errors.http.headersTooLong',
      message: 'L’adresse ou les en-têtes de la demande sont trop longs (plus de 16 Ko).',
    });
    const page = await request(t.http).get(url).set('Accept', 'text/html').expect(431);
    expect(page.text).toContain('trop longs');
  });

  it('POST /api/projects/:id/links names the contact in its answer', async () => {
    const lead = await createPartner(admin);
    const contact = await createContact(admin, lead.id, { fullName: 'Hélène Dupré' });
    const project = await createProject(admin, { leadPartnerId: lead.id });
    const response = await admin.api
      .post(`/api/projects/${project.id}/links`)
      .send({ contactId: contact.id })
      .expect(201);
    expect(response.body.contact).toEqual({ id: contact.id, fullName: 'Hélène Dupré' });
  });
});
