import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn } from 'class-validator';
import { IsWebUrl } from '../common/dto-rules';
import { OptionalText, RequiredText } from '../common/text-fields';
import { Coordinate } from './coordinates.validator';
import { PARTNER_KINDS, type PartnerKind } from './partner-kind';

/** Longest free text (description, services) accepted: a few pages, not a book. */
export const LONG_TEXT = 5000;

export class CreatePartnerDto {
  @RequiredText(200, 'Maison de l’emploi de Roubaix')
  name: string;

  @OptionalText(60, 'MDE Roubaix')
  shortName?: string | null;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind: PartnerKind;

  @OptionalText(LONG_TEXT)
  description?: string | null;

  @OptionalText(LONG_TEXT, 'Accompagnement vers l’emploi, ateliers CV')
  services?: string | null;

  @OptionalText(120, 'Roubaix')
  territory?: string | null;

  @OptionalText(300)
  address?: string | null;

  @OptionalText(20, '59100')
  postcode?: string | null;

  @Coordinate(90, 'longitude')
  latitude?: number | null;

  @Coordinate(180, 'latitude')
  longitude?: number | null;

  @OptionalText(300, 'https://www.example.org')
  @IsWebUrl()
  website?: string | null;

  @OptionalText(254, 'contact@example.org')
  @IsEmail()
  email?: string | null;

  @OptionalText(40, '+33 3 20 00 00 00')
  phone?: string | null;
}
