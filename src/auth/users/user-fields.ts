import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

/** Field rules shared by set-up, user creation and updates, so they cannot drift apart. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export const EmailField = () =>
  applyDecorators(
    ApiProperty({ example: 'marie.dupont@agence.example', maxLength: 254 }),
    trim,
    IsEmail(),
    MaxLength(254),
  );

export const DisplayNameField = (required = true) =>
  applyDecorators(
    ApiProperty({ example: 'Marie Dupont', maxLength: 120, required }),
    trim,
    IsString(),
    IsNotEmpty(),
    MaxLength(120),
  );

export const NewPasswordField = (required = true) =>
  applyDecorators(
    ApiProperty({
      minLength: MIN_PASSWORD_LENGTH,
      maxLength: MAX_PASSWORD_LENGTH,
      format: 'password',
      required,
    }),
    IsString(),
    MinLength(MIN_PASSWORD_LENGTH),
    MaxLength(MAX_PASSWORD_LENGTH),
  );
