import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsDateString, IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { IsOptionalNotNull } from '../common/dto-rules';
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
  @ValidateIf((o: UpdateProjectDto) => o.status !== undefined)
  @IsString()
  @Length(3, 2000)
  statusReason?: string;
}

export class SnoozeProjectDto {
  @ApiProperty({ example: '2026-06-01', description: 'Hidden from due lists until this date' })
  @IsDateString({ strict: true })
  @Length(10, 10)
  until: string;

  @ApiProperty()
  @IsString()
  @Length(3, 500)
  reason: string;
}
