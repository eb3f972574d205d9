import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';

/** For load balancers and monitoring: the database answers and no migration is pending. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  async check(@Res() response: Response): Promise<void> {
    let database = 'down';
    let migrations = 'unknown';
    try {
      await this.dataSource.query('SELECT 1');
      database = 'up';
      migrations = (await this.dataSource.showMigrations()) ? 'pending' : 'current';
    } catch {
      // reported below as "down"
    }
    const ok = database === 'up' && migrations === 'current';
    response.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'error',
      database,
      engine: this.dataSource.options.type,
      migrations,
    });
  }
}
