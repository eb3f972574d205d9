import { Injectable } from '@nestjs/common';
import { nextDay, startOfDayInZone } from '../../../common/calendar-days';
import { RuleViolationError } from '../../../common/domain-errors';
import { AppConfig, type Locale } from '../../../config/app-config';
import { AgendaQueries } from '../../../meetings/agenda/agenda-read.queries';
import { formatMoney } from '../../../common/web/format';
import type { SpeakerCostsQueryDto } from './speaker-costs.dto';

export interface CostLine {
  interventions: number;
  feeCents: number;
  feeFormatted: string;
  travelCents: number;
  travelFormatted: string;
  totalCents: number;
  totalFormatted: string;
  /** Interventions whose travel is unknown (speaker or venue without coordinates): not in travel. */
  unknownTravel: number;
}

export interface SpeakerCostsReport {
  from: string;
  to: string;
  total: CostLine;
  /** Per theme, most expensive first; themeId null gathers speakers on items without a theme. */
  byTheme: (CostLine & { themeId: number | null; title: string | null })[];
}

/**
 * What speakers cost over a period: the fee and travel fixed on each agenda item when the speaker
 * was booked, for meetings starting in the period (not cancelled), by theme. One query.
 */
@Injectable()
export class SpeakerCostsService {
  constructor(
    private readonly agendaItems: AgendaQueries,
    private readonly config: AppConfig,
  ) {}

  async report(query: SpeakerCostsQueryDto): Promise<SpeakerCostsReport> {
    if (query.from > query.to) throw new RuleViolationError('errors.period.fromAfterTo', 'to');
    const rows = await this.agendaItems.speakerCostsByTheme(
      startOfDayInZone(query.from, this.config.timeZone),
      startOfDayInZone(nextDay(query.to), this.config.timeZone),
    );
    const byTheme = rows
      .map((row) => ({
        themeId: row.themeId === null ? null : Number(row.themeId),
        title: row.title,
        ...this.line(
          Number(row.interventions),
          Number(row.feeCents ?? 0),
          Number(row.travelCents ?? 0),
          Number(row.unknownTravel ?? 0),
        ),
      }))
      .sort((a, b) => b.totalCents - a.totalCents || (a.title ?? '').localeCompare(b.title ?? ''));
    const sum = (pick: (line: CostLine) => number) =>
      byTheme.reduce((total, line) => total + pick(line), 0);
    return {
      from: query.from,
      to: query.to,
      total: this.line(
        sum((l) => l.interventions),
        sum((l) => l.feeCents),
        sum((l) => l.travelCents),
        sum((l) => l.unknownTravel),
      ),
      byTheme,
    };
  }

  private line(
    interventions: number,
    feeCents: number,
    travelCents: number,
    unknownTravel: number,
  ): CostLine {
    return costLine(interventions, feeCents, travelCents, unknownTravel, this.config.locale);
  }
}

/** A cost line with its amounts formatted in the locale ("1 234,50 €"): also the activity report's. */
export function costLine(
  interventions: number,
  feeCents: number,
  travelCents: number,
  unknownTravel: number,
  locale: Locale,
): CostLine {
  const money = (cents: number) => formatMoney(cents, locale);
  return {
    interventions,
    feeCents,
    feeFormatted: money(feeCents),
    travelCents,
    travelFormatted: money(travelCents),
    totalCents: feeCents + travelCents,
    totalFormatted: money(feeCents + travelCents),
    unknownTravel,
  };
}
