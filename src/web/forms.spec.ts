import { localPath } from './forms';

describe('localPath', () => {
  it('keeps paths on this site', () => {
    expect(localPath('/partners?page=2')).toBe('/partners?page=2');
    expect(localPath('/')).toBe('/');
  });

  it('refuses anything that could leave the site', () => {
    for (const bad of [
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(1)',
      '/ok\r\nSet-Cookie: x',
      '',
      undefined,
      ['/a'],
    ]) {
      expect(localPath(bad)).toBe('/');
    }
  });
});
