import { Brackets, type Repository, type SelectQueryBuilder } from 'typeorm';
import { likePattern, normalizeForSearch } from '../../common/text';
import type { Speaker } from './speaker.entity';
import type { ListSpeakersQueryDto } from './speaker.dto';

// The speakers part's SQL: the directory's and the search's filters.

/**
 * The speakers matching the list's SQL filters (archived, theme, largest fee, tag, words), with
 * their organisation; `tagged`: the themes titled like the tag asked for (tags are themes). The
 * caller orders and cuts.
 */
export function speakersMatching(
  speakers: Repository<Speaker>,
  query: ListSpeakersQueryDto,
  tagged?: number[],
): SelectQueryBuilder<Speaker> {
  const qb = speakers
    .createQueryBuilder('speaker')
    .leftJoinAndSelect('speaker.organisationPartner', 'organisation');
  if (query.archived !== 'true') qb.where('speaker.archivedAt IS NULL');
  if (query.themeId !== undefined) {
    qb.andWhere(
      'EXISTS (SELECT 1 FROM speaker_themes st WHERE st.speaker_id = speaker.id AND st.theme_id = :themeId)',
      { themeId: query.themeId },
    );
  }
  if (query.maxFee !== undefined)
    qb.andWhere('speaker.feeCents <= :maxFee', { maxFee: query.maxFee });
  if (tagged !== undefined) {
    if (tagged.length === 0) qb.andWhere('1 = 0');
    else
      qb.andWhere(
        'EXISTS (SELECT 1 FROM speaker_themes tt WHERE tt.speaker_id = speaker.id AND tt.theme_id IN (:...tagged))',
        { tagged },
      );
  }
  if (query.q) {
    const words = normalizeForSearch(query.q).split(' ').filter(Boolean);
    qb.andWhere(
      new Brackets((inner) => {
        words.forEach((word, i) =>
          inner.andWhere(
            `(speaker.nameKey LIKE :w${i} ESCAPE '\\' OR LOWER(COALESCE(organisation.name, speaker.organisationName, '')) LIKE :w${i} ESCAPE '\\')`,
            { [`w${i}`]: likePattern(word) },
          ),
        );
      }),
    );
  }
  return qb;
}
