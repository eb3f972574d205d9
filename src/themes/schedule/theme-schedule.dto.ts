import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsId, IsOptionalNullable } from '../../common/dto-rules';

export class ScheduleThemeDto {
  @ApiProperty({ description: 'The agenda item (ordre du jour) where the theme is presented' })
  @IsId()
  agendaItemId: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'The speaker who presents it; their fee and round-trip travel to the venue are fixed now. ' +
      'Omitted: unchanged; null: no speaker.',
  })
  @IsOptionalNullable()
  @IsId()
  speakerId?: number | null;
}

export class AgendaItemRefDto {
  @ApiProperty()
  @IsId()
  agendaItemId: number;
}
