/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Two cores: one worker runs the suite, the other stays free for CLI child processes the tests spawn.
  maxWorkers: 2,
  verbose: true,
  clearMocks: true,
  // Command tests spawn the CLI (and a local AWS stand-in); on two busy cores that takes seconds. Timeouts are a
  // hang guard, not a speed target (speed lives in `npm run bench`).
  testTimeout: 60_000,
  transform: {'^.+\\.ts$': ['ts-jest', {tsconfig: 'tsconfig.json', diagnostics: false}]},
};
