import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { join } from 'node:path';
import { QueryFailedError } from 'typeorm';
import { projectRoot } from '../config/project-root';
import { Translator } from '../i18n/messages';
import { ConflictError, NotFoundError, TooManyRequestsError } from './domain-errors';
import { describeError, RequestRefusedException, toErrorBody } from './error-body';
import { BodyTooDeepError } from './input-guards';
import { fieldError, InvalidInputException } from './validation';

describe('error bodies', () => {
  const translator = new Translator(join(projectRoot(), 'templates'));
  const body = (exception: unknown, locale: 'fr' | 'en' = 'fr') =>
    toErrorBody(describeError(exception), (text) => translator.message(locale, text));

  it('say a domain error in the locale, with its code and field', () => {
    expect(body(new NotFoundError('partner', 12))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'errors.notFoundWithId',
      message: 'Partenaire 12 introuvable',
    });
    expect(body(new NotFoundError('meeting'), 'en').message).toBe('Meeting not found');
    const taken = new ConflictError(
      { key: 'errors.user.emailTaken', params: { email: 'a@b.c' } },
      'email',
    );
    expect(body(taken)).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'errors.user.emailTaken',
      message: 'Un utilisateur a déjà l’adresse e-mail a@b.c.',
      field: 'email',
    });
    expect(body(new TooManyRequestsError('errors.auth.throttled', 60)).statusCode).toBe(429);
  });

  it('list each field at fault of a refused input, and name the first', () => {
    const refused = new InvalidInputException([
      fieldError('id', 'errors.input.id', { max: 9 }),
      fieldError('q', 'errors.input.unsafeText'),
    ]);
    expect(body(refused)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'errors.input.invalid',
      message:
        'Saisie refusée. « id » doit être un nombre entier de 1 à 9. Le champ « q » contient un caractère interdit (caractère nul ou caractère Unicode incomplet).',
      field: 'id',
      errors: [
        {
          field: 'id',
          codes: ['errors.input.id'],
          messages: ['« id » doit être un nombre entier de 1 à 9.'],
        },
        {
          field: 'q',
          codes: ['errors.input.unsafeText'],
          messages: [
            'Le champ « q » contient un caractère interdit (caractère nul ou caractère Unicode incomplet).',
          ],
        },
      ],
    });
  });

  it('word what Express, Nest, multer and the database refuse', () => {
    expect(body(new NotFoundException('Cannot POST /api/nothing'))).toMatchObject({
      statusCode: 404,
      code: 'errors.route.unknown',
      message: 'Il n’y a rien à l’adresse /api/nothing (requête POST) : vérifiez le lien.',
    });
    expect(body(new PayloadTooLargeException('File too large'))).toMatchObject({
      statusCode: 413,
      code: 'errors.input.tooLarge',
    });
    expect(body(new RequestRefusedException(415, 'errors.input.jsonOnly'))).toMatchObject({
      statusCode: 415,
      code: 'errors.input.jsonOnly',
      message: 'L’API n’accepte ici que des contenus JSON.',
    });
    expect(body(new BodyTooDeepError(32))).toMatchObject({
      statusCode: 400,
      code: 'errors.input.tooDeep',
      message: 'Le contenu envoyé est trop imbriqué (plus de 32 niveaux).',
    });
    const badJson = Object.assign(new SyntaxError('Unexpected end'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    expect(body(badJson)).toMatchObject({ statusCode: 400, code: 'errors.input.badJson' });
    const unique = new QueryFailedError(
      'INSERT',
      [],
      Object.assign(new Error('x'), { code: '23505' }),
    );
    expect(body(unique)).toMatchObject({ statusCode: 409, code: 'errors.db.unique' });
    expect(body(new Error('boom'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'errors.http.500',
      message: 'Une erreur inattendue s’est produite. L’équipe technique a été prévenue.',
    });
  });
});
