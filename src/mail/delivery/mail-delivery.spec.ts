import { AppConfig, addressOf } from '../../config/app-config';
import { backoffSeconds } from './mail-dispatcher';
import { unescapeHandlebars } from './mail-templates';
import { classifyFailure } from './mail-transport';

describe('backoffSeconds', () => {
  it('doubles from the base at each attempt, capped at a day', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffSeconds(n, 60))).toEqual([60, 120, 240, 480, 960]);
    expect(backoffSeconds(30, 60)).toBe(86_400);
  });
});

describe('classifyFailure', () => {
  it('treats 5xx as permanent and 4xx or connection errors as temporary', () => {
    const permanent = classifyFailure({
      responseCode: 550,
      code: 'EENVELOPE',
      response: '550 No such user',
    });
    expect(permanent.permanent).toBe(true);
    expect(permanent.message).toBe('550 EENVELOPE 550 No such user');
    expect(classifyFailure({ responseCode: 451, response: '451 later' }).permanent).toBe(false);
    expect(
      classifyFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }))
        .permanent,
    ).toBe(false);
  });
});

describe('unescapeHandlebars', () => {
  it('gives the text part back the characters Handlebars escaped', () => {
    expect(
      unescapeHandlebars(
        'l&#x27;atelier &amp; &lt;CV&gt; &quot;gratuit&quot; a&#x3D;b &#x60;x&#x60;',
      ),
    ).toBe('l\'atelier & <CV> "gratuit" a=b `x`');
    expect(unescapeHandlebars('&eacute; stays')).toBe('&eacute; stays');
  });
});

describe('mail settings', () => {
  it('derives From and the unsubscribe address, and checks them', () => {
    const config = new AppConfig({ PUBLIC_URL: 'https://maillage.adl.be' });
    expect(config.mailFrom).toBe('Maillage <no-reply@maillage.adl.be>');
    expect(config.mailUnsubscribeAddress).toBe('no-reply@maillage.adl.be');
    expect(config.smtpUrl).toBeUndefined();
    expect(config.mailMaxAttempts).toBe(5);
    const withReplyTo = new AppConfig({ MAIL_REPLY_TO: 'Équipe ADL <adl@commune.be>' });
    expect(withReplyTo.mailUnsubscribeAddress).toBe('adl@commune.be');
    expect(() => new AppConfig({ SMTP_URL: 'http://x' })).toThrow(/SMTP_URL/);
    expect(() => new AppConfig({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
    expect(() => new AppConfig({ MAIL_MAX_ATTEMPTS: '0' })).toThrow(/MAIL_MAX_ATTEMPTS/);
  });

  it('reads bare and named addresses', () => {
    expect(addressOf('a@b.org')).toBe('a@b.org');
    expect(addressOf('Maison de l’Emploi <mde@b.org>')).toBe('mde@b.org');
    expect(addressOf('nope')).toBeUndefined();
  });
});
