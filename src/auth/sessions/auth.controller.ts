import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Public, type AuthenticatedRequest } from '../auth.decorators';
import { csrfTokenFor } from '../../common/web/csrf';
import { LoginDto } from './login.dto';
import { SessionResponse, toUserResponse, UserResponse } from '../auth-responses.dto';
import { SetupDto } from '../users/setup.dto';
import { SignInService } from './sign-in.service';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';

export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly signIn: SignInService,
  ) {}

  /** First run, for scripted installs: creates the administrator while no account exists. */
  @Public()
  @Post('setup')
  @ApiConflictResponse({ description: 'An account already exists' })
  async setup(@Body() body: SetupDto): Promise<UserResponse> {
    return toUserResponse(await this.users.createFirstAdmin(body));
  }

  /** Signs in with the session cookie (httpOnly, SameSite=Lax); answers the CSRF token to use. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email address or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many failures: see Retry-After' })
  async login(@Body() body: LoginDto, @Req() request: Request): Promise<SessionResponse> {
    const user = await this.signIn.authenticate(body.email, body.password, clientAddress(request));
    await this.signIn.startSession(request, user);
    return { user: toUserResponse(user), csrfToken: csrfTokenFor(request) };
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is over (also when there was none)' })
  async logout(@Req() request: Request): Promise<void> {
    await this.signIn.endSession(request);
  }

  /** Who is calling; with the session cookie, also the CSRF token for unsafe requests. */
  @Get('auth/me')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @ApiOkResponse({ type: SessionResponse })
  me(@CurrentUser() user: User, @Req() request: AuthenticatedRequest): SessionResponse {
    return {
      user: toUserResponse(user),
      ...(request.authenticatedBy === 'session' ? { csrfToken: csrfTokenFor(request) } : {}),
    };
  }
}
