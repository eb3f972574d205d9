import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOptionalNullable, NumberFromText, IsCalendarDay } from '../../../common/dto-rules';

/** Longest comment or suggested text, and longest reason staff give. */
export const PROPOSAL_MAX = 4_000;
export const REASON_MAX = 300;

export class OpenReviewDto {
  @ApiProperty({
    example: '2026-03-20',
    description: 'Last day for proposals (YYYY-MM-DD, TIME_ZONE), today or later',
  })
  @IsCalendarDay()
  @Length(10, 10)
  deadline: string;
}

export class ProposeDto {
  @ApiProperty({ description: 'The paragraph (index in the round, from 0)' })
  @NumberFromText()
  @IsInt()
  @Min(0)
  @Max(10_000)
  paragraph: number;

  @ApiProperty({ enum: ['comment', 'suggestion'] })
  @IsIn(['comment', 'suggestion'])
  kind: 'comment' | 'suggestion';

  @ApiProperty({ description: 'The comment, or the suggested text of the whole paragraph' })
  @IsString()
  @MinLength(1)
  @MaxLength(PROPOSAL_MAX)
  text: string;
}

export class DecideProposalDto {
  @ApiProperty({ enum: ['accepted', 'rejected'] })
  @IsIn(['accepted', 'rejected'])
  decision: 'accepted' | 'rejected';

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Shown to the author; required to reject',
  })
  @IsOptionalNullable()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string | null;
}
