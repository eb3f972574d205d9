import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { QueryCounter } from './query-counter';

/** The app-wide SQL counter (TypeORM's logger), shared by the data source, tests and the benchmark. */
@Global()
@Module({
  imports: [ConfigModule],
  providers: [
    {
      provide: QueryCounter,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new QueryCounter(config.logSql),
    },
  ],
  exports: [QueryCounter],
})
export class QueryCounterModule {}
