import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptionalNotNull } from '../../common/dto-rules';
import { UpdateMeetingDto } from '../update-meeting.dto';
import { IsLocalTime } from './create-series.dto';

/**
 * A change of the whole series: applied to its occurrences not yet started, not cancelled and not
 * changed on their own; past ones stay as they were. The rule's days themselves do not change.
 */
export class UpdateSeriesDto extends OmitType(UpdateMeetingDto, [
  'startsAt',
  'endsAt',
  'status',
] as const) {
  @ApiPropertyOptional({ example: '14:00', description: 'New local start time' })
  @IsOptionalNotNull()
  @IsLocalTime()
  startTime?: string;

  @ApiPropertyOptional({ example: '16:00', description: 'New local end time' })
  @IsOptionalNotNull()
  @IsLocalTime()
  endTime?: string;
}
