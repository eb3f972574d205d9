import { Global, Module } from '@nestjs/common';
import { HomePagesController } from './home.pages.controller';
import { ViewService } from './view.service';

@Global()
@Module({
  controllers: [HomePagesController],
  providers: [ViewService],
  exports: [ViewService],
})
export class WebModule {}
