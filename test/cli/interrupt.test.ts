/**
 * Ctrl-C while a report is being written: the output is either the complete new file or absent, and no
 * temporary file is left behind. Runs src/foundation/output.ts in a child process (transpiled on the fly, no build needed)
 * that writes a large file again and again, and interrupts it mid-write.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const OUTPUT_MODULE = join(__dirname, '..', '..', 'src', 'foundation', 'output.ts');
const SIZE = 64 * 1024 * 1024;

/** Node code for the child: a require hook that transpiles .ts with the project's TypeScript, then the writer loop. */
const CHILD = `
const ts = require(require.resolve('typescript', {paths: [process.cwd()]}));
const fs = require('node:fs');
require.extensions['.ts'] = (module, filename) => {
  const {outputText} = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {compilerOptions: {module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true}});
  module._compile(outputText, filename);
};
const {writeFileAtomic} = require(process.env.OUTPUT_MODULE);
const content = JSON.stringify({filler: 'x'.repeat(Number(process.env.SIZE))});
// Back to the event loop between writes, as the CLI is after each: that is when Node runs signal handlers.
const next = () => {
  writeFileAtomic(process.env.TARGET, content);
  setImmediate(next);
};
next();
`;

function interruptWhileWriting(dir: string): Promise<{signal: NodeJS.Signals | null; code: number | null}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD], {
      cwd: join(__dirname, '..', '..'),
      env: {...process.env, OUTPUT_MODULE, SIZE: String(SIZE), TARGET: join(dir, 'report.json')},
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Interrupt the moment a temporary file exists, i.e. between its creation and its rename.
    const poll = setInterval(() => {
      if (readdirSync(dir).some((name) => name.endsWith('.tmp'))) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 1);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({code, signal});
    });
  });
}

describe('writeFileAtomic under Ctrl-C', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-interrupt-'));
  });
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it('ends as interrupted, with the complete file and no temporary file', async () => {
    const {code, signal} = await interruptWhileWriting(dir);

    expect(signal === 'SIGINT' || code === 130).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.json']);
    const file = join(dir, 'report.json');
    expect(statSync(file).size).toBe(SIZE + '{"filler":""}'.length);
    expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow();
  }, 60_000);
});
