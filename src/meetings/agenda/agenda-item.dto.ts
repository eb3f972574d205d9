import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsId, IsOptionalNotNull, IsOptionalNullable } from '../../common/dto-rules';
import { AGENDA_ITEM_KINDS, type AgendaItemKind } from '../meeting-kinds';

/** The theme an item presents, by id or by title (both DTOs). */
class AgendaItemThemeDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The theme presented there; null: none',
  })
  @IsOptionalNullable()
  @IsId()
  themeId?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    description:
      'Instead of themeId: a theme by its title (case and accents ignored); a new title creates ' +
      'a proposed theme; null or empty: none',
  })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(200)
  themeTitle?: string | null;
}

export class CreateAgendaItemDto extends AgendaItemThemeDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: AGENDA_ITEM_KINDS })
  @IsIn(AGENDA_ITEM_KINDS)
  kind: AgendaItemKind;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'A contact of a partner' })
  @IsOptionalNullable()
  @IsId()
  presenterContactId?: number | null;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 1440, nullable: true })
  @IsOptionalNullable()
  @IsInt()
  @Min(1)
  @Max(1440)
  plannedMinutes?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20000)
  summary?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20000)
  decisions?: string | null;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'Where to insert it (1 = first); last if absent',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(10000)
  position?: number;
}

export class UpdateAgendaItemDto extends AgendaItemThemeDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: AGENDA_ITEM_KINDS })
  @IsOptionalNotNull()
  @IsIn(AGENDA_ITEM_KINDS)
  kind?: AgendaItemKind;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptionalNullable()
  @IsId()
  presenterContactId?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptionalNullable()
  @IsInt()
  @Min(1)
  @Max(1440)
  plannedMinutes?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20000)
  summary?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20000)
  decisions?: string | null;

  @ApiPropertyOptional({ minimum: 1, description: 'Move the item to this place (1 = first)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(10000)
  position?: number;
}

export class ReorderAgendaDto {
  @ApiProperty({ type: [Number], description: 'Every item id of the meeting, in the new order' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsId({ each: true })
  ids: number[];
}
