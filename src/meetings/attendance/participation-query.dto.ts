import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsOptionalNotNull, NumberFromText } from '../../common/dto-rules';
import { IsInstant } from '../../common/dto-rules';

export class ParticipationQueryDto {
  @ApiPropertyOptional({ description: 'Meetings starting at or after (default: a year ago)' })
  @IsOptionalNotNull()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Meetings starting before (default: now)' })
  @IsOptionalNotNull()
  @IsInstant()
  to?: string;
}

export class WeakTiesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, description: 'Default: WEAK_TIES_MISSED' })
  @IsOptionalNotNull()
  @NumberFromText()
  @IsInt()
  @Min(1)
  @Max(50)
  missed?: number;
}
