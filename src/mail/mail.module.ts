import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailDispatcher } from './mail-dispatcher';
import { MailOutbox } from './mail-outbox.service';
import { MailTransport } from './mail-transport';
import { OutboxMessage } from './outbox-message';
import { OutboxController } from './outbox.controller';
import { UnsubscribeToken } from './unsubscribe-token';

/** Global: every feature that sends mail enqueues it through MailOutbox. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage, UnsubscribeToken])],
  controllers: [OutboxController],
  providers: [MailOutbox, MailTransport, MailDispatcher],
  exports: [MailOutbox, MailTransport, MailDispatcher],
})
export class MailModule {}
