import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MinutesDraft } from './minutes-draft';
import { MinutesVersion } from './minutes-version';
import { NewsItem } from './news-item';
import { Newsletter } from './newsletter';

/** What the partners read: minutes of the meetings, news items and the newsletter. */
@Module({
  imports: [TypeOrmModule.forFeature([MinutesDraft, MinutesVersion, NewsItem, Newsletter])],
})
export class DocumentsModule {}
