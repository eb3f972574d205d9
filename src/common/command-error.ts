import type { MessageRef } from './domain-errors';

/** A mistake in the command line: its messages (catalogue keys) are printed, exit status 1. */
export class CommandError extends Error {
  readonly texts: MessageRef[];
  constructor(...texts: (MessageRef | string)[]) {
    const refs = texts.map((text) => (typeof text === 'string' ? { key: text } : text));
    super(refs.map((text) => text.key).join('; '));
    this.texts = refs;
  }
}
