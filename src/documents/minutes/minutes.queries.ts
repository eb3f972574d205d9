import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { rawDate } from '../../database/raw-values';
import { sql } from '../../database/sql';
import type { AgendaItemOverride } from './minutes-draft.entity';
import { MinutesVersion } from './minutes-version.entity';

/** A published version without its documents. */
export type MinutesVersionRow = Pick<
  MinutesVersion,
  'id' | 'meetingId' | 'version' | 'title' | 'publishedAt' | 'visibility' | 'publicToken'
>;

const SUMMARY = [
  'v.id',
  'v.meetingId',
  'v.version',
  'v.title',
  'v.publishedAt',
  'v.visibility',
  'v.publicToken',
];

/** The columns of a MinutesVersionRow (alias `v`), read by raw statements. */
const VERSION_ROW =
  'v.id, v.meeting_id, v.version, v.title, v.published_at, v.visibility, v.public_token';

function versionRowOf(row: Record<string, unknown>): MinutesVersionRow {
  return {
    id: Number(row.id),
    meetingId: Number(row.meeting_id),
    version: Number(row.version),
    title: row.title as string,
    publishedAt: rawDate(row.published_at as string | Date) as Date,
    visibility: row.visibility as MinutesVersionRow['visibility'],
    publicToken: (row.public_token as string | null) ?? null,
  };
}

/** The minutes' own statements (drafts and published versions); MinutesService holds the rules. */
@Injectable()
export class MinutesQueries {
  constructor(
    @InjectRepository(MinutesVersion) private readonly versions: Repository<MinutesVersion>,
  ) {}

  /** The staff's wording of a meeting's minutes, or null before the first save. One statement. */
  async draftWording(
    manager: EntityManager,
    meetingId: number,
  ): Promise<{
    introduction: string | null;
    conclusion: string | null;
    itemOverrides: Record<string, AgendaItemOverride>;
  } | null> {
    const [draft] = await sql(
      manager,
      'SELECT introduction, conclusion, item_overrides FROM minutes_drafts WHERE meeting_id = ?',
      [meetingId],
    );
    return draft
      ? {
          introduction: draft.introduction as string | null,
          conclusion: draft.conclusion as string | null,
          itemOverrides: JSON.parse(draft.item_overrides as string) as Record<
            string,
            AgendaItemOverride
          >,
        }
      : null;
  }

  /**
   * A meeting's published versions, oldest first, without their documents. One raw statement: it
   * runs on every read of the draft, beside the meeting record.
   */
  async versionsOf(meetingId: number): Promise<MinutesVersionRow[]> {
    const rows = await sql(
      this.versions.manager,
      `SELECT ${VERSION_ROW} FROM minutes_versions v WHERE v.meeting_id = ? ORDER BY v.version ASC`,
      [meetingId],
    );
    return rows.map(versionRowOf);
  }

  /** The number of the latest published version of each meeting's minutes, by meeting id. */
  async latestVersionNumbers(meetingIds: readonly number[]): Promise<Map<number, number>> {
    if (meetingIds.length === 0) return new Map();
    const rows = await sql<{ meeting_id: number | string; version: number | string }>(
      this.versions.manager,
      `SELECT meeting_id, MAX(version) AS version FROM minutes_versions
        WHERE meeting_id IN (?) GROUP BY meeting_id`,
      [meetingIds],
    );
    return new Map(rows.map((row) => [Number(row.meeting_id), Number(row.version)]));
  }

  /**
   * The latest version of each meeting's minutes, newest first, at most `limit`; with
   * `publicOnly`, the latest public version of each.
   */
  latestVersions(limit: number, publicOnly = false): Promise<MinutesVersionRow[]> {
    const onlyPublic = publicOnly ? " AND o.visibility = 'public'" : '';
    return this.versions
      .createQueryBuilder('v')
      .select(SUMMARY)
      .where(
        `v.version = (SELECT MAX(o.version) FROM minutes_versions o WHERE o.meeting_id = v.meeting_id${onlyPublic})`,
      )
      .orderBy('v.publishedAt', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .take(limit)
      .getMany();
  }

  /**
   * The latest version, as of `to`, of each meeting's minutes first published or corrected in
   * [from, to), oldest first.
   */
  async latestVersionsPublishedBetween(from: Date, to: Date): Promise<MinutesVersionRow[]> {
    const rows = await sql(
      this.versions.manager,
      `SELECT ${VERSION_ROW} FROM minutes_versions v
        WHERE v.published_at >= ? AND v.published_at < ?
          AND v.version = (SELECT MAX(o.version) FROM minutes_versions o
                            WHERE o.meeting_id = v.meeting_id AND o.published_at < ?)
        ORDER BY v.published_at ASC, v.id ASC`,
      [from, to, to],
    );
    return rows.map(versionRowOf);
  }
}
