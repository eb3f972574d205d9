import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { IsOptionalNotNull } from '../common/dto-rules';
import { PageQueryDto } from '../common/pagination';
import { IsInstant } from '../common/dto-rules';
import { QueryBoolean } from './dto-decorators';
import { MEETING_STATUSES, type MeetingStatus } from './meeting-kinds';

export class ListMeetingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @IsOptionalNotNull()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;

  @ApiPropertyOptional({ description: 'Meetings starting at or after this instant' })
  @IsOptionalNotNull()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Meetings starting before this instant' })
  @IsOptionalNotNull()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({
    description: 'true: not cancelled, ending after now, soonest first; false: already ended',
  })
  @IsOptionalNotNull()
  @QueryBoolean()
  @IsBoolean()
  upcoming?: boolean;

  @ApiPropertyOptional({
    description:
      'true: meetings that have ended and are neither closed nor cancelled (still to close), ' +
      'oldest first; takes precedence over upcoming',
  })
  @IsOptionalNotNull()
  @QueryBoolean()
  @IsBoolean()
  toClose?: boolean;
}
