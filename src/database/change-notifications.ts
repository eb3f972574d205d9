import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';

/** The channel the tables' triggers notify (migration DashboardChangeNotify). */
export const CHANGES_CHANNEL = 'maillage_changes';
const RECONNECT_MS = 1_000;
/** A round trip on the listening connection that takes longer means it is broken. */
const SYNC_TIMEOUT_MS = 2_000;

export type ChangeListener = (table: string) => void;

/**
 * Writes made by other instances sharing the PostgreSQL database, for in-process caches: a
 * dedicated connection LISTENs to `maillage_changes`, which triggers notify at each commit on the
 * tables they watch. `sync()` makes one round trip on that connection: PostgreSQL sends the
 * notifications of every commit acknowledged before it ahead of its answer, so a cache read
 * after `sync()` sees every write acknowledged by any instance before the read began.
 * While the connection is down (an outage), `sync()` answers false and caches must not be
 * trusted; on reconnection listeners are told ('*'), since notifications may have been missed.
 * On SQLite there is one process per file: `sync()` answers true at once.
 */
@Injectable()
export class ChangeNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ChangeNotifications');
  private readonly listeners: ChangeListener[] = [];
  private client?: Client;
  private connected = false;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  /** The sync round trip on the wire, and the one queued behind it (see sync). */
  private current?: Promise<boolean>;
  private next?: Promise<boolean>;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.databaseEngine === 'postgres';
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.enabled) await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  /**
   * Whether in-process caches may be trusted now, other instances' writes being known. A round
   * trip already on the wire may have left before this call began and cannot vouch for commits
   * acknowledged since: calls arriving meanwhile share the next one (under load, one round trip
   * serves every read that came while the previous one was out, instead of one each).
   */
  sync(): Promise<boolean> {
    if (!this.enabled) return Promise.resolve(true);
    if (!this.current) return this.roundTrip();
    this.next ??= this.current.then(() => {
      this.next = undefined;
      return this.roundTrip();
    });
    return this.next;
  }

  private roundTrip(): Promise<boolean> {
    const trip = this.ping().finally(() => {
      if (this.current === trip) this.current = undefined;
    });
    this.current = trip;
    return trip;
  }

  private async ping(): Promise<boolean> {
    const client = this.client;
    if (!this.connected || !client) return false;
    try {
      await client.query('SELECT 1');
      return this.connected;
    } catch {
      this.lost(client);
      return false;
    }
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'maillage-changes',
      connectionTimeoutMillis: 5_000,
      query_timeout: SYNC_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => this.tell(message.payload ?? '*'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (this.client !== client || this.stopped) return void client.end().catch(() => undefined);
      this.connected = true;
      // Whatever was written while nobody listened.
      this.tell('*');
    } catch (error) {
      this.logger.warn(`Cannot listen to ${CHANGES_CHANNEL}: ${String(error)}`);
      this.lost(client);
    }
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.connected = false;
    void client.end().catch(() => undefined);
    this.tell('*');
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.retry.unref();
  }

  private tell(table: string): void {
    for (const listener of this.listeners) listener(table);
  }
}
