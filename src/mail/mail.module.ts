import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnersModule } from '../partners/partners.module';
import { MailAttachmentFile } from './outbox/mail-attachment-file.entity';
import { MailBody } from './outbox/mail-body.entity';
import { MailDispatcher } from './delivery/mail-dispatcher';
import { MailOutbox } from './outbox/mail-outbox.service';
import { MailPersonalData } from './outbox/mail-personal-data';
import { MailTemplates } from './delivery/mail-templates';
import { NewsletterAudience } from './newsletter/newsletter-audience';
import { MailTransport } from './delivery/mail-transport';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { OutboxController } from './outbox/outbox.controller';
import { OutboxPagesController } from './outbox/pages/outbox.pages.controller';
import { UnsubscribePagesController } from './newsletter/pages/unsubscribe.pages.controller';
import { UnsubscribeService } from './newsletter/unsubscribe.service';
import { UnsubscribeToken } from './newsletter/unsubscribe-token.entity';

/** Global: every feature that sends mail enqueues it through MailOutbox. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([OutboxMessage, MailBody, MailAttachmentFile, UnsubscribeToken]),
    PartnersModule,
  ],
  controllers: [OutboxController, OutboxPagesController, UnsubscribePagesController],
  providers: [
    MailOutbox,
    MailTransport,
    MailDispatcher,
    MailTemplates,
    NewsletterAudience,
    UnsubscribeService,
    MailPersonalData,
  ],
  exports: [MailPersonalData, MailOutbox, MailDispatcher, MailTemplates, NewsletterAudience],
})
export class MailModule {}
