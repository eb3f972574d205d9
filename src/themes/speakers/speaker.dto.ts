import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  IsId,
  IsOptionalNotNull,
  IsOptionalNullable,
  IsWebUrl,
  NumberFromText,
} from '../../common/dto-rules';
import { PageQueryDto } from '../../common/pagination';

const nullable = () => ValidateIf((_, value) => value !== null);

/** Fields shared by create and update; every one optional here, create requires the name. */
class SpeakerFieldsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The organisation, when it is a partner',
  })
  @IsOptionalNullable()
  @nullable()
  @IsId()
  organisationPartnerId?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    description: 'The organisation outside the network (free text); not with organisationPartnerId',
  })
  @IsOptionalNullable()
  @nullable()
  @IsString()
  @MaxLength(200)
  organisationName?: string | null;

  @ApiPropertyOptional({ type: [Number], description: 'Themes the speaker can present' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  themeIds?: number[];

  @ApiPropertyOptional({
    type: [String],
    description:
      "Themes by title, added to themeIds: a speaker's tags are themes. Each links the theme of " +
      'that title (case and accents ignored); a new title creates a proposed theme',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @nullable()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @nullable()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @nullable()
  @IsWebUrl()
  @MaxLength(300)
  website?: string | null;

  @ApiPropertyOptional({ description: 'Fee per intervention in euro cents (15000 = 150,00 €)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  feeCents?: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @nullable()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -90, maximum: 90 })
  @IsOptionalNullable()
  @nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -180, maximum: 180 })
  @IsOptionalNullable()
  @nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Travel cost per km in cents; null: the network default',
  })
  @IsOptionalNullable()
  @nullable()
  @IsInt()
  @Min(0)
  @Max(10_000)
  travelCentsPerKm?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptionalNullable()
  @nullable()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Last time they spoke (kept up to date when a presentation is recorded)',
  })
  @IsOptionalNullable()
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
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 160)
  name?: string;
}

export const SPEAKER_SORTS = ['name', 'cost', 'distance'] as const;
export type SpeakerSort = (typeof SPEAKER_SORTS)[number];

export class ListSpeakersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words in the name or the organisation' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Speakers linked to this theme' })
  @IsOptionalNotNull()
  @NumberFromText()
  @IsId()
  themeId?: number;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(40)
  tag?: string;

  @ApiPropertyOptional({
    description: "Computes each speaker's distance to this meeting's venue, travel and total cost",
  })
  @IsOptionalNotNull()
  @NumberFromText()
  @IsId()
  meetingId?: number;

  @ApiPropertyOptional({ description: 'Largest fee, in euro cents' })
  @IsOptionalNotNull()
  @NumberFromText()
  @IsInt()
  @Min(0)
  maxFee?: number;

  @ApiPropertyOptional({
    description:
      'Largest distance to the venue in km (needs meetingId); speakers whose distance is ' +
      'unknown are left out when it is given',
  })
  @IsOptionalNotNull()
  @NumberFromText({ decimals: true })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  maxDistanceKm?: number;

  @ApiPropertyOptional({
    enum: SPEAKER_SORTS,
    description:
      'name (default); cost: total cost (fee + travel), unknown totals last; distance: nearest ' +
      'first, unknown distances last (needs meetingId)',
  })
  @IsOptionalNotNull()
  @IsIn(SPEAKER_SORTS)
  sort?: SpeakerSort;

  @ApiPropertyOptional({ description: 'Include archived speakers' })
  @IsOptionalNotNull()
  @IsIn(['true', 'false'])
  archived?: 'true' | 'false';
}
