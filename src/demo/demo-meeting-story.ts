import { Injectable } from '@nestjs/common';
import type { User } from '../auth/users/user.entity';
import { MinutesService } from '../documents/minutes/minutes.service';
import { AgendaService } from '../meetings/agenda/agenda.service';
import { AttendanceService } from '../meetings/attendance/attendance.service';
import { InvitationsService } from '../meetings/invitations/invitations.service';
import type { AttendanceStatus } from '../meetings/meeting-kinds';
import { MeetingsService } from '../meetings/meetings.service';
import { SpeakersService } from '../themes/speakers/speakers.service';
import { ThemeScheduleService } from '../themes/schedule/theme-schedule.service';
import { ThemesService } from '../themes/catalogue/themes.service';
import { DemoCalendar, Timeline } from './demo-calendar';
import { DEMO_MEETINGS, type DemoMeeting, VENUES } from './demo-meetings';
import type { DemoNetwork } from './demo-network';
import { DEMO_SPEAKERS, DEMO_THEMES } from './demo-topics';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the meetings part of the story created, for the projects part and the mail record. */
export interface DemoMeetingRecord {
  id: number;
  endsAt: Date;
  /** Agenda item ids by title. */
  agenda: Map<string, number>;
}

export interface DemoRecords {
  meetings: Map<string, DemoMeetingRecord>;
  themes: Map<string, number>;
  speakers: Map<string, number>;
  mailGroups: string[];
}

/** What every part of the story works with. */
export interface DemoScene {
  calendar: DemoCalendar;
  timeline: Timeline;
  network: DemoNetwork;
  author: User;
  records: DemoRecords;
}

/**
 * Themes, speakers and meetings of the demo: each meeting is created three weeks before it (or
 * yesterday), partners are invited and answer, the agenda plans themes and speakers; once a
 * meeting is over, attendance is recorded, themes presented, the minutes published.
 */
