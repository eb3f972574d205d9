import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { FormInt, FormIntArray } from '../dto-decorators';
import { IsId, IsOptionalNotNull } from '../../common/dto-rules';
import { ANSWERS, type Answer } from '../meeting-kinds';

/** The public answer form at /r/:token (form-encoded or JSON). */
export class AnswerInvitationDto {
  @ApiProperty({ enum: ANSWERS })
  @IsIn(ANSWERS)
  answer: Answer;

  @ApiPropertyOptional({ type: [Number], description: 'Contacts of the partner who will come' })
  @IsOptionalNotNull()
  @FormIntArray()
  @IsArray()
  @ArrayMaxSize(50)
  @IsId({ each: true })
  contactIds?: number[];

  @ApiPropertyOptional({ maxLength: 160, description: 'Someone else who will come' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(160)
  guestName?: string;

  @ApiPropertyOptional({ description: 'The contact the guest replaces ("X replaces Y")' })
  @IsOptionalNotNull()
  @FormInt()
  @IsId()
  replacesContactId?: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    description:
      'An occurrence of a series: the same answer for every coming occurrence the partner is invited to',
  })
  @IsOptionalNotNull()
  @Transform(({ value }: { value: unknown }) =>
    value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : value,
  )
  @IsBoolean()
  wholeSeries?: boolean;
}
