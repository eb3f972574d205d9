import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../meeting-kinds';
import { IsId, IsOptionalNotNull } from '../../common/dto-rules';

/** Someone who is not (yet) a contact of the partner, possibly standing in for one. */
export class GuestDto {
  @ApiProperty({ maxLength: 160 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(160)
  fullName: string;

  @ApiPropertyOptional({ description: 'The contact this person replaces ("X replaces Y")' })
  @IsOptionalNotNull()
  @IsId()
  replacesContactId?: number;
}

export class AttendanceEntryDto {
  @ApiProperty()
  @IsId()
  partnerId: number;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status: AttendanceStatus;

  @ApiPropertyOptional({ type: [Number], description: 'Contacts of the partner who came' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  contactIds?: number[];

  @ApiPropertyOptional({ type: [GuestDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => GuestDto)
  guests?: GuestDto[];
}

export class RecordAttendanceDto {
  @ApiProperty({ type: [AttendanceEntryDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryDto)
  entries: AttendanceEntryDto[];
}
