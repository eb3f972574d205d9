import { Injectable } from '@nestjs/common';
import { RuleViolationError } from '../common/domain-errors';

export interface Venue {
  latitude: number | null;
  longitude: number | null;
}

/** Where a meeting takes place, for distances. Filled in once meetings exist. */
@Injectable()
export class MeetingVenues {
  venueOf(meetingId: number): Promise<Venue> {
    return Promise.reject(
      new RuleViolationError(`Meeting ${meetingId} cannot be found`, 'meetingId'),
    );
  }
}
