import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class AgendaItemWordingDto {
  @ApiProperty({ description: 'An agenda item of this meeting' })
  @IsInt()
  @Min(1)
  agendaItemId: number;

  @ApiPropertyOptional({
    nullable: true,
    description: 'The summary for the minutes; null goes back to the meeting record',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(20_000)
  summary?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'The decisions for the minutes; null goes back to the meeting record',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(20_000)
  decisions?: string | null;
}

export class UpdateMinutesDraftDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(20_000)
  introduction?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(20_000)
  conclusion?: string | null;

  @ApiPropertyOptional({ type: [AgendaItemWordingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemWordingDto)
  items?: AgendaItemWordingDto[];
}

export const DOCUMENT_FORMATS = ['html', 'text'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export class DocumentFormatQueryDto {
  @ApiPropertyOptional({
    enum: DOCUMENT_FORMATS,
    description: 'html by default; text also with Accept: text/plain',
  })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS)
  format?: DocumentFormat;
}
