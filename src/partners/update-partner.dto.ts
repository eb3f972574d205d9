import { PartialType } from '@nestjs/swagger';
import { CreatePartnerDto } from './create-partner.dto';

/** Only the fields sent change; optional fields accept null to clear, required ones do not. */
export class UpdatePartnerDto extends PartialType(CreatePartnerDto, {
  skipNullProperties: false,
}) {}
