import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsId, IsOptionalNotNull, NumberFromText } from '../common/dto-rules';
import { PageQueryDto } from '../common/pagination';
import { FOLLOW_UP_FILTERS, type FollowUpFilter } from './follow-ups/follow-up-state';
import { PROJECT_STATUSES, type ProjectStatus } from './project-status';

export class ListProjectsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptionalNotNull()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @NumberFromText()
  @IsId()
  leadPartnerId?: number;

  @ApiPropertyOptional({ description: 'Projects the partner leads or takes part in' })
  @IsOptionalNotNull()
  @NumberFromText()
  @IsId()
  partnerId?: number;

  @ApiPropertyOptional({ description: 'Projects born at this meeting' })
  @IsOptionalNotNull()
  @NumberFromText()
  @IsId()
  originMeetingId?: number;

  @ApiPropertyOptional({ enum: FOLLOW_UP_FILTERS })
  @IsOptionalNotNull()
  @IsIn(FOLLOW_UP_FILTERS)
  followUp?: FollowUpFilter;

  @ApiPropertyOptional({ description: 'Words of the title' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  q?: string;
}
