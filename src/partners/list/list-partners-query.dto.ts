import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto-rules';
import { PageQueryDto } from '../../common/pagination';
import { PARTNER_KINDS, type PartnerKind } from '../partner-kind';

export const ACTIVE_FILTERS = ['true', 'false', 'all'] as const;
export type ActiveFilter = (typeof ACTIVE_FILTERS)[number];

/** Filters shared by the list and the CSV export. */
export class PartnerFilterDto {
  @ApiPropertyOptional({
    description: 'One or several kinds: kind=plie&kind=mire or kind=plie,mire',
    enum: PARTNER_KINDS,
    isArray: true,
  })
  @IsOptionalNotNull()
  @Transform(({ value }: { value: unknown }) =>
    (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter(Boolean),
  )
  @IsIn(PARTNER_KINDS, { each: true })
  kind?: PartnerKind[];

  @ApiPropertyOptional({ description: 'Territory / commune, exact match ignoring case' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(120)
  territory?: string;

  @ApiPropertyOptional({
    enum: ACTIVE_FILTERS,
    default: 'true',
    description: 'true: active partners only (default); false: archived only; all: both',
  })
  @IsOptionalNotNull()
  @IsIn(ACTIVE_FILTERS)
  active?: ActiveFilter;

  @ApiPropertyOptional({
    description:
      'Words searched in name, short name, services and contact names, ignoring case and accents',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ListPartnersQueryDto extends IntersectionType(PageQueryDto, PartnerFilterDto) {}
