import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min, ValidateIf } from 'class-validator';

export class ScheduleThemeDto {
  @ApiProperty({ description: 'The agenda item (ordre du jour) where the theme is presented' })
  @IsInt()
  @Min(1)
  agendaItemId: number;

  @ApiPropertyOptional({
    nullable: true,
    description:
      'The speaker who presents it; their fee and round-trip travel to the venue are fixed now. ' +
      'Omitted: unchanged; null: no speaker.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  speakerId?: number | null;
}

export class AgendaItemRefDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  agendaItemId: number;
}
