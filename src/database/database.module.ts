import { Global, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DailyBackupService } from './backup/daily-backup.service';
import { ChangeNotifications } from './change-notifications';
import { dataSourceOptions } from './data-source-options';
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
    }),
  ],
  providers: [Transactions, DailyBackupService, ChangeNotifications],
  exports: [Transactions, ChangeNotifications],
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
