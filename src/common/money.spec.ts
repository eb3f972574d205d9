import { centsAsFormText, parseEuroCents } from './money';

describe('amounts as people type them', () => {
  it.each([
    ['150', 15000],
    ['150,5', 15050],
    ['150.50', 15050],
    ['12,50 €', 1250],
    ['€12.50', 1250],
    ['0,42', 42],
    ['1 234,56', 123456],
    ['1\u202f234,56 €', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567', 123456700],
    ['12 EUR', 1200],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseEuroCents(text)).toBe(cents);
  });
  it('reads an empty field as no amount', () => {
    expect(parseEuroCents('  ')).toBeNull();
  });
  it.each(['abc', '-5', '12,505', '1.234', '12,5,3', ',5', '1,23,456.00', '1234567890', '5e3'])(
    'refuses %j',
    (text) => {
      expect(parseEuroCents(text)).toBeNaN();
    },
  );
  it('writes cents back as a form shows them', () => {
    expect(centsAsFormText(42, 'fr')).toBe('0,42');
    expect(centsAsFormText(15000, 'en')).toBe('150.00');
  });
});
