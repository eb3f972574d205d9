import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { CsvProblem } from './partners-csv';

// The import's request and report as the API documents them (OpenAPI).

/** Largest CSV file accepted for import (2 MiB: tens of thousands of rows). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export class ImportQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'false: dry run (nothing written); true: apply every row in one transaction',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  apply?: 'true' | 'false';
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export class ImportCounts {
  @ApiProperty() create: number;
  @ApiProperty() update: number;
  @ApiProperty() unchanged: number;
}

export class ImportSummary {
  @ApiProperty() rows: number;
  @ApiProperty() partners: ImportCounts;
  @ApiProperty() contacts: ImportCounts;
  @ApiProperty() errors: number;
}

export class ImportRowPartner {
  @ApiProperty({ enum: ['create', 'update', 'unchanged'] }) action: ImportAction;
  @ApiProperty({ type: Number, nullable: true, description: 'null when created by a dry run' })
  id: number | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: 'Fields that change' }) changes: string[];
}

export class ImportRowContact {
  @ApiProperty({ enum: ['create', 'update', 'unchanged'] }) action: ImportAction;
  @ApiProperty({ type: Number, nullable: true }) id: number | null;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: [String] }) changes: string[];
}

export class ImportRow {
  @ApiProperty({ description: 'Row number in the file (1 is the header)' }) row: number;
  @ApiProperty() partner: ImportRowPartner;
  @ApiProperty({ type: ImportRowContact, nullable: true }) contact: ImportRowContact | null;
}

export class ImportProblem {
  @ApiProperty() row: number;
  @ApiProperty({ type: String, nullable: true }) column: string | null;
  @ApiProperty({ description: 'Catalogue key of the message (stable)' }) code: string;
  @ApiProperty({ description: 'In the configured language (LOCALE)' }) message: string;
}

export class ImportReport {
  @ApiProperty({ description: 'true when the changes were written' }) applied: boolean;
  @ApiProperty() summary: ImportSummary;
  @ApiProperty({ type: [ImportRow] }) rows: ImportRow[];
  @ApiProperty({ type: [ImportProblem] }) errors: ImportProblem[];
  @ApiProperty({
    type: [String],
    description: 'Headers of the file that name no known column: their cells are not imported',
  })
  ignoredColumns: string[];
  @ApiProperty({
    type: [String],
    description:
      'Headers naming the partner’s e-mail or phone whose values change between rows of one ' +
      'partner: read as each row’s contact’s',
  })
  contactColumns: string[];
}

/** What the import finds: its problems still catalogue messages, worded by whoever shows them. */
export type ImportOutcome = Omit<ImportReport, 'errors'> & { errors: CsvProblem[] };
