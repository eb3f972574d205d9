import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsId, IsOptionalNotNull, IsCalendarDay } from '../common/dto-rules';
import { INITIAL_STATUSES, type ProjectStatus } from './project-status';

export const MIN_CADENCE_DAYS = 7;
export const MAX_CADENCE_DAYS = 365;

export class ParticipantDto {
  @ApiProperty()
  @IsId()
  partnerId: number;

  @ApiProperty({ example: 'co-financeur', maxLength: 160 })
  @IsString()
  @Length(1, 160)
  role: string;
}

export class CreateProjectDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(10_000)
  expectedOutcomes?: string;

  @ApiPropertyOptional({
    description:
      'The lead partner (porteur). Required unless leadIsAgency is true: the agency leads a project only when chosen explicitly.',
  })
  @ValidateIf((o: CreateProjectDto) => o.leadIsAgency !== true || o.leadPartnerId !== undefined)
  @IsId()
  leadPartnerId?: number;

  @ApiPropertyOptional({
    description: 'true: the agency itself (the partner of kind "agency") leads the project.',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  leadIsAgency?: boolean;

  @ApiPropertyOptional({ description: 'The meeting the project was born at' })
  @IsOptionalNotNull()
  @IsId()
  originMeetingId?: number;

  @ApiPropertyOptional({ description: 'The agenda item (of the origin meeting) it came from' })
  @IsOptionalNotNull()
  @IsId()
  originAgendaItemId?: number;

  @ApiPropertyOptional({ description: 'The theme (presentation) the project came from' })
  @IsOptionalNotNull()
  @IsId()
  originThemeId?: number;

  @ApiPropertyOptional({ type: [ParticipantDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants?: ParticipantDto[];

  @ApiPropertyOptional({ enum: INITIAL_STATUSES, default: 'idea' })
  @IsOptionalNotNull()
  @IsIn(INITIAL_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ example: '2026-04-01' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  @Length(10, 10)
  startDate?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  @Length(10, 10)
  endDate?: string;

  @ApiPropertyOptional({ minimum: MIN_CADENCE_DAYS, maximum: MAX_CADENCE_DAYS, default: 60 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(MIN_CADENCE_DAYS)
  @Max(MAX_CADENCE_DAYS)
  cadenceDays?: number;
}
