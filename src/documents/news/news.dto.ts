import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, MaxLength } from 'class-validator';
import {
  IsOptionalNotNull,
  IsOptionalNullable,
  IsWebUrl,
  IsCalendarDay,
} from '../../common/dto-rules';
import { PageQueryDto } from '../../common/pagination';
import { NEWS_KINDS, type NewsKind } from './news-item.entity';

export class CreateNewsItemDto {
  @ApiProperty({ maxLength: 200, example: 'Nouveau décret sur les aides à l’emploi' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ maxLength: 20_000 })
  @IsString()
  @Length(1, 20_000)
  body: string;

  @ApiProperty({ enum: NEWS_KINDS })
  @IsIn(NEWS_KINDS)
  kind: NewsKind;

  @ApiProperty({ example: '2026-03-12', description: 'The day the news is about (YYYY-MM-DD)' })
  @IsCalendarDay()
  @Length(10, 10)
  date: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://www.example.org/decret' })
  @IsOptionalNullable()
  @IsWebUrl()
  @MaxLength(500)
  link?: string | null;
}

export class UpdateNewsItemDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20_000 })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 20_000)
  body?: string;

  @ApiPropertyOptional({ enum: NEWS_KINDS })
  @IsOptionalNotNull()
  @IsIn(NEWS_KINDS)
  kind?: NewsKind;

  @ApiPropertyOptional({ example: '2026-03-12' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  @Length(10, 10)
  date?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsWebUrl()
  @MaxLength(500)
  link?: string | null;
}

export class ListNewsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: NEWS_KINDS })
  @IsOptionalNotNull()
  @IsIn(NEWS_KINDS)
  kind?: NewsKind;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'From this day (inclusive)' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  @Length(10, 10)
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Up to this day (inclusive)' })
  @IsOptionalNotNull()
  @IsCalendarDay()
  @Length(10, 10)
  to?: string;
}

export interface NewsItemResponse {
  id: number;
  title: string;
  body: string;
  kind: NewsKind;
  date: string;
  link: string | null;
  createdAt: string;
  updatedAt: string;
}
