import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { calendarDayInZone } from '../../../common/calendar-days';
import { Public, SkipCsrf } from '../../../auth/auth.decorators';
import { Clock } from '../../../common/clock';
import { seeOther, sendHtml } from '../../../common/http-answers';
import { AppConfig } from '../../../config/app-config';
import { fieldMessages, formText, isRefusal, submitForm } from '../../../common/web/forms';
import { ViewService } from '../../../common/web/view.service';
import { CreateFollowUpDto } from '../create-follow-up.dto';
import { FollowUpsService } from '../follow-ups.service';

const FORM_FIELDS = ['date', 'text', 'nextStep', 'nextStepDue'] as const;

/** The page a lead partner's contact opens from a personal link (no account). */
@ApiExcludeController()
@Public()
@Controller('follow-up/:token')
export class FollowUpLinksPagesController {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async show(@Param('token') token: string, @Query('saved') saved?: string) {
    return this.page(token, { form: {}, errors: [], saved: saved === '1' });
  }

  @Post()
  @SkipCsrf() // a public form behind a secret personal link: the token is the credential
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async submit(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const form: Record<string, string> = {};
    for (const field of FORM_FIELDS) {
      const value = formText(body, field);
      if (value) form[field] = value;
    }
    const outcome = await submitForm(
      CreateFollowUpDto,
      form,
      (dto) => this.followUps.addThroughLink(token, dto),
      isRefusal('rule'),
    );
    if (!outcome.ok) {
      // What was typed stays in the form, with one message per field in the site's language, or
      // the broken rule's own explanation; 422 as every refused form.
      const errors = outcome.refused
        ? [this.views.errorText(outcome.refused)]
        : fieldMessages(this.views, 'projects.link.error', outcome.errors);
      return sendHtml(response, await this.page(token, { form, errors }), 422);
    }
    // Post/redirect/get: reloading the thank-you page does not post the follow-up again.
    seeOther(response, `/follow-up/${encodeURIComponent(token)}?saved=1`);
  }

  private async page(
    token: string,
    state: { form: Record<string, string>; errors: string[]; saved?: boolean },
  ): Promise<string> {
    const { project, contact } = await this.followUps.resolveLink(token);
    const recent = (await this.followUps.list(project.id)).slice(0, 5);
    return this.views.render('pages/projects/follow-up-link', {
      title: project.title,
      project: { title: project.title, partner: project.leadPartner?.name ?? '' },
      contactName: contact.fullName,
      token,
      today: calendarDayInZone(this.clock.now(), this.config.timeZone),
      followUps: recent.map((f) => ({
        date: f.date,
        author: f.authorLabel,
        viaLink: f.authorContactId !== null,
        text: f.text,
      })),
      ...state,
    });
  }
}
