import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Repository } from 'typeorm';
import { firstRunRedirect } from './auth/users/first-run';
import { SessionRecord } from './auth/sessions/session-record.entity';
import { SESSION_COOKIE } from './auth/sessions/sign-in.service';
import { UsersService } from './auth/users/users.service';
import { DatabaseSessionStore } from './auth/sessions/session.store';
import { Clock } from './common/clock';
import { DomainErrorFilter } from './common/domain-error.filter';
import {
  explainClientErrors,
  MAX_FORM_FIELDS,
  refuseUnsafeText,
  verifyFormBody,
  verifyJsonBody,
} from './common/input-guards';
import { addValidationLimits } from './common/openapi-limits';
import { parseQuery } from './common/query-string';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { projectRoot } from './config/project-root';
import { queryCountHeader } from './database/query-count.header';
import { QueryCounter } from './database/query-counter';
import { Transactions } from './database/transactions';
import { securityHeaders } from './common/web/security-headers';
import { ViewService } from './common/web/view.service';

/** The session secret: SESSION_SECRET, or one generated once and kept beside the data. */
function sessionSecret(config: AppConfig): string {
  if (config.sessionSecret) return config.sessionSecret;
  config.ensureDataDir();
  const file = join(config.dataDir, 'session-secret');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(48).toString('base64url'), {
      mode: 0o600,
    });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Everything around the routes, shared by main.ts, the CLI and the tests so that tests exercise
 * exactly what production runs: security headers, body limits, sessions, validation, errors, docs.
 */
export function configureApp(nest: INestApplication): void {
  const app = nest as NestExpressApplication;
  const config = app.get(AppConfig);
  const views = app.get(ViewService);

  if (config.benchQueryCount) app.use(queryCountHeader(app.get(QueryCounter)));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.set('query parser', parseQuery);
  // Express hashes every answer for an ETag (SHA-1 of the body): 3 % of the CPU of a JSON read under
  // load. Answers here are per user and change with the data, so a revalidation rarely saves a body;
  // static assets keep their own ETag and Last-Modified (serve-static).
  app.set('etag', false);
  app.use(securityHeaders(config.secureCookies));
  // Input limits every route inherits (docs/api.md, "Input limits"): body size, JSON nesting depth,
  // and text that can be stored and encoded; ids and paging are bounded by IdPipe and PageQueryDto.
  app.useBodyParser('json', { limit: config.bodyLimit, verify: verifyJsonBody });
  app.useBodyParser('urlencoded', {
    limit: config.bodyLimit,
    parameterLimit: MAX_FORM_FIELDS,
    extended: false,
    verify: verifyFormBody,
  });
  app.use(refuseUnsafeText);
  explainClientErrors(
    app.getHttpServer(),
    (text) => views.messageText(text),
    // No request reached Express: the page of an anonymous visitor.
    (status, message) => views.renderErrorPage(status, message, {} as Request),
  );

  app.useStaticAssets(join(config.templatesDir, 'assets'), { prefix: '/assets/', index: false });
  app.useStaticAssets(join(projectRoot(), 'node_modules/@picocss/pico/css'), {
    prefix: '/assets/',
    index: false,
  });
  // Browsers ask for /favicon.ico by themselves (on a PDF, a 404, before the page's <link>).
  app.use('/favicon.ico', (_request: Request, response: Response) =>
    response.redirect(301, '/assets/favicon.svg'),
  );

  const sessions = session({
    name: SESSION_COOKIE,
    secret: sessionSecret(config),
    store: new DatabaseSessionStore(
      app.get<Repository<SessionRecord>>(getRepositoryToken(SessionRecord)),
      app.get(Transactions),
      app.get(Clock),
      config.sessionMaxAgeHours * 3_600_000,
    ),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: config.sessionMaxAgeHours * 3_600_000,
    },
  });
  // A Bearer-token API call without any cookie can have no session: skip building an empty one
  // (and hooking its response) on every API request. request.session is then undefined, which the
  // identity, CSRF and sign-out code accept. Pages (a portal link opens a session whatever headers
  // come with it) and /api/auth/* (sign-in) always have one.
  app.use((request: Request, response: Response, next: NextFunction) =>
    request.headers.cookie === undefined &&
    /^bearer /i.test(request.headers.authorization ?? '') &&
    request.path.startsWith('/api/') &&
    !request.path.startsWith('/api/auth/')
      ? next()
      : sessions(request, response, next),
  );

  app.use(firstRunRedirect(app.get(UsersService)));

  app.useGlobalPipes(createValidationPipe());
  const filter = new DomainErrorFilter(views);
  app.useGlobalFilters(filter);
  // Errors raised by Express middleware (body-parser) never reach Nest's filters: map them here.
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    filter.catch(error, {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    } as never);
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Maillage API')
      .setDescription(
        'Partner-network coordination: partners, meetings, projects and their follow-up.',
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        // Nest's default says JWT; the token is an opaque string (docs/api.md, "Tokens").
        bearerFormat: 'mlg_…',
        description: 'Personal API token',
      })
      .addCookieAuth(SESSION_COOKIE)
      .addSecurityRequirements('bearer')
      .build(),
  );
  addValidationLimits(document, app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
