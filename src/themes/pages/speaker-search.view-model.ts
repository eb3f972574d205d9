import { plainToInstance } from 'class-transformer';
import type { Locale } from '../../config/app-config';
import type { MeetingDetail } from '../../meetings/meetings.service';
import { type Form, formNumber, pick, formText } from '../../common/web/forms';
import { ListSpeakersQueryDto } from '../speakers/speaker.dto';
import type { SpeakerForMeeting } from '../speakers/speaker.mapper';

/** Translates a key of the catalogue (ThemesPagesText.t). */
type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The search filters a booking form carries, to come back to the same results. They go back
 * into the redirect's address: a value no filter could hold (longer than 40) is dropped.
 */
export function searchParams(body: Form): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['themeId', 'maxFee', 'maxDistanceKm', 'sort']) {
    const value = formText(body, key);
    if (value && value.length <= 40) out[key] = value;
  }
  return out;
}

/** The speakers query of the search's filters, for this meeting (maxFee already in cents). */
export function speakerSearchQuery(
  raw: Record<string, unknown>,
  meetingId: number,
  maxFee: number | null,
): ListSpeakersQueryDto {
  const filters = pick(raw, ['themeId', 'maxDistanceKm', 'sort', 'page']);
  const query = plainToInstance(ListSpeakersQueryDto, {
    ...filters,
    maxDistanceKm:
      typeof filters.maxDistanceKm === 'string'
        ? formNumber(filters.maxDistanceKm.trim(), true)
        : undefined,
    ...(maxFee === null ? {} : { maxFee }),
    meetingId,
  });
  if (query.maxDistanceKm === null) delete query.maxDistanceKm;
  return query;
}

/** A distance as the page writes it ("12,5 km"), or that it is unknown. */
function distanceLabel(t: Translate, locale: Locale, distance: number | null): string {
  if (distance === null) return t('themesPages.search.unknownDistance');
  const km = new Intl.NumberFormat(locale === 'fr' ? 'fr-BE' : 'en-GB', {
    maximumFractionDigits: 1,
  }).format(distance);
  return t('themesPages.search.km', { km });
}

/** The meeting's speaker search page (pages/themes/meeting-speakers). */
export function meetingSpeakersPage(input: {
  t: Translate;
  locale: Locale;
  detail: Pick<MeetingDetail, 'meeting' | 'agenda'>;
  raw: Record<string, unknown>;
  errors: string[];
  invalid: Record<string, boolean>;
  themes: { id: number; title: string; selected: boolean }[];
  maxFeeText: string;
  items: SpeakerForMeeting[];
  total: number;
}) {
  const { t, raw, items, themes } = input;
  const { meeting, agenda } = input.detail;
  const chosenTheme = themes.find((theme) => theme.selected) ?? null;
  const booked = typeof raw.booked === 'string' ? Number(raw.booked) : null;
  const sort = typeof raw.sort === 'string' ? raw.sort : 'cost';
  return {
    title: t('themesPages.search.title', { meeting: meeting.title }),
    meeting: {
      ...meeting,
      located: meeting.latitude !== null && meeting.longitude !== null,
    },
    errors: input.errors,
    invalid: input.invalid,
    themes,
    chosenTheme,
    maxFee: input.maxFeeText,
    maxDistanceKm: typeof raw.maxDistanceKm === 'string' ? raw.maxDistanceKm : '',
    sorts: ['cost', 'distance', 'name'].map((value) => ({
      value,
      label: t(`themesPages.search.sort.${value}`),
      selected: value === sort,
    })),
    agenda: agenda.map((item) => ({ id: item.id, title: item.title })),
    canBook: meeting.status !== 'cancelled',
    total: input.total,
    items: items.map((speaker) => ({
      ...speaker,
      distanceLabel: distanceLabel(t, input.locale, speaker.distanceKm),
      distanceUnknown: speaker.distanceKm === null,
      justBooked: booked === speaker.id,
      bookedOn: agenda.find((item) => item.speakerId === speaker.id)?.title ?? null,
    })),
    unbooked: typeof raw.unbooked === 'string',
    bookedName: items.find((speaker) => speaker.id === booked)?.name ?? null,
    booked: booked !== null && Number.isInteger(booked),
    hidden: { themeId: chosenTheme?.id ?? '', sort },
  };
}
