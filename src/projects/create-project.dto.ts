import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { INITIAL_STATUSES, type ProjectStatus } from './project-status';

export const MIN_CADENCE_DAYS = 7;
export const MAX_CADENCE_DAYS = 365;

export class ParticipantDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
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
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  expectedOutcomes?: string;

  @ApiPropertyOptional({
    description:
      'The lead partner (porteur). Required unless leadIsAgency is true: the agency leads a project only when chosen explicitly.',
  })
  @ValidateIf((o: CreateProjectDto) => o.leadIsAgency !== true || o.leadPartnerId !== undefined)
  @IsInt()
  @Min(1)
  leadPartnerId?: number;

  @ApiPropertyOptional({
    description: 'true: the agency itself (the partner of kind "agency") leads the project.',
  })
  @IsOptional()
  @IsBoolean()
  leadIsAgency?: boolean;

  @ApiPropertyOptional({ description: 'The meeting the project was born at' })
  @IsOptional()
  @IsInt()
  @Min(1)
  originMeetingId?: number;

  @ApiPropertyOptional({ description: 'The agenda item (of the origin meeting) it came from' })
  @IsOptional()
  @IsInt()
  @Min(1)
  originAgendaItemId?: number;

  @ApiPropertyOptional({ description: 'The theme (presentation) the project came from' })
  @IsOptional()
  @IsInt()
  @Min(1)
  originThemeId?: number;

  @ApiPropertyOptional({ type: [ParticipantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants?: ParticipantDto[];

  @ApiPropertyOptional({ enum: INITIAL_STATUSES, default: 'idea' })
  @IsOptional()
  @IsIn(INITIAL_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ example: '2026-04-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Length(10, 10)
  startDate?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Length(10, 10)
  endDate?: string;

  @ApiPropertyOptional({ minimum: MIN_CADENCE_DAYS, maximum: MAX_CADENCE_DAYS, default: 60 })
  @IsOptional()
  @IsInt()
  @Min(MIN_CADENCE_DAYS)
  @Max(MAX_CADENCE_DAYS)
  cadenceDays?: number;
}
