import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ConflictError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../common/domain-errors';
import { localPath, validateForm } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { Public, type AuthenticatedRequest } from '../auth.decorators';
import { clientAddress } from '../sessions/auth.controller';
import { AUTH_PAGE_TITLES, type AuthPage, setupMessages, setupRefill } from './auth.view-model';
import { LoginDto } from '../sessions/login.dto';
import { SetupFormDto } from '../users/setup.dto';
import { FirstRunOffers } from '../users/first-run';
import { SignInService } from '../sessions/sign-in.service';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { seeOther, sendHtml } from '../../common/http-answers';

type Form = Record<string, unknown>;

/** The HTML side of staff accounts: first-run set-up, sign-in and sign-out forms. */
@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly users: UsersService,
    private readonly signIn: SignInService,
    private readonly views: ViewService,
    private readonly offers: FirstRunOffers,
  ) {}

  @Public()
  @Get('setup')
  async setupForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.refuseOnceSetUp();
    this.show(request, response, 'pages/auth/setup', {
      offerDemoData: await this.offers.demoDataAvailable(),
    });
  }

  @Public()
  @Post('setup')
  async setup(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    await this.refuseOnceSetUp();
    const { value, errors } = await validateForm(SetupFormDto, body);
    const messages = setupMessages(value, errors);
    // A checkbox: present (whatever its value) when ticked.
    const demoData = body.demoData !== undefined;
    const refill = setupRefill(value, demoData, await this.offers.demoDataAvailable());
    if (messages.length > 0) {
      return this.show(request, response, 'pages/auth/setup', { ...refill, messages }, 400);
    }
    let user: User;
    try {
      user = await this.users.createFirstAdmin(value);
      await this.signIn.startSession(request, user);
    } catch (error) {
      if (error instanceof ConflictError) throw new NotFoundError('page');
      throw error;
    }
    // The account exists and is signed in whatever happens to the demo data.
    if (demoData) await this.offers.loadDemoData(user);
    seeOther(response, '/');
  }

  @Public()
  @Get('login')
  loginForm(
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
    @Query('next') next: unknown,
  ): void {
    if (request.user) return seeOther(response, localPath(next));
    this.show(request, response, 'pages/auth/login', { next: localPath(next) });
  }

  @Public()
  @Post('login')
  async login(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const next = localPath(body.next);
    const { value, errors } = await validateForm(LoginDto, body);
    const model = { next, email: typeof value.email === 'string' ? value.email : '' };
    if (errors.length > 0) {
      return this.show(
        request,
        response,
        'pages/auth/login',
        { ...model, messages: ['auth.invalid'] },
        400,
      );
    }
    try {
      const user = await this.signIn.authenticate(
        value.email,
        value.password,
        clientAddress(request),
      );
      await this.signIn.startSession(request, user);
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        const minutes = Math.ceil(error.retryAfterSeconds / 60);
        return this.show(
          request,
          response,
          'pages/auth/login',
          { ...model, messages: ['auth.throttled'], minutes },
          429,
        );
      }
      if (error instanceof UnauthorizedError) {
        return this.show(
          request,
          response,
          'pages/auth/login',
          { ...model, messages: ['auth.invalid'] },
          401,
        );
      }
      throw error;
    }
    seeOther(response, next);
  }

  /** Signing out is a POST with the CSRF token, so another site cannot sign staff out. */
  @Public()
  @Post('logout')
  async logout(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.signIn.endSession(request);
    seeOther(response, '/login');
  }

  private async refuseOnceSetUp(): Promise<void> {
    if (await this.users.hasUsers()) throw new NotFoundError('page');
  }

  private show(
    request: Request,
    response: Response,
    page: AuthPage,
    model: Form,
    status: number = HttpStatus.OK,
  ): void {
    sendHtml(
      response,
      this.views.renderPage(request, page, {
        title: this.views.text(AUTH_PAGE_TITLES[page]),
        ...model,
      }),
      status,
    );
  }
}
