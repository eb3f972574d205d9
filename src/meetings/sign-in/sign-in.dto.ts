import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEFAULT_BLANK_LINES, MAX_BLANK_LINES } from './sign-in-sheet.document';
import type { ScanSummary } from './sign-in-scans.queries';
import { NumberFromText } from '../../common/dto-rules';

export class SignInSheetQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_BLANK_LINES,
    default: DEFAULT_BLANK_LINES,
    description: 'Blank lines after the invited contacts, for people nobody invited',
  })
  @IsOptional()
  @NumberFromText()
  @IsInt()
  @Min(0)
  @Max(MAX_BLANK_LINES)
  blank: number = DEFAULT_BLANK_LINES;
}

/** A scanned sheet as the API lists it (its bytes at `GET .../sign-in-scans/:scanId`). */
export class SignInScanResponse {
  @ApiProperty() id: number;
  @ApiProperty() meetingId: number;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ['pdf', 'jpeg', 'png'] }) kind: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ nullable: true, type: Number }) uploadedByUserId: number | null;
  @ApiProperty() uploadedByName: string;
  @ApiProperty() uploadedAt: string;
}

export function scanResponse(scan: ScanSummary, mediaType: string): SignInScanResponse {
  return {
    id: scan.id,
    meetingId: scan.meetingId,
    fileName: scan.fileName,
    kind: scan.kind,
    mediaType,
    sizeBytes: scan.sizeBytes,
    uploadedByUserId: scan.uploadedByUserId,
    uploadedByName: scan.uploadedByName,
    uploadedAt: new Date(scan.uploadedAt).toISOString(),
  };
}
