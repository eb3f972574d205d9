import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ROLES, type Role } from '../user';
import { DisplayNameField, NewPasswordField } from './user-fields';

export class UpdateUserDto {
  @IsOptional()
  @DisplayNameField(false)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false: the user can no longer sign in or use tokens' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @NewPasswordField(false)
  password?: string;
}
