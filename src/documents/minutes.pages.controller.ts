import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import { User } from '../auth/user';
import { IdPipe } from '../common/id.pipe';
import { RuleViolationError } from '../common/domain-errors';
import { validateForm } from '../web/forms';
import { ViewService } from '../web/view.service';
import { formatWanted, PREVIEW_CSP, sendDocument } from './document-response';
import { DocumentFormatQueryDto, UpdateMinutesDraftDto } from './minutes.dto';
import { MinutesDraftResponse, MinutesService } from './minutes.service';

type Form = Record<string, unknown>;

/** Textarea text as typed, with the browser's CRLF line ends made LF. */
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : undefined;

/** A wording field: blank goes back to the meeting record (null). */
const wordingOf = (value: unknown): string | null | undefined => {
  const text = textOf(value);
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : text;
};

interface EditorState {
  status?: number;
  errors?: string[];
  /** What was typed, to show again after an error. */
  typed?: Form;
}

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
    private readonly views: ViewService,
  ) {}

  @Get()
  async editor(
    @Param('id', IdPipe) id: number,
    @Query('saved') saved: unknown,
    @Query('published') published: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const draft = await this.minutes.draft(id);
    this.show(request, response, draft, {
      notice:
        saved === '1'
          ? this.views.text('minutesPages.saved')
          : typeof published === 'string' && /^\d+$/.test(published)
            ? this.views.text('minutesPages.published', { version: published })
            : null,
    });
  }

  /** The document exactly as it would be published today (HTML, or text with ?format=text). */
  @Get('preview')
  async preview(
    @Param('id', IdPipe) id: number,
    @Query() query: DocumentFormatQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
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
        const typed = wordingOf(body[`${name}-${item.id}`]);
        if (typed === undefined) return undefined;
        if (!item.edited[name] && (typed ?? '') === (item[name] ?? '')) return undefined;
        return typed;
      };
      return { agendaItemId: item.id, summary: field('summary'), decisions: field('decisions') };
    });
    const { value, errors } = await validateForm(UpdateMinutesDraftDto, {
      introduction: wordingOf(body.introduction),
      conclusion: wordingOf(body.conclusion),
      items,
    });
    if (errors.length > 0) {
      return this.show(request, response, current, {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: errors.map((e) => this.fieldMessage(e.field, current)),
        typed: body,
      });
    }
    try {
      await this.minutes.updateDraft(id, value, user);
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      return this.show(request, response, current, {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: [this.views.errorText(error)],
        typed: body,
      });
    }
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}/minutes?saved=1`);
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
        const version = await this.minutes.publish(id, user);
        return response.redirect(
          HttpStatus.SEE_OTHER,
          `/meetings/${id}/minutes?published=${version.version}`,
        );
      } catch (error) {
        if (!(error instanceof RuleViolationError)) throw error;
        problem = this.views.text('minutesPages.error.publish', {
          reason: this.views.errorText(error),
        });
      }
    }
    this.show(request, response, await this.minutes.draft(id), {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      errors: [problem],
    });
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

  private show(
    request: Request,
    response: Response,
    current: MinutesDraftResponse,
    state: EditorState & { notice?: string | null },
  ): void {
    const { draft, preview, versions, meetingId } = current;
    const typed = state.typed;
    const fieldValue = (name: string, fallback: string | null): string =>
      typed && typeof typed[name] === 'string' ? typed[name] : (fallback ?? '');
    const errors = state.errors ?? [];
    response
      .status(state.status ?? HttpStatus.OK)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/documents/minutes-editor', {
          title: this.views.text('minutesPages.title', { title: draft.meeting.title }),
          meetingId,
          meeting: draft.meeting,
          attendance: draft.attendance,
          introduction: fieldValue('introduction', draft.introduction),
          conclusion: fieldValue('conclusion', draft.conclusion),
          agenda: draft.agenda.map((item) => ({
            ...item,
            summaryValue: fieldValue(`summary-${item.id}`, item.summary),
            decisionsValue: fieldValue(`decisions-${item.id}`, item.decisions),
          })),
          previewUrl: `/meetings/${meetingId}/minutes/preview`,
          previewText: preview.text,
          versions: versions.map((v) => ({ ...v, path: `/minutes/${v.meetingId}/${v.version}` })),
          errors,
          invalid: errors.length > 0,
          notice: state.notice ?? null,
        }),
      );
  }
}
