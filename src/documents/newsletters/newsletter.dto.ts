import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull, IsOptionalNullable, IsCalendarDay } from '../../common/dto-rules';
import { PageQueryDto } from '../../common/pagination';

export class CreateNewsletterDto {
  @ApiProperty({ example: '2026-03-01', description: 'First day of the period (YYYY-MM-DD)' })
  @IsCalendarDay()
  @Length(10, 10)
  from: string;

  @ApiProperty({ example: '2026-03-31', description: 'Last day of the period, inclusive' })
  @IsCalendarDay()
  @Length(10, 10)
  to: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20_000)
  editorial?: string | null;
}

export class NewsletterSectionDto {
  @ApiProperty({
    example: 'upcoming-meetings',
    description:
      'regulation, local-news, events, upcoming-meetings, minutes, new-partners (and the ' +
      'project sections once projects exist)',
  })
  @IsString()
  @Length(1, 40)
  key: string;

  @ApiProperty()
  @IsBoolean()
  included: boolean;
}

export class UpdateNewsletterDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20_000)
  editorial?: string | null;

  @ApiPropertyOptional({
    type: [NewsletterSectionDto],
    description: 'Sections in the order wanted; sections not listed keep their place at the end',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NewsletterSectionDto)
  sections?: NewsletterSectionDto[];
}

export class ListNewslettersQueryDto extends PageQueryDto {}
