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
import { IsId, IsOptionalNotNull, IsOptionalNullable } from '../common/dto-rules';
import { AGENDA_ITEM_KINDS, type AgendaItemKind } from './meeting-kinds';

export class CreateAgendaItemDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: AGENDA_ITEM_KINDS })
  @IsIn(AGENDA_ITEM_KINDS)
  kind: AgendaItemKind;

  @ApiPropertyOptional({ nullable: true, description: 'A contact of a partner' })
  @IsOptionalNullable()
  @IsId()
  presenterContactId?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, nullable: true })
  @IsOptionalNullable()
  @IsInt()
  @Min(1)
  @Max(1440)
  plannedMinutes?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20000)
  summary?: string | null;

  @ApiPropertyOptional({ nullable: true })
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

export class UpdateAgendaItemDto {
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

  @ApiPropertyOptional({ nullable: true })
  @IsOptionalNullable()
  @IsId()
  presenterContactId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptionalNullable()
  @IsInt()
  @Min(1)
  @Max(1440)
  plannedMinutes?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20000)
  summary?: string | null;

  @ApiPropertyOptional({ nullable: true })
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
