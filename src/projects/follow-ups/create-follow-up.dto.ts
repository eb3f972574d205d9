import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsId, IsOptionalNotNull, IsCalendarDay } from '../../common/dto-rules';
import { PROJECT_STATUSES, type ProjectStatus } from '../project-status';

export class CreateFollowUpDto {
  @ApiPropertyOptional({ example: '2026-03-02', description: 'Day it happened (default: today)' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  @Length(10, 10)
  date?: string;

  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @Length(1, 10_000)
  text: string;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES, description: 'Optional status change' })
  @IsOptionalNotNull()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ description: 'Reason of the status change (default: the text)' })
  @IsOptionalNotNull()
  @IsString()
  @Length(3, 2000)
  statusReason?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  nextStep?: string;

  @ApiPropertyOptional({ example: '2026-04-15', description: 'Due date of the next step' })
  @ValidateIf((o: CreateFollowUpDto) => o.nextStepDue !== undefined)
  @IsCalendarDay()
  @Length(10, 10)
  nextStepDue?: string;
}

export class CreateFollowUpLinkDto {
  @ApiProperty({ description: "A contact of the project's lead partner" })
  @IsId()
  contactId: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 366, description: 'Default: FOLLOW_UP_LINK_DAYS' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(366)
  validDays?: number;
}
