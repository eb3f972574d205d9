import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { IsInstant, QueryBoolean } from './dto-decorators';
import { MEETING_STATUSES, type MeetingStatus } from './meeting-kinds';

export class ListMeetingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiPropertyOptional({ description: 'Meetings starting at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Meetings starting before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({
    description: 'true: not cancelled, ending after now, soonest first; false: already ended',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  upcoming?: boolean;
}
