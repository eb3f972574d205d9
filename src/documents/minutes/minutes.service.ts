import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { ConflictError, NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { AppConfig, Locale } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { MailOutbox, OutboxMessageInput } from '../../mail/outbox/mail-outbox.service';
import type { Meeting } from '../../meetings/meeting.entity';
import { MeetingsQueries } from '../../meetings/meetings.queries';
import { AgendaQueries } from '../../meetings/agenda/agenda-read.queries';
import { PartnersQueries } from '../../partners/partners.queries';
import { ViewService } from '../../common/web/view.service';
import { DocumentLinks } from '../document-links';
import { DocumentRenderer, RenderedDocument } from '../document-renderer';
import { applyVisibility, DocumentVisibility, isPublicToken } from '../document-visibility';
import { MinutesPdf } from './minutes-pdf';
import { MinutesRecordReader } from './minutes-record.reader';
import { MinutesQueries } from './minutes.queries';
import type { UpdateMinutesDraftDto } from './minutes.dto';
import { MinutesDraft } from './minutes-draft.entity';
import { MinutesVersion } from './minutes-version.entity';
import { MinutesReviewRecord } from './review/minutes-review-record';
import { buildMinutesViewModel, MinutesRecord, MinutesViewModel } from './minutes.view-model';

export const MINUTES_TEMPLATE = 'documents/minutes/minutes';

export interface MinutesVersionSummary {
  meetingId: number;
  version: number;
  title: string;
  publishedAt: string;
  visibility: DocumentVisibility;
  /** The address for readers: the public link, or the portal's page for a network version. */
  url: string;
  /** The unguessable public link while the version is public, else null. */
  publicLink: string | null;
}

export interface PublishOptions {
  /** Attach the version's PDF to each "minutes published" mail. */
  attachPdf?: boolean;
  /** Who may read it; the previous version's visibility by default ("network" for the first). */
  visibility?: DocumentVisibility;
}

export interface MinutesDraftResponse {
  meetingId: number;
  draft: MinutesViewModel;
  /** The draft as it would be published (HTML and text). */
  preview: RenderedDocument;
  versions: MinutesVersionSummary[];
}

/** Publishing minutes that would say what their last version says: no new version, no mail. */
export class MinutesUnchangedError extends ConflictError {
  constructor(readonly version: number) {
    super({ key: 'errors.minutes.unchanged', params: { version } });
  }
}

/**
 * Minutes of a meeting: a draft built from the meeting record plus the staff's wording, and
 * published versions, each an immutable snapshot of the rendered document.
 */
@Injectable()
export class MinutesService {
  constructor(
    @InjectRepository(MinutesVersion) private readonly versions: Repository<MinutesVersion>,
    private readonly records: MinutesRecordReader,
    private readonly queries: MinutesQueries,
    private readonly meetings: MeetingsQueries,
    private readonly agendaItems: AgendaQueries,
    private readonly partners: PartnersQueries,
    private readonly transactions: Transactions,
    private readonly renderer: DocumentRenderer,
    private readonly links: DocumentLinks,
    private readonly pdf: MinutesPdf,
    private readonly reviews: MinutesReviewRecord,
    private readonly views: ViewService,
    private readonly outbox: MailOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The draft as a view model with its rendered preview. A constant number of queries. */
  async draft(
    meetingId: number,
    locale: Locale = this.config.locale,
  ): Promise<MinutesDraftResponse> {
    const [record, versions] = await Promise.all([
      this.records.read(meetingId),
      this.queries.versionsOf(meetingId),
    ]);
    const draft = buildMinutesViewModel(record, this.titleOf(record.meeting, locale));
    return {
      meetingId,
      draft,
      preview: this.renderer.render(MINUTES_TEMPLATE, { ...draft }, locale),
      versions: versions.map((v) => this.summaryOf(v)),
    };
  }

  async updateDraft(
    meetingId: number,
    dto: UpdateMinutesDraftDto,
    user: User,
  ): Promise<MinutesDraftResponse> {
    await this.transactions.run(async (manager) => {
      if (!(await this.meetings.meetingExists(meetingId, manager)))
        throw new NotFoundError('meeting', meetingId);
      const repository = manager.getRepository(MinutesDraft);
      const existing = await repository.findOneBy({ meetingId });
      const draft =
        existing ??
        repository.create({ meetingId, introduction: null, conclusion: null, itemOverrides: {} });
      const before = { ...draft, itemOverrides: { ...draft.itemOverrides } };
      if (dto.introduction !== undefined) draft.introduction = dto.introduction;
      if (dto.conclusion !== undefined) draft.conclusion = dto.conclusion;
      if (dto.items?.length) {
        const ids = new Set(
          (await this.agendaItems.agendaItemsOfMeeting(meetingId, manager)).map((item) => item.id),
        );
        const overrides = { ...draft.itemOverrides };
        dto.items.forEach((item, index) => {
          if (!ids.has(item.agendaItemId))
            throw new RuleViolationError(
              'errors.minutes.itemNotOnAgenda',
              `items.${index}.agendaItemId`,
            );
          const current = { ...(overrides[String(item.agendaItemId)] ?? {}) };
          if (item.summary !== undefined) current.summary = item.summary;
          if (item.decisions !== undefined) current.decisions = item.decisions;
          if (current.summary === null) delete current.summary;
          if (current.decisions === null) delete current.decisions;
          if (Object.keys(current).length === 0) delete overrides[String(item.agendaItemId)];
          else overrides[String(item.agendaItemId)] = current;
        });
        draft.itemOverrides = overrides;
      }
      const saved = await repository.save(draft);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'minutes-draft',
        entityId: meetingId,
        action: existing ? 'update' : 'create',
        changes: diff(before, saved, ['introduction', 'conclusion', 'itemOverrides']),
      });
    });
    return this.draft(meetingId);
  }

  /**
   * Publishes the next version: renders the draft, stores the snapshot and enqueues the
   * "minutes published" mail to the partners' contacts who receive minutes, all in one
   * transaction: a failure anywhere leaves neither a version nor a message. The view model is
   * kept with the version (its PDF is printed from it); with `attachPdf`, the PDF is stored once
   * and attached to every message.
   */
  async publish(
    meetingId: number,
    user: User,
    options: PublishOptions = {},
  ): Promise<MinutesVersionSummary> {
    const locale = this.config.locale;
    return this.transactions.run(async (manager) => {
      // PostgreSQL: a second publish of the same minutes (a double click) waits for the first,
      // then finds its version below (SQLite runs one unit of work at a time).
      await this.meetings.lockedMeeting(meetingId, manager);
      const record = await this.records.read(meetingId, manager);
      const { meeting } = record;
      if (meeting.status === 'cancelled')
        throw new RuleViolationError('errors.minutes.cancelled', 'meetingId');
      if (meeting.startsAt.getTime() > this.clock.now().getTime())
        throw new RuleViolationError('errors.minutes.notYetHeld', 'meetingId');
      const repository = manager.getRepository(MinutesVersion);
      const last = await repository.findOne({
        where: { meetingId },
        order: { version: 'DESC' },
        select: {
          id: true,
          version: true,
          visibility: true,
          publicToken: true,
          publishedAt: true,
          snapshot: true,
        },
      });
      if (last && (await this.unchangedSince(manager, last, record, options.visibility)))
        throw new MinutesUnchangedError(last.version);
      const version = (last?.version ?? 0) + 1;
      const publishedAt = this.clock.now();
      const shared = { visibility: 'network' as DocumentVisibility, publicToken: null };
      applyVisibility(shared, options.visibility ?? last?.visibility ?? 'network');
      const url = this.links.minutesForReaders({ meetingId, version, ...shared });
      const model = buildMinutesViewModel(record, this.titleOf(meeting, locale), {
        version,
        publishedAt,
        url,
      });
      // The review rounds since the last version: "Relu par …" and the accepted changes.
      const review = await this.reviews.recordInVersion(manager, meetingId, version, publishedAt);
      if (review) model.review = review;
      const document = this.renderer.render(MINUTES_TEMPLATE, { ...model }, locale);
      const saved = await repository.save(
        repository.create({
          meetingId,
          version,
          title: model.title,
          html: document.html,
          text: document.text,
          snapshot: model,
          ...shared,
          publishedAt,
          publishedByUserId: user.id,
        }),
      );
      await this.audit.record(manager, actorOf(user), {
        entityType: 'minutes-version',
        entityId: saved.id,
        action: 'create',
        changes: {
          meetingId: { before: null, after: meetingId },
          version: { before: null, after: version },
          visibility: { before: null, after: shared.visibility },
        },
      });
      await this.notify(manager, record, model, document, options.attachPdf ?? false);
      return this.summaryOf(saved);
    });
  }

  /**
   * Whether the next version would say exactly what the last one says: the same document built
   * with the last one's number, date and link, no review round waiting, the same visibility.
   */
  private async unchangedSince(
    manager: EntityManager,
    last: MinutesVersion,
    record: MinutesRecord,
    visibility: DocumentVisibility | undefined,
  ): Promise<boolean> {
    if (!last.snapshot || (visibility && visibility !== last.visibility)) return false;
    const meetingId = record.meeting.id;
    if (await this.reviews.hasRoundsToRecord(manager, meetingId)) return false;
    const model = buildMinutesViewModel(record, this.titleOf(record.meeting, this.config.locale), {
      version: last.version,
      publishedAt: last.publishedAt,
      url: this.links.minutesForReaders({
        meetingId,
        version: last.version,
        visibility: last.visibility,
        publicToken: last.publicToken,
      }),
    });
    if (last.snapshot.review) model.review = last.snapshot.review;
    return JSON.stringify(model) === JSON.stringify(last.snapshot);
  }

  async version(meetingId: number, version: number): Promise<MinutesVersion> {
    const found = await this.versions.findOneBy({ meetingId, version });
    if (!found) throw new NotFoundError('minutesVersion', version);
    return found;
  }

  /** The latest published version's number of each meeting's minutes (links to the newest). */
  latestVersionNumbers(meetingIds: readonly number[]): Promise<Map<number, number>> {
    return this.queries.latestVersionNumbers(meetingIds);
  }

  /** A public version by its link's token; a network one, or an unknown token, is not found. */
  async publicVersion(token: string): Promise<MinutesVersion> {
    const found = isPublicToken(token)
      ? await this.versions.findOneBy({ publicToken: token, visibility: 'public' })
      : null;
    if (!found) throw new NotFoundError('minutesVersion');
    return found;
  }

  /** Makes a version public (its link is made the first time) or network-only again; audited. */
  async setVisibility(
    meetingId: number,
    version: number,
    visibility: DocumentVisibility,
    user: User,
  ): Promise<MinutesVersionSummary> {
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(MinutesVersion);
      const found = await repository.findOneBy({ meetingId, version });
      if (!found) throw new NotFoundError('minutesVersion', version);
      const changes = applyVisibility(found, visibility);
      await repository.update(found.id, {
        visibility: found.visibility,
        publicToken: found.publicToken,
      });
      if (changes)
        await this.audit.record(manager, actorOf(user), {
          entityType: 'minutes-version',
          entityId: found.id,
          action: 'update',
          changes,
        });
      return this.summaryOf(found);
    });
  }

  async versionsOf(meetingId: number): Promise<MinutesVersionSummary[]> {
    await this.meetingExists(meetingId);
    const rows = await this.queries.versionsOf(meetingId);
    return rows.map((row) => this.summaryOf(row));
  }

  /**
   * Published minutes, newest first (the latest version of each meeting); with `publicOnly`, the
   * latest public version of each.
   */
  async published(limit = 100, publicOnly = false): Promise<MinutesVersionSummary[]> {
    const rows = await this.queries.latestVersions(limit, publicOnly);
    return rows.map((row) => this.summaryOf(row));
  }

  /** Latest version of each meeting's minutes first published, or corrected, in [from, to). */
  async publishedBetween(from: Date, to: Date): Promise<MinutesVersionSummary[]> {
    const rows = await this.queries.latestVersionsPublishedBetween(from, to);
    return rows.map((row) => this.summaryOf(row));
  }

  private summaryOf(
    v: Pick<
      MinutesVersion,
      'meetingId' | 'version' | 'title' | 'publishedAt' | 'visibility' | 'publicToken'
    >,
  ): MinutesVersionSummary {
    return {
      meetingId: v.meetingId,
      version: v.version,
      title: v.title,
      publishedAt: v.publishedAt.toISOString(),
      visibility: v.visibility,
      url: this.links.minutesForReaders(v),
      publicLink: this.links.publicLink('minutes', v),
    };
  }

  private titleOf(meeting: Pick<Meeting, 'title'>, locale: Locale): string {
    return this.views.translator.translate(locale, 'minutes.documentTitle', {
      title: meeting.title,
    });
  }

  private async meetingExists(meetingId: number): Promise<void> {
    if (!(await this.meetings.meetingExists(meetingId)))
      throw new NotFoundError('meeting', meetingId);
  }

  /** One "minutes published" message per contact who receives minutes, at the invited partners. */
  private async notify(
    manager: EntityManager,
    record: MinutesRecord,
    model: MinutesViewModel,
    document: RenderedDocument,
    attachPdf: boolean,
  ): Promise<void> {
    const partnerIds = record.invitations.map((i) => i.partnerId);
    if (partnerIds.length === 0) return;
    const contacts = await this.partners.contactsOfPartners(
      partnerIds,
      { withEmail: true, receivesMinutes: true },
      manager,
    );
    if (contacts.length === 0) return;
    let sharedAttachmentId: number | null = null;
    if (attachPdf) {
      // One stored file for the whole sending: the dispatcher attaches it to each message.
      const pdf = await this.pdf.buffer(model);
      sharedAttachmentId = await this.outbox.storeSharedAttachment(manager, {
        filename: pdf.fileName,
        contentType: 'application/pdf',
        content: pdf.bytes,
      });
    }
    const messages: OutboxMessageInput[] = contacts.map((contact) => ({
      purpose: 'minutes',
      idempotencyKey: `minutes:${record.meeting.id}:v${model.version}:${contact.emailKey ?? contact.email}`,
      to: { email: contact.email as string, name: contact.fullName },
      contactId: contact.id,
      subject: model.title,
      html: document.html,
      text: document.text,
      sharedAttachmentId,
      group: `minutes:${record.meeting.id}:v${model.version}`,
    }));
    await this.outbox.enqueueMany(manager, messages);
  }
}
