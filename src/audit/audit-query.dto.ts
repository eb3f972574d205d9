import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AUDITED_ENTITIES } from './audit-entry.entity';

export class AuditQueryDto {
  @ApiProperty({ enum: AUDITED_ENTITIES, example: 'partner' })
  @IsIn(AUDITED_ENTITIES)
  entity: string;

  @ApiProperty({ description: 'The record id', example: '12' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  id: string;
}
