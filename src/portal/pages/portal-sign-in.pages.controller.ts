import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { clientAddress } from '../../auth/sessions/auth.controller';
import { csrfTokenFor } from '../../common/web/csrf';
import { TooManyRequestsError } from '../../common/domain-errors';
import { formText, isRefusal, validateForm } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { PortalLinksService } from '../links/portal-links.service';
import { endPortalSession, keepReturnPath, startPortalSession } from '../session/portal-session';
import { RequestPortalLinkDto } from '../links/request-portal-link.dto';
import { seeOther, sendHtml } from '../../common/http-answers';

/**
 * The partner portal's door: ask for a sign-in link, open it, sign out. Public for the staff
 * guard (CSRF still checked on every form). The answer to a request never says whether the email
 * is known: same page, same status.
 */
@ApiExcludeController()
@Public()
@Controller('portal')
export class PortalSignInPagesController {
  constructor(
    private readonly links: PortalLinksService,
    private readonly views: ViewService,
  ) {}

  @Get('sign-in')
  @Header('Cache-Control', 'no-store')
  form(@Req() request: Request, @Query('ended') ended?: string): string {
    return this.render(request, 'pages/portal/sign-in', {
      title: this.views.text('portal.signIn.title'),
      ended: ended === '1',
    });
  }

  @Post('sign-in')
  async request(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const email = formText(body, 'email').slice(0, 300);
    const { value, errors } = await validateForm(RequestPortalLinkDto, { email });
    if (errors.length > 0) {
      return this.send(response, 422, request, 'pages/portal/sign-in', {
        title: this.views.text('portal.signIn.title'),
        email,
        messages: ['portal.signIn.invalidEmail'],
      });
    }
    try {
      await this.links.request(value.email, clientAddress(request));
    } catch (error) {
      // Throttled (429): its own page, with the class's retry delay.
      if (error instanceof TooManyRequestsError) {
        response.setHeader('Retry-After', String(error.retryAfterSeconds));
        return this.send(response, 429, request, 'pages/portal/sign-in', {
          title: this.views.text('portal.signIn.title'),
          email,
          messages: ['portal.signIn.throttled'],
          minutes: Math.ceil(error.retryAfterSeconds / 60),
        });
      }
      throw error;
    }
    this.send(response, 200, request, 'pages/portal/sign-in-sent', {
      title: this.views.text('portal.sent.title'),
    });
  }

  @Get('link/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async open(
    @Param('token') token: string,
    @Query('to') to: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    keepReturnPath(request, to);
    // A staff member signed in on this browser would lose their session to the partner's: ask
    // first (the link is not used until they choose), and go on only on the form's POST.
    if (request.session?.userId !== undefined) {
      return this.send(response, 200, request, 'pages/portal/switch-session', {
        title: this.views.text('portal.switch.title'),
        action: `/portal/link/${encodeURIComponent(token)}`,
      });
    }
    return this.enter(token, request, response);
  }

  /** The staff member chose to leave their session for the partner's (see `open`). */
  @Post('link/:token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async openConfirmed(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.enter(token, request, response);
  }

  private async enter(token: string, request: Request, response: Response): Promise<void> {
    let destination: string;
    try {
      const identity = await this.links.open(token);
      destination = await startPortalSession(request, identity);
    } catch (error) {
      if (isRefusal('gone', 'not-found')(error)) {
        return this.send(response, 410, request, 'pages/portal/link-gone', {
          title: this.views.text('portal.gone.title'),
        });
      }
      throw error;
    }
    seeOther(response, destination);
  }

  /** A POST with the CSRF token, so another site cannot sign the contact out. */
  @Post('sign-out')
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    await endPortalSession(request);
    seeOther(response, '/portal/sign-in');
  }

  private render(request: Request, name: string, model: Record<string, unknown>): string {
    return this.views.render(
      name,
      { ...model, csrfToken: csrfTokenFor(request) },
      { layout: 'portal' },
    );
  }

  private send(
    response: Response,
    status: number,
    request: Request,
    name: string,
    model: Record<string, unknown>,
  ): void {
    sendHtml(response, this.render(request, name, model), status);
  }
}
