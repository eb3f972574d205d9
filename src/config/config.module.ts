import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';

/** The app-wide configuration, read once from the environment. Tests override it. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => new AppConfig() }],
  exports: [AppConfig],
})
export class ConfigModule {}
