// ESLint: typescript-eslint's type-aware rules on the TypeScript, ESLint's recommended rules on the plain JavaScript.
// Layout is Prettier's (prettier.config.js): no rule here is about formatting. `npm run lint`; `npm test` runs it.
import js from '@eslint/js';
import {defineConfig} from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'out/', 'coverage/', 'node_modules/', 'fixtures/', 'test/fixtures/', '**/*.d.ts'],
  },
  // A disable comment that no longer disables anything is an error: it would hide the next real problem.
  {linterOptions: {reportUnusedDisableDirectives: 'error'}},
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    // recommendedTypeChecked: among others no-floating-promises, no-misused-promises, await-thenable, the no-unsafe-*
    // rules (an `any` assigned, called, indexed, passed or returned), no-unused-vars, require-await,
    // restrict-template-expressions, no-base-to-string, unbound-method, no-unnecessary-type-assertion.
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // tsconfig.json covers src/, test/ and bench/: the rules see the types the compiler sees.
      parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname},
    },
    rules: {
      // `_` marks what is unused on purpose: a parameter an interface requires, a property left out of a rest copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true},
      ],
      // Beyond the recommended set, a few that catch real bugs.
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-misused-spread': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', {considerDefaultExhaustiveForUnions: true}],
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/only-throw-error': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Jest's asymmetric matchers (expect.stringContaining, expect.any, expect.objectContaining…) are typed `any` by
      // design, to sit inside a typed expected value; this rule flags every one of them. An `any` that is then used is
      // still caught, by no-unsafe-member-access, -call, -argument and -return.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // Stand-ins for asynchronous APIs (credential providers, page fetchers) are written `async () => value`.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The CLI prints through oclif's command (this.log, this.warn) and the services do not print at all.
    files: ['src/**/*.ts'],
    rules: {'no-console': 'error'},
  },
  {
    // Plain Node.js CommonJS: bin/, scripts/, bench/'s runners, the tools' own config files.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {files: ['**/*.mjs'], languageOptions: {sourceType: 'module'}},
);
