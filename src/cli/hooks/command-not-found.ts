/**
 * oclif's `command_not_found` hook: a mistyped command is bad input (exit 2) with the nearest commands, in the
 * same form as every other error mq-audit prints, instead of oclif's bare "command scna not found".
 */
import type {Hook} from '@oclif/core';
import {EXIT} from '../../policy/types';
import {commandNotFoundMessage} from '../suggest';

// eslint-disable-next-line @typescript-eslint/require-await -- oclif's hook type is async; this one has nothing to wait for
const hook: Hook.CommandNotFound = async function (options) {
  const separator = options.config.topicSeparator;
  const spaced = (id: string) => id.replaceAll(':', separator);
  const commands = options.config.commands
    .filter((command) => !command.hidden && command.id !== 'help')
    .map((command) => spaced(command.id));
  process.stderr.write(`Error: ${commandNotFoundMessage(spaced(options.id), options.config.bin, commands)}\n`);
  return this.exit(EXIT.badInput);
};

export default hook;
