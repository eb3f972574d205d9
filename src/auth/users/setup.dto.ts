import { IsString } from 'class-validator';
import { DisplayNameField, EmailField, NewPasswordField } from './user-fields';

/** The first administrator account, created once by the set-up form or `POST /api/setup`. */
export class SetupDto {
  @EmailField()
  email: string;

  @DisplayNameField()
  displayName: string;

  @NewPasswordField()
  password: string;
}

/** The set-up page also asks for the password twice. */
export class SetupFormDto extends SetupDto {
  @IsString()
  passwordConfirmation: string;
}
