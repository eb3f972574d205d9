import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { FOLLOW_UP_FILTERS, type FollowUpFilter } from './follow-up-state';
import { PROJECT_STATUSES, type ProjectStatus } from './project-status';

export class ListProjectsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  leadPartnerId?: number;

  @ApiPropertyOptional({ description: 'Projects the partner leads or takes part in' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  partnerId?: number;

  @ApiPropertyOptional({ description: 'Projects born at this meeting' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  originMeetingId?: number;

  @ApiPropertyOptional({ enum: FOLLOW_UP_FILTERS })
  @IsOptional()
  @IsIn(FOLLOW_UP_FILTERS)
  followUp?: FollowUpFilter;

  @ApiPropertyOptional({ description: 'Words of the title' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
