import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppModule } from './app.module';
import { createUserFromCommandLine } from './auth/users/user-commands';
import { CommandError } from './common/command-error';
import { requireVisibleText } from './common/visible-text';
import { DomainError, type MessageRef } from './common/domain-errors';
import { AppConfig } from './config/app-config';
import { Translator } from './i18n/messages';
import { UsersService } from './auth/users/users.service';
import { generateMigration, isMigrationName } from './database/generate-migration';
import { DemoDataService } from './demo/demo-data.service';
import { BackupRefusal, backupDatabase, restoreDatabase } from './database/backup/backup';

/**
 * Command-line entry for scripting and operations: `npm run cli -- <command> [options]`.
 * Each command boots the application context on the configured database (migrations included).
 * What it prints is in the configured language (LOCALE), from the catalogues (cli.*).
 */
let wording: { config: AppConfig; translator: Translator } | undefined;
function say(text: MessageRef | string, params: MessageRef['params'] = {}): string {
  const config = wording?.config ?? new AppConfig();
  wording ??= { config, translator: new Translator(config.templatesDir) };
  const ref = typeof text === 'string' ? { key: text, params } : text;
  return wording.translator.message(config.locale, ref);
}

type Command = {
  /** Catalogue key of the line `usage` shows. */
  summary: string;
  options: ParseArgsConfig['options'];
  /** Runs without booting the app (no migration, no timer): backup and restore. */
  bare?: (
    config: AppConfig,
    values: Record<string, unknown>,
    positionals: string[],
  ) => Promise<void>;
  run?: (
    app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>,
    values: Record<string, unknown>,
    positionals: string[],
  ) => Promise<void>;
};

const COMMANDS: Record<string, Command> = {
  'migration:generate': {
    summary: 'cli.summary.migrationGenerate',
    options: {},
    run: async (app, _values, [name]) => {
      if (!isMigrationName(name)) throw new CommandError('errors.cli.migrationName');
      await generateMigration(app, name);
    },
  },
  'user:create': {
    summary: 'cli.summary.userCreate',
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    run: async (app, values) => {
      const { user, generatedPassword } = await createUserFromCommandLine(
        app.get(UsersService),
        values,
      );
      const role = { key: `adminPages.role.${user.role}` };
      console.log(say('cli.userCreated', { role, email: user.email, id: user.id }));
      if (generatedPassword) console.log(say('cli.password', { password: generatedPassword }));
    },
  },
  backup: {
    summary: 'cli.summary.backup',
    options: {},
    bare: async (config, _values, [file]) => {
      if (!file) throw new CommandError('cli.backup.fileRequired');
      const summary = await backupDatabase(config, file);
      console.log(
        say('cli.backup.done', { ...summary, kilobytes: Math.ceil(summary.bytes / 1024) }),
      );
    },
  },
  restore: {
    summary: 'cli.summary.restore',
    options: { force: { type: 'boolean', default: false } },
    bare: async (config, values, [file]) => {
      if (!file) throw new CommandError('cli.backup.fileRequired');
      const summary = await restoreDatabase(config, file, { force: values.force === true });
      console.log(say('cli.restore.done', { ...summary }));
    },
  },
  'demo:load': {
    summary: 'cli.summary.demoLoad',
    options: { force: { type: 'boolean', default: false } },
    run: async (app, values) => {
      const result = await app.get(DemoDataService).load({ force: values.force === true });
      const { milliseconds, activity, ...counts } = result;
      console.log(
        say('cli.demoLoaded', {
          ...counts,
          seconds: Math.round(milliseconds / 100) / 10,
          activity: String(activity),
        }),
      );
    },
  },
};

function usage(): string {
  return [say('cli.usage'), '', ...Object.values(COMMANDS).map((c) => `  ${say(c.summary)}`)].join(
    '\n',
  );
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name ? `${say('cli.unknownCommand', { name })}\n\n${usage()}` : usage());
    process.exit(2);
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`${say(argumentsMistake(error))}\n\n${usage()}`);
    process.exit(2);
  }
  if (command.bare) return command.bare(new AppConfig(), parsed.values, parsed.positionals);
  // The app's validation rules, which its HTTP pipe installs: required text needs a visible
  // character for `user:create --name` as for the account form.
  requireVisibleText();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    await command.run!(app, parsed.values, parsed.positionals);
  } finally {
    await app.close();
  }
}

/** Node's parseArgs errors, by their codes: the option at fault, in the catalogue's words. */
function argumentsMistake(error: unknown): MessageRef {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'([^']+)'/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return { key: 'cli.arguments.unknownOption', params: { option } };
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return { key: 'cli.arguments.optionValue', params: { option } };
  }
  return { key: 'cli.arguments.invalid' };
}

main().catch((error: unknown) => {
  const texts =
    error instanceof CommandError
      ? error.texts
      : error instanceof DomainError
        ? [error.text]
        : error instanceof BackupRefusal
          ? [{ key: error.key, params: error.params }]
          : undefined;
  if (texts) {
    console.error(say('cli.error', { message: texts.map((text) => say(text)).join(' ') }));
  } else {
    Logger.error(error instanceof Error ? error.message : String(error), 'cli');
  }
  process.exit(1);
});
