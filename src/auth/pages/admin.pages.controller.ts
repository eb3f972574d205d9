import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf } from '../../audit/audit.service';
import { IdPipe } from '../../common/id.pipe';
import { AppConfig } from '../../config/app-config';
import { type Form, formText, isRefusal, validateForm } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { CurrentUser, Roles } from '../auth.decorators';
import { CreateTokenDto } from '../tokens/create-token.dto';
import {
  type AdminWords,
  EMAIL_TAKEN,
  newUserValues,
  type TokensPageState,
  tokensPageModel,
  userRowChanges,
  type UsersPageState,
  usersPageModel,
} from './admin.view-model';
import { CreateUserDto } from '../users/create-user.dto';
import { TokensService } from '../tokens/tokens.service';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { seeOther } from '../../common/http-answers';

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
    seeOther(response, '/admin/users');
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
    const values = newUserValues(body);
    const { value, errors } = await validateForm(CreateUserDto, body);
    if (errors.length) {
      return this.showUsers(request, response, { values, errors }, HttpStatus.UNPROCESSABLE_ENTITY);
    }
    try {
      await this.users.create(value, actorOf(actor));
    } catch (error) {
      if (!isRefusal('conflict')(error)) throw error;
      return this.showUsers(
        request,
        response,
        { values, errors: [EMAIL_TAKEN] },
        HttpStatus.CONFLICT,
      );
    }
    seeOther(response, '/admin/users?saved=created');
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
    try {
      await this.users.update(id, userRowChanges(body), actorOf(actor));
    } catch (error) {
      if (!isRefusal('rule')(error)) throw error;
      return this.showUsers(
        request,
        response,
        { problem: this.words.t('adminPages.users.lastAdmin') },
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    seeOther(response, '/admin/users?saved=updated');
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
        { name: formText(body, 'name'), errors },
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
    seeOther(response, '/admin/tokens?saved=revoked');
  }

  // ---- views ------------------------------------------------------------------------------------

  private async showUsers(
    request: Request,
    response: Response,
    state: UsersPageState,
    status: number = HttpStatus.OK,
  ): Promise<void> {
    const current = (request as Request & { user?: User }).user;
    const model = usersPageModel(this.words, await this.users.list(), current, state);
    this.views.sendPage(request, response, 'pages/admin/users', model, status);
  }

  private async showTokens(
    request: Request,
    response: Response,
    user: User,
    state: TokensPageState,
    status: number = HttpStatus.OK,
  ): Promise<void> {
    const model = tokensPageModel(this.words, await this.tokens.listOwn(user), state);
    this.views.sendPage(request, response, 'pages/admin/tokens', model, status);
  }

  /** The pages' wording, in the configured language (a key missing there is looked up in French). */
  private readonly words: AdminWords = {
    t: (key, params = {}) => this.views.translator.translate(this.config.locale, key, params),
    has: (key) =>
      this.views.translator.has(this.config.locale, key) || this.views.translator.has('fr', key),
    message: (text) => this.views.messageText(text),
  };
}
