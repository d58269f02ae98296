import {colorEnabled} from '../../src/cli/color';

const TTY = {isTTY: true};
const PIPE = {isTTY: false};

describe('the one colour decision (NO_COLOR, FORCE_COLOR, the terminal)', () => {
  it.each([
    ['a terminal', TTY, {}, true],
    ['a pipe', PIPE, {}, false],
    ['NO_COLOR=1 on a terminal', TTY, {NO_COLOR: '1'}, false],
    ['NO_COLOR with any value', TTY, {NO_COLOR: 'false'}, false],
    ['NO_COLOR empty is not set', TTY, {NO_COLOR: ''}, true],
    ['FORCE_COLOR=1 on a pipe', PIPE, {FORCE_COLOR: '1'}, true],
    ['FORCE_COLOR=2 on a pipe', PIPE, {FORCE_COLOR: '2'}, true],
    ['FORCE_COLOR=3 on a pipe', PIPE, {FORCE_COLOR: '3'}, true],
    ['FORCE_COLOR=true on a pipe', PIPE, {FORCE_COLOR: 'true'}, true],
    ['FORCE_COLOR=0 on a terminal', TTY, {FORCE_COLOR: '0'}, false],
    ['FORCE_COLOR=false on a terminal', TTY, {FORCE_COLOR: 'false'}, false],
    ['FORCE_COLOR=banana: the terminal decides', PIPE, {FORCE_COLOR: 'banana'}, false],
    ['NO_COLOR wins over FORCE_COLOR', PIPE, {NO_COLOR: '1', FORCE_COLOR: '1'}, false],
  ] as const)('%s', (_name, stream, env, expected) => {
    expect(colorEnabled(stream, env as NodeJS.ProcessEnv)).toBe(expected);
  });
});
