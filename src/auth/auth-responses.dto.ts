import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiToken } from './tokens/api-token.entity';
import { ROLES, type Role, type User } from './users/user.entity';

/** What the API says about a staff member (never the password hash). */
export class UserResponse {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) lastSignInAt: string | null;
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt ? user.lastSignInAt.toISOString() : null,
  };
}

export class SessionResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiPropertyOptional({
    description: 'Send it as the x-csrf-token header with unsafe requests that use the cookie',
  })
  csrfToken?: string;
}

/** A token as listed: never its secret. */
export class TokenResponse {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({
    description: 'The first characters, to tell tokens apart',
    example: 'mlg_a1b2c3d4',
  })
  prefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) lastUsedAt: string | null;
}

export class CreatedTokenResponse extends TokenResponse {
  @ApiProperty({ description: 'The token itself: shown this once, store it now' })
  token: string;
}

export function toTokenResponse(token: ApiToken): TokenResponse {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt ? token.lastUsedAt.toISOString() : null,
  };
}
