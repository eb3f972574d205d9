import type { AppConfig } from '../../config/app-config';
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
});
