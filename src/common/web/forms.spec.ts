import { IsString, MinLength } from 'class-validator';
import { NotFoundError, RuleViolationError } from '../domain-errors';
import type { ViewService } from './view.service';
import { fieldErrorMessages, fieldMessages, localPath, submitForm, validateForm } from './forms';

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

describe('submitForm', () => {
  class NameDto {
    @IsString()
    @MinLength(2)
    name!: string;
  }

  it('runs the action with the checked value', async () => {
    const outcome = await submitForm(NameDto, { name: 'Ana', _csrf: 'x' }, (value) => {
      expect(value).toBeInstanceOf(NameDto);
      return Promise.resolve(value.name.length);
    });
    expect(outcome).toEqual({ ok: true, result: 3 });
  });

  it('gives the fields at fault without running the action', async () => {
    const action = jest.fn();
    const outcome = await submitForm(NameDto, { name: 'A' }, action);
    expect(action).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({
      ok: false,
      errors: [
        {
          field: 'name',
          problems: [{ key: 'errors.validation.minLength', params: { field: 'name', min: 2 } }],
        },
      ],
    });
  });

  it('turns a broken rule into a problem of its field, and lets other errors through', async () => {
    const rule = new RuleViolationError('errors.setup.done', 'name');
    const outcome = await submitForm(NameDto, { name: 'Ana' }, () => Promise.reject(rule));
    expect(outcome).toEqual({
      ok: false,
      errors: [{ field: 'name', problems: [{ key: 'errors.setup.done' }] }],
      refused: rule,
    });
    await expect(
      submitForm(NameDto, { name: 'Ana' }, () => Promise.reject(new NotFoundError('partner', 1))),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('fieldMessages', () => {
  const catalogue: Record<string, string> = {
    'form.error.field': 'Le champ « {field} » n’est pas valide.',
    'page.error.date': 'Date : indiquez une date valide.',
  };
  const views = {
    text: (key: string, params: Record<string, string> = {}) =>
      (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (_w, name: string) => params[name]),
    textIfPresent: (key: string) => catalogue[key],
  } as unknown as ViewService;

  it('uses the catalogue message of each field, else a generic one naming it, once each', () => {
    expect(
      fieldMessages(views, 'page.error', [
        { field: 'date', problems: [{ key: 'errors.validation.isDateString' }] },
        { field: 'date', problems: [{ key: 'errors.validation.minLength' }] },
        { field: 'other', problems: [{ key: 'errors.validation.isString' }] },
      ]),
    ).toEqual(['Date : indiquez une date valide.', 'Le champ « other » n’est pas valide.']);
  });
});

describe('fieldErrorMessages', () => {
  const wording = {
    text: (key: string) => ({ 'page.error.email': 'Email : indiquez une adresse.' })[key],
    message: (text: { key: string }) => `[${text.key}]`,
  };

  it('words each field once: the page’s message, else the validator’s, unless already worded', () => {
    expect(
      fieldErrorMessages(
        [
          { field: 'email', problems: [{ key: 'errors.validation.isEmail' }] },
          { field: 'name', problems: [{ key: 'a' }, { key: 'b' }] },
          { field: 'role', problems: [{ key: 'page.taken' }], translated: true },
        ],
        wording,
        'page.error',
      ),
    ).toEqual({
      byField: { email: 'Email : indiquez une adresse.', name: '[a] ; [b]', role: '[page.taken]' },
      list: ['Email : indiquez une adresse.', '[a] ; [b]', '[page.taken]'],
    });
  });
});

describe('validateForm', () => {
  class NamedForm {
    @IsString()
    name: string;
  }

  it('says a list sent as the whole body is no form, naming no field it cannot name', async () => {
    const { errors } = await validateForm(NamedForm, []);
    expect(errors).toEqual([{ field: 'body', problems: [{ key: 'errors.input.bodyNotObject' }] }]);
  });
});
