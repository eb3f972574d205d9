import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CancelMeetingDto {
  @ApiProperty({ maxLength: 1000, example: 'Salle indisponible' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
