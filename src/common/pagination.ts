import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NumberFromText } from './dto-rules';

export const MAX_PAGE_SIZE = 100;
/** Highest page number asked for: its offset stays a safe integer that every engine accepts. */
export const MAX_PAGE = 100_000;

/** `?page=`: a whole number from 1 to MAX_PAGE (1e308, 1e16, -1, 1.5 and "abc" are a 400). */
export function PageNumber(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1, type: Number }),
    IsOptional(),
    NumberFromText(),
    IsInt(),
    Min(1),
    Max(MAX_PAGE),
  );
}

export class PageQueryDto {
  @PageNumber()
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @NumberFromText()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** Partner list only: false when the count stopped at its bound and `total` is "more than". */
  totalExact?: boolean;
}

export function pageOf<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}
