import type { AppConfig } from '../../config/app-config';
import type { Meeting } from '../meeting.entity';
import { icsText, MeetingIcs } from './meeting-ics';

describe('calendar text', () => {
  it('escapes what would end a value or start a line', () => {
    expect(icsText('Comité; emploi, Lens\\Liévin')).toBe('Comité\\; emploi\\, Lens\\\\Liévin');
    expect(icsText('Ligne 1\r\nATTENDEE:mailto:x@y\nfin\u0001')).toBe(
      'Ligne 1\\nATTENDEE:mailto:x@y\\nfin',
    );
  });

  it('keeps a line break in a calendar name inside its line', () => {
    const ics = new MeetingIcs({ publicUrl: 'http://localhost:3000' } as AppConfig)
      .calendar('Inj\r\nATTENDEE:mailto:evil@x.test\r\nX')
      .toString();
    expect(ics).toContain('X-WR-CALNAME:Inj\\nATTENDEE:mailto:evil@x.test\\nX\r\n');
    expect(ics.split('\r\n').some((line) => line.startsWith('ATTENDEE'))).toBe(false);
  });

  it('leaves no control character in an event', () => {
    const ics = new MeetingIcs({
      publicUrl: 'http://localhost:3000',
      timeZone: 'Europe/Brussels',
      organizerName: 'Agence',
      organizerEmail: 'agence@x.test',
    } as AppConfig);
    const calendar = ics.calendar('Agenda');
    const now = new Date('2026-03-12T08:30:00Z');
    ics.addEvent(calendar, {
      id: 1,
      title: 'Comité\u0001 emploi',
      venueName: 'Salle\u0002 B',
      venueAddress: null,
      description: 'Ordre\r\ndu jour',
      onlineUrl: null,
      cancelReason: null,
      latitude: null,
      longitude: null,
      startsAt: now,
      endsAt: new Date('2026-03-12T10:30:00Z'),
      sequence: 0,
      status: 'planned',
      createdAt: now,
      updatedAt: now,
    } as Meeting);
    const text = calendar.toString();
    // eslint-disable-next-line no-control-regex -- what must not be there
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000a-\u001f]/);
    expect(text).toContain('SUMMARY:Comité emploi');
    expect(text).toContain('LOCATION:Salle B');
    expect(text).toContain('DESCRIPTION:Ordre\\ndu jour');
    expect(text).toContain('URL;VALUE=URI:http://localhost:3000/portal');
  });
});