@Injectable()
export class DemoMeetingStory {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly invitations: InvitationsService,
    private readonly attendance: AttendanceService,
    private readonly agenda: AgendaService,
    private readonly themes: ThemesService,
    private readonly schedule: ThemeScheduleService,
    private readonly speakers: SpeakersService,
    private readonly minutes: MinutesService,
  ) {}

  plan(scene: Omit<DemoScene, 'records'>): DemoRecords {
    const records: DemoRecords = {
      meetings: new Map(),
      themes: new Map(),
      speakers: new Map(),
      mailGroups: [],
    };
    const full = { ...scene, records };
    this.planTopics(full);
    for (const meeting of DEMO_MEETINGS) this.planMeeting(full, meeting);
    return records;
  }

  private planTopics({ calendar, timeline, network, author, records }: DemoScene): void {
    timeline.add(calendar.at(-125, '14:00'), async () => {
      for (const theme of DEMO_THEMES) {
        const created = await this.themes.create(
          {
            title: theme.title,
            description: theme.description,
            tags: theme.tags,
            proposedByPartnerId: theme.proposedBy ? network.partner(theme.proposedBy).id : null,
          },
          author,
        );
        records.themes.set(theme.key, created.id);
      }
    });
    timeline.add(calendar.at(-120, '15:00'), async () => {
      for (const { key, partner, themes, ...fields } of DEMO_SPEAKERS) {
        const created = await this.speakers.create(
          {
            ...fields,
            organisationPartnerId: partner ? network.partner(partner).id : null,
            themeIds: themes.map((theme) => records.themes.get(theme)!),
          },
          author,
        );
        records.speakers.set(key, created.id);
      }
    });
    timeline.add(calendar.at(-100, '10:00'), async () => {
      for (const theme of DEMO_THEMES) {
        for (const ref of theme.interest ?? []) {
          const partnerId = network.partner(ref).id;
          await this.themes.addInterest(records.themes.get(theme.key)!, { partnerId }, author);
        }
      }
    });
    timeline.add(calendar.at(-60, '16:00'), async () => {
      for (const theme of DEMO_THEMES.filter((t) => t.archived)) {
        await this.themes.archive(records.themes.get(theme.key)!, author);
      }
    });
  }

  private planMeeting(scene: DemoScene, plan: DemoMeeting): void {
    const { calendar, timeline, network, author, records } = scene;
    const day = calendar.meetingDay(plan.day, plan.weekday);
    const startsAt = calendar.at(day, plan.start);
    const endsAt = calendar.at(day, plan.end);
    const created = new Date(
      Math.min(startsAt.getTime() - 21 * DAY, calendar.daysAgo(1).getTime()),
    );
    const invitations = new Map<string, number>();
    const record: DemoMeetingRecord = { id: 0, endsAt, agenda: new Map() };
    records.meetings.set(plan.key, record);

    timeline.add(created, async () => {
      const meeting = await this.meetings.create(
        {
          title: plan.title(calendar.monthOf(day)),
          kind: plan.kind,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          ...VENUES[plan.venue],
        },
        author,
      );
      record.id = meeting.id;
      const partnerIds = plan.invited.map((ref) => network.partner(ref).id);
      const { links } = await this.invitations.invite(meeting.id, { partnerIds }, author);
      for (const ref of plan.invited) {
        const link = links.find((l) => l.partnerId === network.partner(ref).id)!;
        invitations.set(ref, link.invitationId);
      }
      records.mailGroups.push(`invitation:${meeting.id}`);
    });

    timeline.add(new Date(created.getTime() + HOUR), async () => {
      for (const item of plan.agenda) {
        const presenter = item.presenter ? (network.contact(item.presenter)?.id ?? null) : null;
        const saved = await this.agenda.create(
          record.id,
          {
            title: item.title,
            kind: item.kind,
            plannedMinutes: item.minutes,
            presenterContactId: presenter,
          },
          author,
        );
        record.agenda.set(item.title, saved.id);
        if (item.theme) {
          const speakerId = item.speaker ? records.speakers.get(item.speaker)! : null;
          await this.schedule.schedule(
            records.themes.get(item.theme)!,
            { agendaItemId: saved.id, speakerId },
            author,
          );
        }
      }
    });

    this.planAnswers(scene, plan, created, startsAt, invitations);
    if (endsAt.getTime() < calendar.now.getTime())
      this.planAftermath(scene, plan, record, invitations);
  }

  /** Invited partners answer one after the other between the invitation and the meeting. */
  private planAnswers(
    { calendar, timeline, network }: DemoScene,
    plan: DemoMeeting,
    created: Date,
    startsAt: Date,
    invitations: Map<string, number>,
  ): void {
    const answering = plan.invited.filter((ref) => !plan.silent?.includes(ref));
    const from = created.getTime() + 2 * HOUR;
    const until = Math.min(startsAt.getTime() - HOUR, calendar.minutesAgo(120).getTime());
    answering.forEach((ref, index) => {
      const at = new Date(from + ((until - from) * (index + 1)) / (answering.length + 1));
      timeline.add(at, async () => {
        const partnerId = network.partner(ref).id;
        const answer = plan.excused?.includes(ref)
          ? { answer: 'excused' as const, note: 'Retenu(e) par une autre réunion.' }
          : plan.notComing?.includes(ref)
            ? { answer: 'not-coming' as const }
            : { answer: 'coming' as const, contactIds: network.contactIds(ref) };
        await this.invitations.answerAsPartner(invitations.get(ref)!, partnerId, answer);
      });
    });
  }

  private planAftermath(
    { timeline, network, author, records }: DemoScene,
    plan: DemoMeeting,
    record: DemoMeetingRecord,
    invitations: Map<string, number>,
  ): void {
    const end = record.endsAt.getTime();
    timeline.add(new Date(end), async () => {
      const entries = [...invitations.keys()].map((ref) => {
        const status = attendanceOf(plan, ref);
        const partnerId = network.partner(ref).id;
        return status === 'present'
          ? { partnerId, status, contactIds: network.contactIds(ref) }
          : { partnerId, status };
      });
      await this.attendance.recordAttendance(record.id, { entries }, author);
      for (const item of plan.agenda.filter((i) => i.theme)) {
        const agendaItemId = record.agenda.get(item.title)!;
        await this.schedule.presented(records.themes.get(item.theme!)!, { agendaItemId }, author);
      }
    });
    timeline.add(new Date(end + DAY), async () => {
      for (const item of plan.agenda.filter((i) => i.summary || i.decisions)) {
        await this.agenda.update(
          record.agenda.get(item.title)!,
          { summary: item.summary ?? null, decisions: item.decisions ?? null },
          author,
        );
      }
    });
    if (!plan.minutes) return;
    const minutes = plan.minutes;
    timeline.add(new Date(end + 3 * DAY), async () => {
      await this.minutes.updateDraft(record.id, minutes, author);
      const version = await this.minutes.publish(record.id, author);
      records.mailGroups.push(`minutes:${record.id}:v${version.version}`);
      await this.meetings.update(record.id, { status: 'closed' }, author);
    });
  }
}

/** Present if they said they would come (unless absent) or walked in; excused; else absent. */
function attendanceOf(plan: DemoMeeting, ref: string): AttendanceStatus {
  if (plan.excused?.includes(ref)) return 'excused';
  if (plan.walkIn?.includes(ref)) return 'present';
  if (plan.absent?.includes(ref) || plan.notComing?.includes(ref) || plan.silent?.includes(ref))
    return 'absent';
  return 'present';
}
