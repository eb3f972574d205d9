import { distanceKm, greatCircleKm, travelCents } from './geo';

const COMINES = { latitude: 50.7632, longitude: 3.0046 };
const LILLE = { latitude: 50.6365, longitude: 3.0635 };
const ROUBAIX = { latitude: 50.6942, longitude: 3.1746 };
const BRUSSELS = { latitude: 50.8467, longitude: 4.3525 };
const LIEGE = { latitude: 50.6326, longitude: 5.5797 };
const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const LONDON = { latitude: 51.5074, longitude: -0.1278 };

describe('greatCircleKm', () => {
  it('finds Comines to Lille about 15-16 km as the crow flies', () => {
    const km = greatCircleKm(COMINES, LILLE);
    expect(km).toBeGreaterThan(14);
    expect(km).toBeLessThan(17);
  });
  it('finds Lille to Roubaix about 11 km', () => {
    expect(greatCircleKm(LILLE, ROUBAIX)).toBeCloseTo(10.4, 0);
  });
  it('finds Brussels to Liège about 89 km', () => {
    const km = greatCircleKm(BRUSSELS, LIEGE);
    expect(km).toBeGreaterThan(87);
    expect(km).toBeLessThan(91);
  });
  it('finds Paris to London about 344 km', () => {
    expect(Math.round(greatCircleKm(PARIS, LONDON))).toBe(344);
  });
  it('is symmetric and zero for the same point', () => {
    expect(greatCircleKm(LIEGE, BRUSSELS)).toBeCloseTo(greatCircleKm(BRUSSELS, LIEGE), 9);
    expect(greatCircleKm(LILLE, LILLE)).toBe(0);
  });
});

describe('distanceKm', () => {
  it('is null, never 0, when a place has no coordinates', () => {
    expect(distanceKm({ latitude: null, longitude: null }, LILLE)).toBeNull();
    expect(distanceKm(LILLE, { latitude: 50.6, longitude: null })).toBeNull();
  });
});

describe('travelCents', () => {
  it('charges the round trip at the per-km rate, rounded to the cent', () => {
    expect(travelCents(15.26, 40)).toBe(1221);
    expect(travelCents(0, 40)).toBe(0);
  });
  it('is unknown when the distance is', () => {
    expect(travelCents(null, 40)).toBeNull();
  });
});
