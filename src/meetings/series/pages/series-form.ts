import { formNumber, formText, formValues, type Form } from '../../../common/web/forms';
import { RuleViolationError } from '../../../common/domain-errors';
import type { ViewService } from '../../../common/web/view.service';
import { weekdayIndex } from '../../../common/calendar-days';
import type { MeetingForm } from '../../pages/meeting-form.view-model';
import { NTH_VALUES, WEEKDAYS } from '../series-rule';

/** The "Répéter" part of the new meeting form, as typed. */
export interface RepeatForm {
  repeat: string;
  weekdays: string[];
  nth: string;
  monthWeekday: string;
  end: string;
  until: string;
  count: string;
  skippedDays: string;
}

export function blankRepeat(): RepeatForm {
  return {
    repeat: 'none',
    weekdays: [],
    nth: '',
    monthWeekday: '',
    end: 'count',
    until: '',
    count: '',
    skippedDays: '',
  };
}

export function postedRepeat(body: Form): RepeatForm {
  return {
    repeat: formText(body, 'repeat') || 'none',
    weekdays: formValues(body, 'weekdays'),
    nth: formText(body, 'nth'),
    monthWeekday: formText(body, 'monthWeekday'),
    end: formText(body, 'end') === 'until' ? 'until' : 'count',
    until: formText(body, 'until'),
    count: formText(body, 'count'),
    skippedDays: formText(body, 'skippedDays'),
  };
}

/** "12/01/2027" or "2027-01-12", separated by commas, semicolons or spaces → 'YYYY-MM-DD'. */
function typedDays(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((value) => {
      const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
      return french
        ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}`
        : value;
    });
}

/**
 * The form → the API's series fields. Left blank, the days come from the start date: its weekday
 * (weekly), its rank in the month (monthly: the 5th Tuesday becomes the last one).
 */
export function seriesFields(form: MeetingForm, repeat: RepeatForm): Form {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(form.startDate) ? form.startDate : null;
  const startWeekday = day ? WEEKDAYS[weekdayIndex(day)] : null;
  const rank = day ? Math.ceil(Number(day.slice(8)) / 7) : null;
  const weekdays = repeat.weekdays.length ? repeat.weekdays : startWeekday ? [startWeekday] : [];
  return {
    title: form.title,
    kind: form.kind,
    description: form.description || null,
    venueName: form.venueName || null,
    venueAddress: form.venueAddress || null,
    latitude: formNumber(form.latitude, true),
    longitude: formNumber(form.longitude, true),
    onlineUrl: form.onlineUrl || null,
    frequency: repeat.repeat,
    weekdays: repeat.repeat === 'monthly' ? [repeat.monthWeekday || startWeekday] : weekdays,
    nth:
      repeat.repeat === 'monthly'
        ? repeat.nth
          ? Number(repeat.nth)
          : rank === null
            ? null
            : rank > 4
              ? -1
              : rank
        : null,
    firstDay: form.startDate,
    startTime: form.startTime,
    endTime: form.endTime,
    until: repeat.end === 'until' ? repeat.until : null,
    count:
      repeat.end === 'count'
        ? /^\d+$/.test(repeat.count)
          ? Number(repeat.count)
          : repeat.count
        : null,
    skippedDays: typedDays(repeat.skippedDays),
  };
}

/**
 * What the series' own rules cannot see: every occurrence starts and ends on its first day's
 * date, so an end date typed in the form (another day, or no day at all) is refused, not dropped.
 */
export function seriesFormRefusal(form: MeetingForm): RuleViolationError | undefined {
  return form.endDate && form.endDate !== form.startDate
    ? new RuleViolationError('errors.series.sameDay', 'endsAt')
    : undefined;
}

/** The series' fields at fault → the form's fields. */
export function repeatField(field: string): string {
  const fields: Record<string, string> = {
    firstDay: 'startDate',
    startTime: 'startDate',
    frequency: 'repeat',
    monthWeekday: 'nth',
  };
  return fields[field] ?? field;
}

/** The "Répéter" fieldset's choices. */
export function repeatView(views: ViewService, repeat: RepeatForm) {
  const dayName = (code: string) =>
    views.text(`meetingsPages.calendar.weekday.${WEEKDAYS.indexOf(code as never)}`);
  return {
    ...repeat,
    options: ['none', 'weekly', 'monthly'].map((value) => ({
      value,
      label: views.text(`meetingSeries.form.repeat.${value}`),
      selected: value === repeat.repeat,
    })),
    weekdayBoxes: WEEKDAYS.map((code) => ({
      value: code,
      label: dayName(code),
      checked: repeat.weekdays.includes(code),
    })),
    nthOptions: NTH_VALUES.map((n) => ({
      value: String(n),
      label: views.text(`meetingSeries.nth.${n}`),
      selected: String(n) === repeat.nth,
    })),
    monthWeekdays: WEEKDAYS.map((code) => ({
      value: code,
      label: dayName(code),
      selected: code === repeat.monthWeekday,
    })),
    endByUntil: repeat.end === 'until',
  };
}
