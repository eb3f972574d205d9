import { IsEmail, MaxLength } from 'class-validator';

/** The portal sign-in form: the contact's email address. */
export class RequestPortalLinkDto {
  @IsEmail()
  @MaxLength(254)
  email: string;
}
