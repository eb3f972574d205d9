import type { RouteTableAdapter } from '../../../src/common/web/route-table.adapter';
import type { TestApp } from '../test-app';
import type { RawClient, Identity } from './client';

/** A JSON schema as @nestjs/swagger writes it, $ref already resolved. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
}

export interface QueryParam {
  name: string;
  schema: Schema;
}

export interface Operation {
  kind: 'api' | 'page';
  method: string;
  /** Express style: /api/partners/:id. */
  template: string;
  pathParams: string[];
  query: QueryParam[];
  /** JSON body (API), resolved. */
  body?: Schema;
  /** Form fields and a valid-looking value for each (pages), from the rendered forms. */
  form?: Record<string, string>;
  multipart?: boolean;
}

interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}
interface OpenApiOperation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** Inlines every $ref (depth-bounded: the DTOs nest a few levels at most). */
export function resolve(schema: Schema, doc: OpenApi, depth = 0): Schema {
  if (depth > 6) return { type: 'object' };
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc.components.schemas[name] ?? {}, doc, depth + 1);
  }
  const out: Schema = { ...schema };
  if (schema.items) out.items = resolve(schema.items, doc, depth + 1);
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, doc, depth + 1)]),
    );
  }
  return out;
}

/** Every path × method of the OpenAPI document. */
export function apiOperations(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      ops.push({
        kind: path.startsWith('/api/') ? 'api' : 'page',
        method: method.toUpperCase(),
        template: path.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: resolve(p.schema ?? {}, doc) })),
        body: json ? resolve(json, doc) : undefined,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return ops;
}

/** The page (HTML) routes of the running app: every route Nest registered, outside /api. */
export function pageRoutes(t: TestApp): { method: string; template: string }[] {
  const adapter = t.app.getHttpAdapter() as RouteTableAdapter;
  const seen = new Set<string>();
  const out: { method: string; template: string }[] = [];
  for (const { method, path } of adapter.routes()) {
    const key = `${method} ${path}`;
    if (path.startsWith('/api') || seen.has(key)) continue;
    seen.add(key);
    out.push({ method, template: path });
  }
  return out;
}

export function paramsOf(template: string): string[] {
  return [...template.matchAll(/:(\w+)/g)].map((m) => m[1]);
}

export function templateRegex(template: string): RegExp {
  const body = template
    .split(/(:\w+)/)
    .map((part) =>
      part.startsWith(':') ? '([^/]+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}/?$`);
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];
}

function unescapeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');
}

export interface HarvestedForm {
  method: string;
  action: string;
  fields: Record<string, string>;
}

/** The forms of a page: action, method and fields with their value (or first option). */
export function formsIn(html: string, pagePath: string): HarvestedForm[] {
  const out: HarvestedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const method = (attr(match[1], 'method') ?? 'get').toUpperCase();
    const action = unescapeHtml(attr(match[1], 'action') ?? pagePath).split('?')[0];
    const fields: Record<string, string> = {};
    const inner = match[2];
    for (const tag of inner.matchAll(/<(input|textarea|select)\b([^>]*)>/gi)) {
      const name = attr(tag[2], 'name');
      if (!name || name === '_csrf' || name in fields) continue;
      let value = unescapeHtml(attr(tag[2], 'value') ?? '');
      if (tag[1].toLowerCase() === 'select') {
        const rest = inner.slice((tag.index ?? 0) + tag[0].length);
        value = unescapeHtml(/<option\b[^>]*value="([^"]+)"/i.exec(rest)?.[1] ?? '');
      }
      fields[name] = value;
    }
    out.push({ method, action, fields });
  }
  return out;
}

/**
 * Page operations: each router route, with the fields of the forms the seeded pages render for
 * it (GET pages, fetched once as every identity, give the POST forms and the GET filters).
 */
export async function pageOperations(
  t: TestApp,
  client: RawClient,
  identities: Identity[],
  pathFor: (template: string) => string,
): Promise<Operation[]> {
  const routes = pageRoutes(t);
  const forms: HarvestedForm[] = [];
  for (const route of routes.filter((r) => r.method === 'GET')) {
    const path = pathFor(route.template);
    // Opening a portal link would replace the partner's session; the link page has no form.
    if (route.template === '/portal/link/:token') continue;
    for (const identity of identities) {
      const r = await client.send({
        method: 'GET',
        path,
        headers: { ...identity.headers, Accept: 'text/html' },
      });
      if (r.status === 200 && /text\/html/.test(String(r.headers['content-type']))) {
        forms.push(...formsIn(r.text, path));
      }
    }
  }
  return routes.map((route) => {
    const regex = templateRegex(route.template);
    const mine = forms.filter((f) => f.method === route.method && regex.test(f.action));
    const fields: Record<string, string> = {};
    for (const f of mine) Object.assign(fields, f.fields);
    const query =
      route.method === 'GET'
        ? Object.keys(fields).map((name) => ({ name, schema: { type: 'string' } }))
        : [];
    return {
      kind: 'page' as const,
      method: route.method,
      template: route.template,
      pathParams: paramsOf(route.template),
      query: [...query, { name: 'page', schema: { type: 'number' } }],
      form: route.method === 'GET' ? undefined : fields,
    };
  });
}
