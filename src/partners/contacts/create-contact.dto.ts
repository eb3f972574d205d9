import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, ValidateIf } from 'class-validator';

/** May be left out, but not null. */
const unlessAbsent = ValidateIf((_: object, value: unknown) => value !== undefined);
import { OptionalText, RequiredText } from '../../common/text-fields';
import { LONG_TEXT } from '../create-partner.dto';

export class CreateContactDto {
  @RequiredText(160, 'Claire Martin')
  fullName: string;

  @OptionalText(160, 'Conseillère en insertion')
  jobTitle?: string | null;

  /** Unique whatever the case. */
  @OptionalText(254, 'claire.martin@example.org')
  @IsEmail()
  email?: string | null;

  @OptionalText(40)
  phone?: string | null;

  @ApiPropertyOptional({
    description: 'Agrees to receive the newsletter (date recorded on change)',
  })
  @unlessAbsent
  @IsBoolean()
  newsletterConsent?: boolean;

  /** Where the consent (or its withdrawal) came from; "staff" when not given. */
  @OptionalText(120, 'form')
  newsletterConsentSource?: string | null;

  @ApiPropertyOptional({ default: true })
  @unlessAbsent
  @IsBoolean()
  receivesMinutes?: boolean;

  @OptionalText(LONG_TEXT)
  notes?: string | null;
}
