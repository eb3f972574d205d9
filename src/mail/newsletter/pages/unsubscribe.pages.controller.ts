import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, SkipCsrf } from '../../../auth/auth.decorators';
import { AppConfig } from '../../../config/app-config';
import { sendHtml } from '../../../common/http-answers';
import { ViewService } from '../../../common/web/view.service';
import { SubscriptionView, UnsubscribeService } from '../unsubscribe.service';

/**
 * The unsubscribe link of bulk mail, public (the token is the credential): a page with a confirm
 * button (GET never changes anything: link scanners follow links), and the POST it submits, which
 * is also the RFC 8058 one-click target (`List-Unsubscribe=One-Click`, sent by mail providers
 * without cookies, hence no CSRF token here).
 */
@ApiExcludeController()
@Public()
@Controller('u')
export class UnsubscribePagesController {
  constructor(
    private readonly unsubscribes: UnsubscribeService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get(':token')
  async page(
    @Param('token') token: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    this.send(request, response, token, await this.unsubscribes.view(token));
  }

  @Post(':token')
  @SkipCsrf()
  @HttpCode(200)
  async submit(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const action = (body as { action?: unknown } | undefined)?.action;
    const t = (key: string) => this.views.translator.translate(this.config.locale, key);
    if (action === 'resubscribe') {
      const view = await this.unsubscribes.resubscribe(token);
      this.send(request, response, token, view, t('mail.unsubscribe.resubscribed'));
      return;
    }
    // Anything else, the one-click body included, unsubscribes.
    const view = await this.unsubscribes.unsubscribe(token);
    this.send(request, response, token, view, t('mail.unsubscribe.done'));
  }

  private send(
    request: Request,
    response: Response,
    token: string,
    view: SubscriptionView,
    done?: string,
  ): void {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    sendHtml(
      response,
      this.views.renderPage(request, 'pages/mail/unsubscribe', {
        title: this.views.translator.translate(this.config.locale, 'mail.unsubscribe.title'),
        token,
        ...view,
        done,
      }),
    );
  }
}
