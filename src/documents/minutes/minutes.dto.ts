import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsId, IsOptionalNotNull, IsOptionalNullable } from '../../common/dto-rules';
import { DOCUMENT_VISIBILITIES, type DocumentVisibility } from '../document-visibility';

export class AgendaItemWordingDto {
  @ApiProperty({ description: 'An agenda item of this meeting' })
  @IsId()
  agendaItemId: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The summary for the minutes; null goes back to the meeting record',
  })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20_000)
  summary?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The decisions for the minutes; null goes back to the meeting record',
  })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20_000)
  decisions?: string | null;
}

export class UpdateMinutesDraftDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20_000)
  introduction?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(20_000)
  conclusion?: string | null;

  @ApiPropertyOptional({ type: [AgendaItemWordingDto] })
  @IsOptionalNotNull()
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
  @IsOptionalNotNull()
  @IsIn(DOCUMENT_FORMATS)
  format?: DocumentFormat;
}

export class PublishMinutesDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Attach the version as a PDF to each "minutes published" mail',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  attachPdf?: boolean;

  @ApiPropertyOptional({
    enum: DOCUMENT_VISIBILITIES,
    description:
      'Who may read the version: "network" (staff and partners through the portal) or "public" ' +
      '(anyone with its unguessable link); the previous version\'s by default, "network" for the first',
  })
  @IsOptionalNotNull()
  @IsIn(DOCUMENT_VISIBILITIES)
  visibility?: DocumentVisibility;
}

/** Who may read a published document (minutes version, newsletter issue). */
export class DocumentVisibilityDto {
  @ApiProperty({
    enum: DOCUMENT_VISIBILITIES,
    description:
      '"network": staff, and partners through their portal; "public": anyone with the ' +
      'unguessable link (publicLink in the answer), listed at /archive when PUBLIC_ARCHIVE is on',
  })
  @IsIn(DOCUMENT_VISIBILITIES)
  visibility: DocumentVisibility;
}
