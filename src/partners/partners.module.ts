import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Contact } from './contact';
import { Partner } from './partner';

@Module({
  imports: [TypeOrmModule.forFeature([Partner, Contact])],
})
export class PartnersModule {}
