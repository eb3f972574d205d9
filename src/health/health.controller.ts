import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/database-unavailable';
import { Draining } from './draining';

/**
 * For load balancers and monitoring (docs/deployment.md, "Health, readiness and draining"):
 * - `/health/live`: the process runs and serves HTTP (liveness: restart it when this fails);
 * - `/health/ready`: send it requests, i.e. the database answers, no migration is pending and the
 *   instance is not draining (readiness: take it out of the pool when this fails);
 * - `/health`: the database answers and no migration is pending (the first check, kept as is).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drain: Draining,
  ) {}

  @Public()
  @Get()
  async check(@Res() response: Response): Promise<void> {
    const { database, migrations } = await this.database();
    const ok = database === 'up' && migrations === 'current';
    response.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'error',
      database,
      engine: this.dataSource.options.type,
      migrations,
    });
  }

  @Public()
  @Get('live')
  live(@Res() response: Response): void {
    response.status(200).json({ status: 'ok' });
  }

  @Public()
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const draining = this.drain.draining;
    const { database, migrations } = draining
      ? { database: 'unknown', migrations: 'unknown' }
      : await this.database();
    const ok = !draining && database === 'up' && migrations === 'current';
    if (!ok) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    response.status(ok ? 200 : 503).json({
      status: ok ? 'ready' : draining ? 'draining' : 'unavailable',
      database,
      engine: this.dataSource.options.type,
      migrations,
    });
  }

  private async database(): Promise<{ database: string; migrations: string }> {
    try {
      await this.dataSource.query('SELECT 1');
      const pending = await this.dataSource.showMigrations();
      return { database: 'up', migrations: pending ? 'pending' : 'current' };
    } catch {
      return { database: 'down', migrations: 'unknown' };
    }
  }
}
