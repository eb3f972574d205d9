import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { IsOptionalNotNull } from '../../common/dto-rules';
import { ROLES, type Role } from './user.entity';
import { DisplayNameField, NewPasswordField } from './user-fields';

export class UpdateUserDto {
  @IsOptionalNotNull()
  @DisplayNameField(false)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false: the user can no longer sign in or use tokens' })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @IsOptionalNotNull()
  @NewPasswordField(false)
  password?: string;
}
