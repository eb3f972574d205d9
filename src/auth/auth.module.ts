import { Module } from '@nestjs/common';
import { UsersQueries } from './users.queries';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ApiToken } from './api-token';
import { AdminPagesController } from './admin.pages.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthPagesController } from './auth.pages.controller';
import { FirstRunOffers } from './first-run';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './login-throttle';
import { SessionRecord } from './session-record';
import { SignInService } from './sign-in.service';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';
import { User } from './user';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, ApiToken, SessionRecord]), AuditModule],
  controllers: [
    AuthController,
    TokensController,
    UsersController,
    AuthPagesController,
    AdminPagesController,
  ],
  providers: [
    UsersQueries,
    FirstRunOffers,
    IdentityService,
    UsersService,
    TokensService,
    SignInService,
    LoginThrottle,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersQueries, FirstRunOffers, IdentityService, UsersService],
})
export class AuthModule {}
