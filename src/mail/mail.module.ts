import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailOutbox } from './mail-outbox.service';
import { OutboxMessage } from './outbox-message';
import { UnsubscribeToken } from './unsubscribe-token';

/** Global: every feature that sends mail enqueues it through MailOutbox. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, UnsubscribeToken])],
  providers: [MailOutbox],
  exports: [MailOutbox],
})
export class MailModule {}
