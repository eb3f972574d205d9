import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, MaxLength } from 'class-validator';
import {
  IsId,
  IsOptionalNotNull,
  IsOptionalNullable,
  NumberFromText,
} from '../../common/dto-rules';
import { PageQueryDto } from '../../common/pagination';
import { THEME_STATUSES, type ThemeStatus } from './theme.entity';

export class CreateThemeDto {
  @ApiProperty({ maxLength: 200, example: 'Les clauses sociales dans les marchés publics' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['insertion', 'marchés publics'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The partner that proposed the theme; omitted or null: the signed-in staff member',
  })
  @IsOptionalNullable()
  @IsId()
  proposedByPartnerId?: number | null;
}

export class UpdateThemeDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(10_000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptionalNullable()
  @IsId()
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
  @IsOptionalNotNull()
  @IsIn(THEME_VIEWS)
  view?: ThemeView;

  @ApiPropertyOptional({ enum: THEME_STATUSES, description: 'Default: every status but archived' })
  @IsOptionalNotNull()
  @IsIn(THEME_STATUSES)
  status?: ThemeStatus;

  @ApiPropertyOptional({ description: 'Words in the title' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(40)
  tag?: string;
}

export class ThemeInterestDto {
  @ApiProperty({ description: 'The interested partner' })
  @NumberFromText()
  @IsId()
  partnerId: number;
}
