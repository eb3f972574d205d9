import { Module } from '@nestjs/common';
import { UsersQueries } from './users.queries';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ApiToken } from './tokens/api-token.entity';
import { AdminPagesController } from './pages/admin.pages.controller';
import { AuditLogPagesController } from './pages/audit-log.pages.controller';
import { AuthController } from './sessions/auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthPagesController } from './pages/auth.pages.controller';
import { FirstRunOffers } from './users/first-run';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './sessions/login-throttle';
import { SessionRecord } from './sessions/session-record.entity';
import { SignInService } from './sessions/sign-in.service';
import { TokensController } from './tokens/tokens.controller';
import { TokensService } from './tokens/tokens.service';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, ApiToken, SessionRecord]), AuditModule],
  controllers: [
    AuthController,
    TokensController,
    UsersController,
    AuthPagesController,
    AdminPagesController,
    AuditLogPagesController,
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
