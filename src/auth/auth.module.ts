import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiToken } from './api-token';
import { AuthGuard } from './auth.guard';
import { IdentityService } from './identity.service';
import { SessionRecord } from './session-record';
import { User } from './user';

@Module({
  imports: [TypeOrmModule.forFeature([User, ApiToken, SessionRecord])],
  providers: [IdentityService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityService],
})
export class AuthModule {}
