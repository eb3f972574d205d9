import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../common/pagination';
import { THEME_STATUSES, type ThemeStatus } from './theme';

export class CreateThemeDto {
  @ApiProperty({ maxLength: 200, example: 'Les clauses sociales dans les marchés publics' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['insertion', 'marchés publics'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    nullable: true,
    description: 'The partner that proposed the theme; omitted or null: the signed-in staff member',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  proposedByPartnerId?: number | null;
}

export class UpdateThemeDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  proposedByPartnerId?: number | null;
}

export const THEME_VIEWS = ['most-requested', 'stale'] as const;
export type ThemeView = (typeof THEME_VIEWS)[number];

export class ListThemesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: THEME_VIEWS,
    description:
      'most-requested: proposed (not yet scheduled) themes with at least one interested partner, ' +
      'most interest first; stale: themes whose last presentation is more than 12 months old',
  })
  @IsOptional()
  @IsIn(THEME_VIEWS)
  view?: ThemeView;

  @ApiPropertyOptional({ enum: THEME_STATUSES, description: 'Default: every status but archived' })
  @IsOptional()
  @IsIn(THEME_STATUSES)
  status?: ThemeStatus;

  @ApiPropertyOptional({ description: 'Words in the title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  tag?: string;
}

export class ThemeInterestDto {
  @ApiProperty({ description: 'The interested partner' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  partnerId: number;
}
