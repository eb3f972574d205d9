import { ViewService } from '../common/web/view.service';
import { AppConfig } from '../config/app-config';
import { readableChanges } from './readable-changes';

const config = new AppConfig({ NODE_ENV: 'test', TIME_ZONE: 'Europe/Paris' });
const reading = {
  views: new ViewService(config),
  locale: config.locale,
  timeZone: config.timeZone,
};
const read = (entityType: string, field: string, before: unknown, after: unknown) =>
  readableChanges(reading, entityType, { [field]: { before, after } })[0];

describe('readableChanges (the audit trail in the network’s words)', () => {
  it('labels fields, and shows instants in the network’s time zone and days in words', () => {
    expect(read('meeting', 'startsAt', null, '2026-09-08T07:30:00.000Z')).toEqual({
      field: 'Début',
      before: '—',
      after: 'mardi 8 septembre 2026, 9 h 30',
    });
    expect(read('news-item', 'date', '2026-10-28', null).before).toBe('mercredi 28 octobre 2026');
  });

  it('names coded values as the pages do, by record kind', () => {
    expect(read('project', 'status', 'launched', 'on_hold')).toMatchObject({
      field: 'Statut',
      before: 'lancé',
      after: 'suspendu',
    });
    expect(read('meeting', 'status', 'planned', 'closed').after).toBe('Clôturée');
    expect(read('partner', 'kind', null, 'mission-locale').after).toBe('Mission locale');
    expect(read('user', 'role', 'coordinator', 'admin').after).toBe('Administrateur');
    expect(read('meeting-series', 'weekdays', null, 'MO,TH').after).toBe('lundi, jeudi');
    // A code nobody labelled stays as it is rather than vanish.
    expect(read('project', 'status', null, 'unheard-of').after).toBe('unheard-of');
  });

  it('formats money, numbers and references to other records', () => {
    expect(read('speaker', 'feeCents', 25000, 30050)).toMatchObject({
      field: 'Honoraires',
      before: '250,00 €',
      after: '300,50 €',
    });
    expect(read('partner', 'latitude', null, 48.7912).after).toBe('48,7912');
    expect(read('project', 'leadPartnerId', 3, 19)).toMatchObject({
      field: 'Partenaire pilote',
      after: 'n° 19',
    });
    expect(read('meeting', 'invited', null, [1, 2]).after).toBe('n° 1, n° 2');
    expect(read('partner', 'active', true, false)).toMatchObject({ before: 'Oui', after: 'Non' });
  });

  it('reads the records the code writes: attendance, sections, texts per item, links', () => {
    const attendance = [
      { partnerId: 1, status: 'present' },
      { partnerId: 2, status: 'excused' },
    ];
    expect(read('meeting', 'attendance', null, attendance).after).toBe(
      'n° 1 : Présent, n° 2 : Excusé',
    );
    expect(
      read('newsletter', 'sections', null, [{ key: 'regulation', included: false }]).after,
    ).toBe('Réglementation (Non)');
    expect(read('minutes-draft', 'itemOverrides', {}, { 4: { summary: 'Bilan' } }).after).toBe(
      'n° 4 : Résumé : Bilan',
    );
    expect(read('project', 'followUpLink', null, 'issued to contact 7').after).toBe(
      'envoyé au contact n° 7',
    );
    expect(read('contact', 'portalLinks', '2 live', 'revoked')).toMatchObject({
      before: '2 liens actifs',
      after: 'révoqué',
    });
  });

  it('leaves typed text alone, even when it looks like a date or a link event', () => {
    expect(read('partner', 'name', null, 'revoked').after).toBe('revoked');
    expect(read('meeting', 'title', null, '2026-13-45').after).toBe('2026-13-45');
    expect(read('partner', 'name', null, '').after).toBe('—');
  });
});
