import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../common/pagination';

const nullable = () => ValidateIf((_, value) => value !== null);

/** Fields shared by create and update; every one optional here, create requires the name. */
class SpeakerFieldsDto {
  @ApiPropertyOptional({ nullable: true, description: 'The organisation, when it is a partner' })
  @IsOptional()
  @nullable()
  @IsInt()
  @Min(1)
  organisationPartnerId?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    maxLength: 200,
    description: 'The organisation outside the network (free text); not with organisationPartnerId',
  })
  @IsOptional()
  @nullable()
  @IsString()
  @MaxLength(200)
  organisationName?: string | null;

  @ApiPropertyOptional({ type: [Number], description: 'Themes the speaker can present' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  themeIds?: number[];

  @ApiPropertyOptional({ type: [String], description: 'Free topics' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @nullable()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @nullable()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @nullable()
  @IsString()
  @MaxLength(300)
  website?: string | null;

  @ApiPropertyOptional({ description: 'Fee per intervention in euro cents (15000 = 150,00 €)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  feeCents?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @nullable()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ nullable: true, minimum: -90, maximum: 90 })
  @IsOptional()
  @nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ nullable: true, minimum: -180, maximum: 180 })
  @IsOptional()
  @nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Travel cost per km in cents; null: the network default',
  })
  @IsOptional()
  @nullable()
  @IsInt()
  @Min(0)
  @Max(10_000)
  travelCentsPerKm?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @nullable()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Last time they spoke (kept up to date when a presentation is recorded)',
  })
  @IsOptional()
  @nullable()
  @IsISO8601({ strict: true })
  lastSpokeAt?: string | null;
}

export class CreateSpeakerDto extends SpeakerFieldsDto {
  @ApiProperty({ maxLength: 160 })
  @IsString()
  @Length(1, 160)
  name: string;
}

export class UpdateSpeakerDto extends SpeakerFieldsDto {
  @ApiPropertyOptional({ maxLength: 160 })
  @IsOptional()
  @IsString()
  @Length(1, 160)
  name?: string;
}

export const SPEAKER_SORTS = ['name', 'cost', 'distance'] as const;
export type SpeakerSort = (typeof SPEAKER_SORTS)[number];

export class ListSpeakersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words in the name or the organisation' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Speakers linked to this theme' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  themeId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  tag?: string;

  @ApiPropertyOptional({
    description: "Computes each speaker's distance to this meeting's venue, travel and total cost",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  meetingId?: number;

  @ApiPropertyOptional({ description: 'Largest fee, in euro cents' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  maxFee?: number;

  @ApiPropertyOptional({
    description:
      'Largest distance to the venue in km (needs meetingId); speakers whose distance is ' +
      'unknown are left out when it is given',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  maxDistanceKm?: number;

  @ApiPropertyOptional({
    enum: SPEAKER_SORTS,
    description:
      'name (default); cost: total cost (fee + travel), unknown totals last; distance: nearest ' +
      'first, unknown distances last (needs meetingId)',
  })
  @IsOptional()
  @IsIn(SPEAKER_SORTS)
  sort?: SpeakerSort;

  @ApiPropertyOptional({ description: 'Include archived speakers' })
  @IsOptional()
  @IsIn(['true', 'false'])
  archived?: 'true' | 'false';
}
