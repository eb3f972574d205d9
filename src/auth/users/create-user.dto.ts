import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ROLES, type Role } from './user.entity';
import { DisplayNameField, EmailField, NewPasswordField } from './user-fields';

export class CreateUserDto {
  @EmailField()
  email: string;

  @DisplayNameField()
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @NewPasswordField()
  password: string;
}
