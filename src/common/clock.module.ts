import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** The app-wide clock (the system's time). Tests override it with a FixedClock. */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
