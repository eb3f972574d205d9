import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnersModule } from '../partners/partners.module';
import { MailBody } from './mail-body';
import { MailDispatcher } from './mail-dispatcher';
import { MailOutbox } from './mail-outbox.service';
import { MailTemplates } from './mail-templates';
import { NewsletterAudience } from './newsletter-audience';
import { MailTransport } from './mail-transport';
import { OutboxMessage } from './outbox-message';
import { OutboxController } from './outbox.controller';
import { OutboxPagesController } from './outbox.pages.controller';
import { UnsubscribePagesController } from './unsubscribe.pages.controller';
import { UnsubscribeService } from './unsubscribe.service';
import { UnsubscribeToken } from './unsubscribe-token';

/** Global: every feature that sends mail enqueues it through MailOutbox. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, MailBody, UnsubscribeToken]), PartnersModule],
  controllers: [OutboxController, OutboxPagesController, UnsubscribePagesController],
  providers: [
    MailOutbox,
    MailTransport,
    MailDispatcher,
    MailTemplates,
    NewsletterAudience,
    UnsubscribeService,
  ],
  exports: [MailOutbox, MailDispatcher, MailTemplates, NewsletterAudience],
})
export class MailModule {}
