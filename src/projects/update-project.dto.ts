import { ApiProperty, ApiPropertyOptional, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { IsOptionalNotNull, IsOptionalNullable, IsCalendarDay } from '../common/dto-rules';
import { CreateProjectDto } from './create-project.dto';
import { PROJECT_STATUSES, type ProjectStatus } from './project-status';

export class UpdateProjectDto extends PartialType(OmitType(CreateProjectDto, ['status'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({
    enum: PROJECT_STATUSES,
    description: 'A status change needs statusReason',
  })
  @IsOptionalNotNull()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ description: 'Why the status changes (required with status)' })
  @ValidateIf((o: UpdateProjectDto) => o.status !== undefined || o.statusReason !== undefined)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 2000)
  statusReason?: string;

  @ApiPropertyOptional({
    example: '2026-05-04',
    description:
      'The day the next follow-up is expected (launched or active projects; today or later): ' +
      'the current cadence period is moved so that it ends that day',
  })
  @IsOptionalNotNull()
  @IsCalendarDay()
  @Length(10, 10)
  nextFollowUpOn?: string;
}

export class SnoozeProjectDto {
  @ApiProperty({ example: '2026-06-01', description: 'Hidden from due lists until this date' })
  @IsCalendarDay()
  @Length(10, 10)
  until: string;

  @ApiProperty()
  @IsString()
  @Length(3, 500)
  reason: string;
}

/** The schedule form of the project page: its dates (empty clears them), cadence, next follow-up. */
export class ProjectScheduleDto extends PickType(UpdateProjectDto, [
  'cadenceDays',
  'nextFollowUpOn',
] as const) {
  @ApiPropertyOptional({
    type: String,
    example: '2026-04-01',
    nullable: true,
    description: 'null clears it',
  })
  @IsOptionalNullable()
  @IsCalendarDay()
  @Length(10, 10)
  startDate?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '2026-12-31',
    nullable: true,
    description: 'null clears it',
  })
  @IsOptionalNullable()
  @IsCalendarDay()
  @Length(10, 10)
  endDate?: string | null;
}
