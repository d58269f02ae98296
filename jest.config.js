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
  transform: {'^.+\\.ts$': ['ts-jest', {tsconfig: 'tsconfig.json', diagnostics: false}]},
};
