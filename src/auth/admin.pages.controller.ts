import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/audit.service';
import { ConflictError, RuleViolationError } from '../common/domain-errors';
import { IdPipe } from '../common/id.pipe';
import type { FieldError } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { validateForm } from '../web/forms';
import { ViewService } from '../web/view.service';
import { CurrentUser, Roles } from './auth.decorators';
import { CreateTokenDto } from './dto/create-token.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { TokensService } from './tokens.service';
import { ROLES, type User } from './user';
import { UsersService } from './users.service';

type Form = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Administration pages: staff accounts (create, change role, deactivate / reactivate) and the
 * administrator's own API tokens (created and shown once, revoked). The rules (unique email,
 * the last active administrator stays) are UsersService's; its refusals are shown on the page.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  home(@Res() response: Response): void {
    response.redirect(HttpStatus.SEE_OTHER, '/admin/users');
  }

  // ---- users ------------------------------------------------------------------------------------

  @Get('users')
  async userList(
    @Query('saved') saved: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.showUsers(request, response, { saved });
  }

  @Post('users')
  async createUser(
    @Body() body: Form,
    @CurrentUser() actor: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const values = {
      email: text(body.email),
      displayName: text(body.displayName),
      role: text(body.role) || 'coordinator',
    };
    const { value, errors } = await validateForm(CreateUserDto, body);
    if (errors.length) {
      return this.showUsers(request, response, { values, errors }, HttpStatus.UNPROCESSABLE_ENTITY);
    }
    try {
      await this.users.create(value, actorOf(actor));
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return this.showUsers(
        request,
        response,
        {
          values,
          errors: [
            { field: 'email', problems: [{ key: 'adminPages.conflict.email' }], translated: true },
          ],
        },
        HttpStatus.CONFLICT,
      );
    }
    response.redirect(HttpStatus.SEE_OTHER, '/admin/users?saved=created');
  }

  /** One form per user row: its role and whether it is active. */
  @Post('users/:id')
  async updateUser(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() actor: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const role = text(body.role);
    const changes: { role?: User['role']; active?: boolean } = {};
    if ((ROLES as readonly string[]).includes(role)) changes.role = role as User['role'];
    if (body.active === 'true' || body.active === 'false') changes.active = body.active === 'true';
    try {
      await this.users.update(id, changes, actorOf(actor));
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      return this.showUsers(
        request,
        response,
        { problem: this.t('adminPages.users.lastAdmin') },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    response.redirect(HttpStatus.SEE_OTHER, '/admin/users?saved=updated');
  }

  // ---- tokens -----------------------------------------------------------------------------------

  @Get('tokens')
  async tokenList(
    @Query('saved') saved: string | undefined,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.showTokens(request, response, user, { saved });
  }

  /** The new token is shown in the answer to this POST only: never stored, never shown again. */
  @Post('tokens')
  async createToken(
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { value, errors } = await validateForm(CreateTokenDto, body);
    if (errors.length) {
      return this.showTokens(
        request,
        response,
        user,
        { name: text(body.name), errors },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    const { token, secret } = await this.tokens.create(user, value.name);
    response.setHeader('Cache-Control', 'no-store');
    await this.showTokens(
      request,
      response,
      user,
      { created: { name: token.name, secret } },
      HttpStatus.CREATED,
    );
  }

  @Post('tokens/:id/revoke')
  async revokeToken(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.tokens.revoke(user, id);
    response.redirect(HttpStatus.SEE_OTHER, '/admin/tokens?saved=revoked');
  }

  // ---- views ------------------------------------------------------------------------------------

  private async showUsers(
    request: Request,
    response: Response,
    state: {
      saved?: string;
      values?: Record<string, string>;
      errors?: (FieldError & { translated?: boolean })[];
      problem?: string;
    },
    status: number = HttpStatus.OK,
  ): Promise<void> {
    const current = (request as Request & { user?: User }).user;
    const users = await this.users.list();
    const values = state.values ?? { email: '', displayName: '', role: 'coordinator' };
    const fieldErrors = Object.fromEntries(
      (state.errors ?? []).map((e) => [
        e.field,
        !e.translated && this.has(`adminPages.error.${e.field}`)
          ? this.t(`adminPages.error.${e.field}`)
          : e.problems.map((problem) => this.views.messageText(problem)).join(' ; '),
      ]),
    );
    this.send(
      request,
      response,
      'pages/admin/users',
      {
        title: this.t('adminPages.users.title'),
        savedMessage:
          state.saved && this.has(`adminPages.saved.${state.saved}`)
            ? this.t(`adminPages.saved.${state.saved}`)
            : null,
        problem: state.problem ?? null,
        errors: Object.values(fieldErrors),
        fieldErrors,
        values,
        roles: ROLES.map((role) => ({
          value: role,
          label: this.t(`adminPages.role.${role}`),
          selected: role === values.role,
        })),
        users: users.map((u) => ({
          id: u.id,
          displayName: u.displayName,
          email: u.email,
          active: u.active,
          isMe: u.id === current?.id,
          roleLabel: this.t(`adminPages.role.${u.role}`),
          lastSignInAt: u.lastSignInAt,
          roles: ROLES.map((role) => ({
            value: role,
            label: this.t(`adminPages.role.${role}`),
            selected: role === u.role,
          })),
        })),
      },
      status,
    );
  }

  private async showTokens(
    request: Request,
    response: Response,
    user: User,
    state: {
      saved?: string;
      name?: string;
      errors?: FieldError[];
      created?: { name: string; secret: string };
    },
    status: number = HttpStatus.OK,
  ): Promise<void> {
    const tokens = await this.tokens.listOwn(user);
    const nameError = state.errors?.length ? this.t('adminPages.error.tokenName') : null;
    this.send(
      request,
      response,
      'pages/admin/tokens',
      {
        title: this.t('adminPages.tokens.title'),
        savedMessage:
          state.saved && this.has(`adminPages.saved.${state.saved}`)
            ? this.t(`adminPages.saved.${state.saved}`)
            : null,
        created: state.created ?? null,
        name: state.name ?? '',
        nameError,
        errors: nameError ? [nameError] : [],
        tokens: tokens.map((token) => ({
          id: token.id,
          name: token.name,
          prefix: token.prefix,
          createdAt: token.createdAt,
          lastUsedAt: token.lastUsedAt,
        })),
      },
      status,
    );
  }

  private t(key: string, params: Record<string, string | number> = {}): string {
    return this.views.translator.translate(this.config.locale, key, params);
  }

  private has(key: string): boolean {
    return (
      this.views.translator.has(this.config.locale, key) || this.views.translator.has('fr', key)
    );
  }

  private send(
    request: Request,
    response: Response,
    page: string,
    model: Record<string, unknown>,
    status: number = HttpStatus.OK,
  ): void {
    response
      .status(status)
      .type('html')
      .send(this.views.renderPage(request, page, model));
  }
}
