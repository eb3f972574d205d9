import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../common/dto-rules';
import { IsOptionalNotNull, IsOptionalNullable, IsWebUrl } from '../common/dto-rules';
import { MEETING_KINDS, type MeetingKind } from './meeting-kinds';

/** Every field optional; null clears the optional ones. `status` moves planned → held → closed. */
export class UpdateMeetingDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: MEETING_KINDS })
  @IsOptionalNotNull()
  @IsIn(MEETING_KINDS)
  kind?: MeetingKind;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsInstant()
  endsAt?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(200)
  venueName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(300)
  venueAddress?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptionalNullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptionalNullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @IsWebUrl({ requireTld: false })
  @MaxLength(500)
  onlineUrl?: string | null;

  @ApiPropertyOptional({
    enum: ['held', 'closed'],
    description: 'planned → held (once started) → closed; cancel with POST /cancel',
  })
  @IsOptionalNotNull()
  @IsIn(['held', 'closed'])
  status?: 'held' | 'closed';
}
