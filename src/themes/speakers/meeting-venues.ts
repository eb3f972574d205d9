import { Injectable } from '@nestjs/common';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { MeetingsService } from '../../meetings/meetings.service';

export interface Venue {
  latitude: number | null;
  longitude: number | null;
}

/** Where a meeting takes place, for distances, read through the meetings feature's service. */
@Injectable()
export class MeetingVenues {
  constructor(private readonly meetings: MeetingsService) {}

  /** The venue's coordinates; an unknown meeting is a bad meetingId (422). */
  async venueOf(meetingId: number): Promise<Venue> {
    try {
      const meeting = await this.meetings.findMeeting(meetingId);
      return { latitude: meeting.latitude, longitude: meeting.longitude };
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new RuleViolationError(
          { key: 'errors.meeting.missing', params: { id: meetingId } },
          'meetingId',
        );
      throw error;
    }
  }
}
