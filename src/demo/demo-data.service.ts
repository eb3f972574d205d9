import { Injectable } from '@nestjs/common';
import type { Actor } from '../audit/audit.service';
import type { User } from '../auth/users/user.entity';
import { UsersService } from '../auth/users/users.service';
import { Clock } from '../common/clock';
import { ConflictError } from '../common/domain-errors';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { MailDispatcher } from '../mail/delivery/mail-dispatcher';
import { MailOutbox } from '../mail/outbox/mail-outbox.service';
import { ContactsService } from '../partners/contacts/contacts.service';
import { PartnersService } from '../partners/partners.service';
import { ListSpeakersQueryDto } from '../themes/speakers/speaker.dto';
import { SpeakersService } from '../themes/speakers/speakers.service';
import { DemoCalendar, Timeline } from './demo-calendar';
import { DemoMeetingStory } from './demo-meeting-story';
import { DemoNetwork } from './demo-network';
import { DemoProjectStory } from './demo-project-story';
import { DEMO_SPEAKERS } from './demo-topics';

export interface DemoLoadResult {
  partners: number;
  contacts: number;
  /** Demo partners already there (same name), left as they are. */
  skipped: number;
  /** Meetings, themes, projects... created now; false when the demo's were already there. */
  activity: boolean;
  meetings: number;
  projects: number;
  /** Messages of the demo recorded as delivered without leaving (see MailOutbox). */
  mails: number;
  milliseconds: number;
}

/** Who the demo says did the staff's part when no account exists yet (nothing is stored for it). */
const STAND_IN_NAME = 'Coordination (démonstration)';

/**
 * Loads the demo network and a few months of its life, through the contexts' own services only,
 * replaying each step at its moment (see Timeline): partners and contacts, themes and speakers,
 * meetings with invitations, answers, attendance, agenda and minutes, projects and follow-ups in
 * every follow-up state, news and a newsletter. Its mail goes to fictional addresses: it is
 * recorded as delivered (transport "demo") and never leaves; the dispatcher is paused meanwhile.
 */
@Injectable()
export class DemoDataService {
  constructor(
    private readonly partners: PartnersService,
    private readonly contacts: ContactsService,
    private readonly users: UsersService,
    private readonly speakers: SpeakersService,
    private readonly meetingStory: DemoMeetingStory,
    private readonly projectStory: DemoProjectStory,
    private readonly outbox: MailOutbox,
    private readonly dispatcher: MailDispatcher,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** True while the directory is empty: the demo can be loaded without --force. */
  async canLoad(): Promise<boolean> {
    return (await this.partners.countAll()) === 0;
  }

  /** DEMO_DATA at start-up: loads the demo on an empty directory, else does nothing (null). */
  async loadIfEmpty(): Promise<DemoLoadResult | null> {
    return (await this.canLoad()) ? this.load() : null;
  }

  /**
   * Refuses a database that already holds partners unless forced; forced, it adds the demo
   * partners and contacts that are missing, and the activity only if the demo's is not there.
   * `author` is the staff member the demo acts as (default: the first administrator).
   */
  async load(options: { force?: boolean; author?: User } = {}): Promise<DemoLoadResult> {
    const started = Date.now();
    const existing = await this.partners.countAll();
    if (existing > 0 && !options.force) {
      throw new ConflictError({ key: 'errors.demo.notEmpty', params: { count: existing } });
    }
    const author = options.author ?? (await this.defaultAuthor());
    const actor: Actor = author.id ? { user: author } : { label: STAND_IN_NAME };
    const calendar = new DemoCalendar(this.clock.now(), this.config.timeZone);
    const timeline = new Timeline(calendar.now);
    const network = new DemoNetwork(this.partners, this.contacts, this.transactions);
    await network.plan(timeline, calendar, actor);
    const activity = !(await this.activityPresent());
    const projectIds: number[] = [];
    let mailGroups: string[] = [];
    let meetings = 0;
    if (activity) {
      const scene = { calendar, timeline, network, author };
      const records = this.meetingStory.plan(scene);
      this.projectStory.plan({ ...scene, records }, projectIds);
      mailGroups = records.mailGroups;
      meetings = records.meetings.size;
    }
    const mails = await this.withDispatcherPaused(async () => {
      await timeline.play();
      return this.outbox.recordDemoDelivery(mailGroups);
    });
    return {
      ...network.counts,
      activity,
      meetings,
      projects: projectIds.length,
      mails,
      milliseconds: Date.now() - started,
    };
  }

  /** The demo's activity is there when its first speaker is, archived or not (it comes early). */
  private async activityPresent(): Promise<boolean> {
    const query = Object.assign(new ListSpeakersQueryDto(), {
      q: DEMO_SPEAKERS[0].name,
      archived: 'true',
      pageSize: 1,
    });
    return (await this.speakers.list(query)).total > 0;
  }

  /**
   * The first active administrator, or, on a database without accounts (`npm run demo` before
   * the set-up), a stand-in that is never stored: records point to no account (every such
   * column is nullable) and the audit trail names it.
   */
  private async defaultAuthor(): Promise<User> {
    const admins = (await this.users.list())
      .filter((user) => user.active && user.role === 'admin')
      .sort((a, b) => a.id - b.id);
    if (admins[0]) return admins[0];
    return {
      id: null as unknown as number,
      displayName: STAND_IN_NAME,
      role: 'coordinator',
      active: false,
    } as User;
  }

  /** Nothing leaves while the demo writes: its messages are recorded before a dispatcher runs. */
  private async withDispatcherPaused<T>(work: () => Promise<T>): Promise<T> {
    await this.dispatcher.stop();
    try {
      return await work();
    } finally {
      if (this.config.mailDispatcher) this.dispatcher.start();
    }
  }
}
