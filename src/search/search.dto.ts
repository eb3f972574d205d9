import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../common/dto-rules';
import { SEARCH_KINDS } from './search-results';

/** Longest search text accepted (400 above). */
export const MAX_SEARCH_LENGTH = 200;

export class SearchQueryDto {
  @ApiPropertyOptional({
    description:
      'Words searched in the names and texts of partners, contacts, meetings, themes, speakers, ' +
      'projects, published minutes and newsletters; case and accents ignored, the last word also ' +
      'as a prefix. Only letters and digits count: any other character separates words.',
    maxLength: MAX_SEARCH_LENGTH,
    example: 'epinay insert',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(MAX_SEARCH_LENGTH)
  q?: string;
}

export class SearchTextPartResponse {
  @ApiProperty() text: string;
  @ApiProperty({ description: 'A word that matched (pages wrap it in <mark>)' }) mark: boolean;
}

export class SearchItemResponse {
  @ApiProperty({ description: "The record's id (minutes: the meeting's)" }) id: number;
  @ApiProperty() title: string;
  @ApiProperty({ description: "The record's staff page" }) href: string;
  @ApiProperty({ description: 'An archived partner, theme or speaker' }) archived: boolean;
  @ApiProperty({ description: 'A short piece of its text around the first match' })
  excerpt: string;
  @ApiProperty({ type: [SearchTextPartResponse] }) titleParts: SearchTextPartResponse[];
  @ApiProperty({ type: [SearchTextPartResponse] }) excerptParts: SearchTextPartResponse[];
}

export class SearchGroupResponse {
  @ApiProperty({ enum: [...SEARCH_KINDS] }) kind: string;
  @ApiProperty({ example: 'Partenaires' }) label: string;
  @ApiProperty({ description: 'Records of this kind that matched' }) total: number;
  @ApiProperty({ type: [SearchItemResponse], description: 'The best 10 of them' })
  items: SearchItemResponse[];
}

export class SearchResponse {
  @ApiProperty() q: string;
  @ApiProperty({ type: [String], description: 'The words searched, folded' }) words: string[];
  @ApiProperty({ type: [SearchGroupResponse], description: 'Every kind, in a fixed order' })
  groups: SearchGroupResponse[];
}
