import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { fileKindOf, MEDIA_TYPES } from '../../common/file-signature';
import { Transactions } from '../../database/transactions';
import { AppConfig } from '../../config/app-config';
import { MeetingsQueries } from '../meetings.queries';
import type { SignInScan } from './sign-in-scan.entity';
import {
  deleteScan,
  insertScan,
  scanOfMeeting,
  scansOfMeeting,
  scanWithContent,
  type ScanSummary,
} from './sign-in-scans.queries';
import { fileNameText } from '../../common/text';

/** An uploaded file as multer hands it over (memory storage). */
export interface UploadedScan {
  originalname: string;
  buffer: Buffer;
}

/** The file of a scan, ready to send. */
export interface ScanFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/**
 * Scanned signed sign-in sheets: stored in the database after the meeting, as many as the scanner
 * produced (one file per page is common), each audited when added or deleted. A file is what its
 * bytes say (PDF, JPEG or PNG), whatever its name or declared type.
 */
@Injectable()
export class SignInScansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly meetings: MeetingsQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The meeting's scans, oldest first, without their bytes. */
  async list(meetingId: number): Promise<ScanSummary[]> {
    if (!(await this.meetings.meetingExists(meetingId))) {
      throw new NotFoundError('meeting', meetingId);
    }
    return scansOfMeeting(this.dataSource.manager, meetingId);
  }

  /** The scans of a meeting known to exist (its page read it already). One statement. */
  listOfKnownMeeting(meetingId: number): Promise<ScanSummary[]> {
    return scansOfMeeting(this.dataSource.manager, meetingId);
  }

  async upload(
    meetingId: number,
    file: UploadedScan | undefined,
    user: User,
  ): Promise<ScanSummary> {
    if (!file || file.buffer.length === 0) {
      throw new RuleViolationError('errors.signIn.scanMissing', 'file');
    }
    // multer stops at the limit already; this keeps the rule true for any other caller.
    if (file.buffer.length > this.config.signInScanMaxBytes) {
      throw new RuleViolationError(
        { key: 'errors.signIn.scanTooLarge', params: { max: this.maxMegabytes() } },
        'file',
      );
    }
    const kind = fileKindOf(file.buffer);
    if (!kind) throw new RuleViolationError('errors.signIn.scanKind', 'file');
    return this.transactions.run(async (manager) => {
      const meeting = await this.meetings.meetingById(meetingId, manager);
      if (!meeting) throw new NotFoundError('meeting', meetingId);
      if (meeting.status === 'cancelled') {
        throw new RuleViolationError('errors.signIn.cancelled', 'status');
      }
      if (this.clock.now() < meeting.startsAt) {
        throw new RuleViolationError('errors.signIn.scanBeforeStart', 'file');
      }
      const scan: Omit<SignInScan, 'id' | 'meeting'> = {
        meetingId,
        fileName: displayName(file.originalname, kind),
        kind,
        sizeBytes: file.buffer.length,
        content: file.buffer,
        uploadedByUserId: user.id,
        uploadedByName: user.displayName,
        uploadedAt: this.clock.now(),
      };
      const id = await insertScan(manager, scan);
      const after = { id, fileName: scan.fileName, kind, sizeBytes: scan.sizeBytes };
      await this.audited(manager, user, meetingId, { before: null, after });
      const { content: _bytes, ...summary } = scan;
      return { id, ...summary };
    });
  }

  async download(meetingId: number, scanId: number): Promise<ScanFile> {
    const scan = await scanWithContent(this.dataSource.manager, meetingId, scanId);
    if (!scan) throw new NotFoundError('signInScan', scanId);
    return {
      fileName: scan.fileName,
      mediaType: MEDIA_TYPES[scan.kind],
      content: Buffer.from(scan.content),
    };
  }

  async remove(meetingId: number, scanId: number, user: User): Promise<void> {
    await this.transactions.run(async (manager) => {
      const scan = await scanOfMeeting(manager, meetingId, scanId);
      if (!scan) throw new NotFoundError('signInScan', scanId);
      await deleteScan(manager, scanId);
      const before = {
        id: scan.id,
        fileName: scan.fileName,
        kind: scan.kind,
        sizeBytes: scan.sizeBytes,
      };
      await this.audited(manager, user, meetingId, { before, after: null });
    });
  }

  /** A scan added or deleted is a change of the meeting's record: its trail says so. */
  private audited(
    manager: EntityManager,
    user: User,
    meetingId: number,
    signInScan: { before: unknown; after: unknown },
  ): Promise<void> {
    return this.audit.record(manager, actorOf(user), {
      entityType: 'meeting',
      entityId: meetingId,
      action: 'update',
      changes: { signInScan },
    });
  }

  maxMegabytes(): number {
    return Math.round(this.config.signInScanMaxBytes / (1024 * 1024));
  }
}

const EXTENSIONS = { pdf: 'pdf', jpeg: 'jpg', png: 'png' } as const;

/**
 * The file's name as people will see it and save it: the sender's name without its folders or
 * control characters, ending with the extension of what the bytes are.
 */
function displayName(original: string, kind: keyof typeof EXTENSIONS): string {
  const base = fileNameText((original.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, ''), 150);
  return `${base || 'emargement'}.${EXTENSIONS[kind]}`;
}
