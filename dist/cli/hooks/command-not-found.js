"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const types_1 = require("../../policy/types");
const suggest_1 = require("../suggest");
// eslint-disable-next-line @typescript-eslint/require-await -- oclif's hook type is async; this one has nothing to wait for
const hook = async function (options) {
    const separator = options.config.topicSeparator;
    const spaced = (id) => id.replaceAll(':', separator);
    const commands = options.config.commands
        .filter((command) => !command.hidden && command.id !== 'help')
        .map((command) => spaced(command.id));
    process.stderr.write(`Error: ${(0, suggest_1.commandNotFoundMessage)(spaced(options.id), options.config.bin, commands)}\n`);
    return this.exit(types_1.EXIT.badInput);
};
exports.default = hook;
