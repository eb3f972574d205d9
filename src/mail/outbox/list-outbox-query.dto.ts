import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto-rules';
import { PageQueryDto } from '../../common/pagination';
import { OUTBOX_STATUSES } from './outbox-message.entity';
import type { OutboxStatus } from './outbox-message.entity';

export class ListOutboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptionalNotNull()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ description: 'Grouping reference, e.g. newsletter:12' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(80)
  group?: string;
}

export class OutboxProgressQueryDto {
  @ApiProperty({ description: 'Grouping reference, e.g. newsletter:12' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  group: string;
}
