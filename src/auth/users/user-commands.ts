import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CommandError } from '../../common/command-error';
import { randomToken } from '../../common/secrets';
import { flattenValidationErrors } from '../../common/validation';
import { CreateUserDto } from './create-user.dto';
import { ROLES, type User } from './user.entity';
import { UsersService } from './users.service';

export interface CreateUserArgs {
  email?: string;
  role?: string;
  name?: string;
  'password-stdin'?: boolean;
}

/** The first line of what is piped in, without its line break. */
export async function readFirstLine(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * `user:create --email … [--role admin|coordinator] [--name "…"] [--password-stdin]`: the same
 * rules as the API (valid email, known role, password of 12 characters or more, unique email).
 * Without --password-stdin a password is generated and returned, to be printed once.
 */
export async function createUserFromCommandLine(
  users: UsersService,
  args: CreateUserArgs,
  readPassword: () => Promise<string> = () => readFirstLine(),
): Promise<{ user: User; generatedPassword?: string }> {
  if (!args.email) throw new CommandError('errors.cli.emailRequired');
  const role = args.role ?? 'coordinator';
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new CommandError({
      key: 'errors.cli.role',
      params: { values: { values: ROLES, labels: 'adminPages.role' }, role },
    });
  }
  const generatedPassword = args['password-stdin'] ? undefined : randomToken(18);
  const password = generatedPassword ?? (await readPassword());
  const input = plainToInstance(CreateUserDto, {
    email: args.email,
    displayName: args.name ?? args.email.split('@')[0],
    role,
    password,
  });
  const errors = flattenValidationErrors(await validate(input));
  if (errors.length > 0) {
    throw new CommandError(...errors.flatMap((e) => e.problems));
  }
  const user = await users.create(input, { label: 'CLI' });
  return { user, generatedPassword };
}
