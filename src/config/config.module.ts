import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '../common/clock';
import { QueryCounter } from '../database/query-counter';
import { AppConfig } from './app-config';

/** App-wide singletons: configuration, the clock and the SQL counter. Tests override them. */
@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => new AppConfig() },
    { provide: Clock, useClass: SystemClock },
    {
      provide: QueryCounter,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new QueryCounter(config.logSql),
    },
  ],
  exports: [AppConfig, Clock, QueryCounter],
})
export class ConfigModule {}
