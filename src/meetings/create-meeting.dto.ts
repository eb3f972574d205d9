import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsInstant } from '../common/dto-rules';
import { IsOptionalNullable, IsWebUrl } from '../common/dto-rules';
import { Coordinate } from '../partners/coordinates.validator';
import { MEETING_KINDS, type MeetingKind } from './meeting-kinds';

export class CreateMeetingDto {
  @ApiProperty({ maxLength: 200, example: 'Plateforme emploi de mars' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  kind: MeetingKind;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiProperty({ example: '2026-03-12T08:30:00Z', description: 'With an offset; stored in UTC' })
  @IsInstant()
  startsAt: string;

  @ApiProperty({ example: '2026-03-12T11:00:00Z' })
  @IsInstant()
  endsAt: string;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(200)
  venueName?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 300, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(300)
  venueAddress?: string | null;

  /** With longitude, or neither (as a partner's and a speaker's). */
  @Coordinate(90, 'longitude')
  latitude?: number | null;

  @Coordinate(180, 'latitude')
  longitude?: number | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: 500,
    nullable: true,
    example: 'https://meet.example.org/abc',
  })
  @IsOptionalNullable()
  @IsWebUrl({ requireTld: false })
  @MaxLength(500)
  onlineUrl?: string | null;
}
