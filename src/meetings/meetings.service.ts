import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { NotFoundError } from '../common/domain-errors';
import { Meeting } from './meeting';

/** The rules of meetings: scheduling, invitations, answers, attendance, agenda. */
@Injectable()
export class MeetingsService {
  constructor(@InjectRepository(Meeting) private readonly meetings: Repository<Meeting>) {}

  async findMeeting(id: number): Promise<Meeting> {
    const meeting = await this.meetings.findOneBy({ id });
    if (!meeting) throw new NotFoundError('Meeting', id);
    return meeting;
  }
}
