import { Global, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DailyBackupService } from './backup/daily-backup.service';
import { ChangeNotifications } from './change-notifications';
import { dataSourceOptions } from './data-source-options';
import { openWithMigrations } from './locked-migrations';
import { PeriodicPasses } from './periodic-passes';
import { RateLimiters } from './rate-limiters';
import { ScheduledPass } from './scheduled-pass.entity';
import { QueryCounter } from './query-counter';
import { QueryCounterModule } from './query-counter.module';
import { Transactions } from './transactions';

@Global()
@Module({
  imports: [
    QueryCounterModule,
    TypeOrmModule.forRootAsync({
      imports: [ConfigModule, QueryCounterModule],
      inject: [AppConfig, QueryCounter],
      useFactory: (config: AppConfig, counter: QueryCounter) => {
        if (config.databaseEngine === 'sqlite') config.ensureDataDir();
        return { ...dataSourceOptions(config, [], counter), autoLoadEntities: true };
      },
      // Migrations run here, under a lock on PostgreSQL, before any provider gets the DataSource.
      dataSourceFactory: (options) => openWithMigrations(options!),
    }),
    TypeOrmModule.forFeature([ScheduledPass]),
  ],
  providers: [Transactions, PeriodicPasses, RateLimiters, DailyBackupService, ChangeNotifications],
  exports: [Transactions, PeriodicPasses, RateLimiters, ChangeNotifications],
})
export class DatabaseModule implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** WAL and foreign keys are set by TypeORM; NORMAL sync is safe with WAL and much faster. */
  async onModuleInit(): Promise<void> {
    if (this.dataSource.options.type === 'sqlite') {
      await this.dataSource.query('PRAGMA synchronous = NORMAL');
    }
  }
}
