import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
  getMetadataStorage,
  validateSync,
} from 'class-validator';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root';
import { Translator } from '../i18n/messages';
import { PARTNER_KINDS } from '../partners/partner-kind';
import { flattenValidationErrors, rememberValidationRules } from './validation';

class ItemDto {
  @IsInt()
  @Min(1)
  id!: number;
}

class SampleDto {
  @IsString()
  @MaxLength(5)
  name!: string;

  @IsIn(PARTNER_KINDS)
  kind!: string;

  @IsIn(['a', 'b'])
  letter!: string;

  @Length(10, 10)
  day!: string;

  @Length(2, 4)
  code!: string;

  @Matches(/^\d{4}-\d{2}$/, { context: { format: 'month' } })
  month!: string;

  @Matches(/^x$/)
  pattern!: string;

  @IsEmail()
  email!: string;

  @Equals(true)
  all!: boolean;

  @ArrayMaxSize(1)
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items!: ItemDto[];
}

describe('class-validator constraints in the catalogues', () => {
  const translator = new Translator(join(projectRoot(), 'templates'));
  const sample = Object.assign(new SampleDto(), {
    name: 'too long',
    kind: 'bakery',
    letter: 'c',
    day: '2026-3-5',
    code: 'x',
    month: '2026/03',
    pattern: 'y',
    email: 'nope',
    all: false,
    items: [Object.assign(new ItemDto(), { id: 0 }), Object.assign(new ItemDto(), { id: 2 })],
  });
  const errors = flattenValidationErrors(validateSync(sample));
  const say = (field: string, locale: 'fr' | 'en' = 'fr') =>
    errors
      .find((error) => error.field === field)
      ?.problems.map((problem) => translator.message(locale, problem));

  it('gives one key per constraint, with the constraint’s arguments as placeholders', () => {
    expect(errors.find((error) => error.field === 'name')?.problems).toEqual([
      { key: 'errors.validation.maxLength', params: { field: 'name', max: 5 } },
    ]);
    expect(errors.find((error) => error.field === 'code')?.problems).toEqual([
      { key: 'errors.validation.isLength', params: { field: 'code', min: 2, max: 4 } },
    ]);
  });

  it('says each in French, and in English', () => {
    expect(say('name')).toEqual(['« name » doit faire au plus 5 caractères.']);
    expect(say('name', 'en')).toEqual(['“name” must be at most 5 characters long.']);
    expect(say('day')).toEqual(['« day » doit faire exactement 10 caractères.']);
    expect(say('code')).toEqual(['« code » doit faire de 2 à 4 caractères.']);
    expect(say('month')).toEqual([
      '« month » doit être un mois au format AAAA-MM, de l’an 1000 à l’an 2999.',
    ]);
    expect(say('pattern')).toEqual(['« pattern » est incorrect.']);
    expect(say('email')).toEqual(['« email » doit être une adresse e-mail valide.']);
    expect(say('all')).toEqual(['« all » doit valoir true.']);
    expect(say('items')).toEqual(['« items » doit contenir au plus 1 éléments.']);
    expect(say('items.0.id')).toEqual(['« items.0.id » doit être supérieur ou égal à 1.']);
  });

  it('lists accepted values with the app’s labels where it has them', () => {
    expect(say('kind')?.[0]).toMatch(
      /^« kind » doit être l’une des valeurs : public-employment-service \(Service public de l’emploi\), mission-locale \(Mission locale\), .*agency \(Notre agence\), other \(Autre\)\.$/,
    );
    expect(say('letter')).toEqual(['« letter » doit être l’une des valeurs : a, b.']);
  });
});

describe('rememberValidationRules', () => {
  class Base {
    @IsString()
    name!: string;
  }
  class Child extends Base {
    @IsInt()
    count!: number;
  }
  const child = (fields: object) => Object.assign(new Child(), fields);

  it('answers each class once, and validates as before, inherited rules included', () => {
    rememberValidationRules();
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['count', 'name']);
    expect(validateSync(child({ name: 'a', count: 1 }))).toEqual([]);
    const errors = validateSync(child({ name: 3, count: 'x' }));
    expect(errors.map((e) => e.property).sort()).toEqual(['count', 'name']);
  });

  it('forgets its answers when a rule is registered later', () => {
    rememberValidationRules();
    expect(validateSync(child({ name: 'a', count: 1 }))).toEqual([]);
    Min(5)(Child.prototype, 'count');
    expect(validateSync(child({ name: 'a', count: 1 })).map((e) => e.property)).toEqual(['count']);
  });
});
