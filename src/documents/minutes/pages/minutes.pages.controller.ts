import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { IdPipe } from '../../../common/id.pipe';
import { formText, isRuleViolation, submitForm, queryOf } from '../../../common/web/forms';
import { visibilityOf } from '../../document-visibility';
import { ViewService } from '../../../common/web/view.service';
import { optionalText, type Form } from '../../pages/document-forms';
import { formatWanted, PREVIEW_CSP, sendDocument } from '../../document-response';
import { AttendanceCertificates } from '../../attestations/attendance-certificates';
import { EditorState, minutesEditorView } from './minutes-editor.view-model';
import { DocumentFormatQueryDto, UpdateMinutesDraftDto } from '../minutes.dto';
import { MinutesDraftResponse, MinutesService, MinutesUnchangedError } from '../minutes.service';
import { seeOther } from '../../../common/http-answers';

/**
 * The staff's minutes editor: the draft built from the meeting record with the wording fields
 * (introduction, conclusion, each agenda item's summary and decisions), the document previewed
 * exactly as it will be published, publishing, and the published versions.
 */
@ApiExcludeController()
@Controller('meetings/:id/minutes')
export class MinutesPagesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly certificates: AttendanceCertificates,
    private readonly views: ViewService,
  ) {}

  @Get()
  async editor(
    @Param('id', IdPipe) id: number,
    @Query('saved') saved: unknown,
    @Query('published') published: unknown,
    @Query('shared') shared: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const draft = await this.minutes.draft(id);
    const isVersion = (value: unknown): value is string =>
      typeof value === 'string' && /^\d{1,6}$/.test(value);
    await this.show(request, response, draft, {
      notice:
        saved === '1'
          ? this.views.text('minutesPages.saved')
          : isVersion(published)
            ? this.views.text('minutesPages.published', { version: published })
            : isVersion(shared)
              ? this.views.text('visibility.changed')
              : null,
    });
  }

  /** The document exactly as it would be published today (HTML, or text with ?format=text). */
  @Get('preview')
  async preview(
    @Param('id', IdPipe) id: number,
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(DocumentFormatQueryDto, raw);
    const { preview } = await this.minutes.draft(id);
    response.setHeader('Cache-Control', 'no-store');
    sendDocument(response, preview, formatWanted(request, query.format), PREVIEW_CSP);
  }

  @Post()
  async save(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const current = await this.minutes.draft(id);
    const items = current.draft.agenda.map((item) => {
      // Unchanged text taken from the meeting record stays linked to the record.
      const field = (name: 'summary' | 'decisions') => {
        const typed = optionalText(body, `${name}-${item.id}`);
        if (typed === undefined) return undefined;
        if (!item.edited[name] && (typed ?? '') === (item[name] ?? '')) return undefined;
        return typed;
      };
      return { agendaItemId: item.id, summary: field('summary'), decisions: field('decisions') };
    });
    const fields = {
      // A wording field left blank goes back to the meeting record (null).
      introduction: optionalText(body, 'introduction'),
      conclusion: optionalText(body, 'conclusion'),
      items,
    };
    const outcome = await submitForm(UpdateMinutesDraftDto, fields, (value) =>
      this.minutes.updateDraft(id, value, user),
    );
    if (!outcome.ok) {
      return await this.show(request, response, current, {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: outcome.refused
          ? [this.views.errorText(outcome.refused)]
          : outcome.errors.map((e) => this.fieldMessage(e.field, current)),
        typed: body,
      });
    }
    seeOther(response, `/meetings/${id}/minutes?saved=1`);
  }

  @Post('publish')
  async publish(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    let problem: string | null = null;
    if (body.confirm !== 'yes') problem = this.views.text('minutesPages.error.confirm');
    else {
      try {
        const version = await this.minutes.publish(id, user, {
          attachPdf: formText(body, 'attachPdf') === 'yes',
          visibility: visibilityOf(formText(body, 'visibility')) ?? undefined,
        });
        return seeOther(response, `/meetings/${id}/minutes?published=${version.version}`);
      } catch (error) {
        // The form sent twice (a double click): the version the first sending made is the answer.
        if (error instanceof MinutesUnchangedError)
          return seeOther(response, `/meetings/${id}/minutes?published=${error.version}`);
        if (!isRuleViolation(error)) throw error;
        problem = this.views.text('minutesPages.error.publish', {
          reason: this.views.errorText(error),
        });
      }
    }
    await this.show(request, response, await this.minutes.draft(id), {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      errors: [problem],
      typed: body,
    });
  }

  /** Makes a published version public, or network-only again. */
  @Post('versions/:version/visibility')
  async setVisibility(
    @Param('id', IdPipe) id: number,
    @Param('version', IdPipe) version: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const visibility = visibilityOf(formText(body, 'visibility'));
    if (!visibility)
      return this.show(request, response, await this.minutes.draft(id), {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: [this.views.text('visibility.error')],
      });
    await this.minutes.setVisibility(id, version, visibility, user);
    seeOther(response, `/meetings/${id}/minutes?shared=${version}`);
  }

  private fieldMessage(field: string, current: MinutesDraftResponse): string {
    const item = /^items\.(\d+)\.(summary|decisions)$/.exec(field);
    if (item) {
      const agendaItem = current.draft.agenda[Number(item[1])];
      return this.views.text(`minutesPages.error.${item[2]}`, {
        item: agendaItem?.title ?? '',
      });
    }
    const message = this.views.textIfPresent(`minutesPages.error.${field}`);
    return message ?? this.views.text('minutesPages.error.other');
  }

  private async show(
    request: Request,
    response: Response,
    current: MinutesDraftResponse,
    state: EditorState,
  ): Promise<void> {
    const title = this.views.text('minutesPages.title', { title: current.draft.meeting.title });
    const held = ['held', 'closed'].includes(current.draft.meeting.status);
    const people = held ? await this.certificates.holders(current.meetingId) : [];
    this.views.sendPage(
      request,
      response,
      'pages/documents/minutes-editor',
      minutesEditorView(title, current, state, { held, people }),
      state.status ?? HttpStatus.OK,
    );
  }
}
