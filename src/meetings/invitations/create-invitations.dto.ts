import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, Equals, IsArray, IsIn } from 'class-validator';
import { PARTNER_KINDS, type PartnerKind } from '../../partners/partner-kind';
import { IsId, IsOptionalNotNull } from '../../common/dto-rules';

/** Exactly one of: all active partners, the active partners of some kinds, or a selection. */
export class CreateInvitationsDto {
  @ApiPropertyOptional({ enum: [true], description: 'Invite every active partner' })
  @IsOptionalNotNull()
  @Equals(true)
  all?: true;

  @ApiPropertyOptional({ enum: PARTNER_KINDS, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(PARTNER_KINDS, { each: true })
  kinds?: PartnerKind[];

  @ApiPropertyOptional({ type: [Number] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(2000)
  @IsId({ each: true })
  partnerIds?: number[];
}
