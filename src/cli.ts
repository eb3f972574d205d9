import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppModule } from './app.module';
import { CommandError, createUserFromCommandLine } from './auth/user-commands';
import { DomainError } from './common/domain-errors';
import { UsersService } from './auth/users.service';
import { generateMigration } from './database/generate-migration';
import { DemoDataService } from './demo/demo-data.service';

/**
 * Command-line entry for scripting and operations: `npm run cli -- <command> [options]`.
 * Each command boots the application context on the configured database (migrations included).
 */
type Command = {
  summary: string;
  options: ParseArgsConfig['options'];
  run: (
    app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>,
    values: Record<string, unknown>,
    positionals: string[],
  ) => Promise<void>;
};

const COMMANDS: Record<string, Command> = {
  'migration:generate': {
    summary:
      'migration:generate <Name>  Write the migration that brings the schema to the entities (this engine)',
    options: {},
    run: (app, _values, positionals) => generateMigration(app, positionals[0]),
  },
  'user:create': {
    summary:
      'user:create --email <email> [--role admin|coordinator] [--name "<display name>"] [--password-stdin]\n' +
      '      Create a staff account; the password is read from stdin, or generated and printed once',
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
      console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
      if (generatedPassword) {
        console.log(`Password (shown once, ask them to change it): ${generatedPassword}`);
      }
    },
  },
  'demo:load': {
    summary:
      'demo:load [--force]  Load the demo network and its activity (refuses a database with partners unless --force)',
    options: { force: { type: 'boolean', default: false } },
    run: async (app, values) => {
      const result = await app.get(DemoDataService).load({ force: values.force === true });
      console.log(
        `Données de démonstration chargées en ${(result.milliseconds / 1000).toFixed(1).replace('.', ',')} s : ` +
          `${result.partners} partenaires, ${result.contacts} contacts` +
          (result.skipped
            ? ` (${result.skipped} partenaires déjà présents, laissés tels quels)`
            : '') +
          (result.activity
            ? `, ${result.meetings} réunions, ${result.projects} projets, ` +
              `${result.mails} messages marqués envoyés sans partir (adresses fictives).`
            : ' ; les réunions et projets de démonstration étaient déjà là.'),
      );
    },
  },
};

function usage(): string {
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command: ${name}\n\n${usage()}` : usage());
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
    console.error(`${(error as Error).message}\n\n${usage()}`);
    process.exit(2);
  }
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    await command.run(app, parsed.values, parsed.positionals);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof CommandError || error instanceof DomainError) {
    console.error(`Error: ${error.message}`);
  } else {
    Logger.error(error instanceof Error ? error.message : String(error), 'cli');
  }
  process.exit(1);
});
