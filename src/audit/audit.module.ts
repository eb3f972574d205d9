import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry } from './audit-entry';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
})
export class AuditModule {}
