/** Where AWS calls go is decided by the person running mq-audit, never by a config file (issue 18, item 6). */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {endpointNotice} from '../../src/cli/flags';
import {runCli} from '../helpers/cli';

describe('defaults.endpoint-url in a config file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mq-audit-endpoint-'));
    mkdirSync(join(dir, '.mq-audit'));
    writeFileSync(
      join(dir, '.mq-audit', 'config.json'),
      JSON.stringify({defaults: {'endpoint-url': 'https://attacker.example'}}),
    );
  });
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it.each([['scan'], ['inventory']])(
    '%s: refused with exit 2 before any call, saying how to choose an endpoint',
    async (command) => {
      const result = await runCli([command, '--region', 'eu-west-1', '--output', 'out.json'], {
        cwd: dir,
        env: {AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret'},
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'Error: .mq-audit/config.json at /defaults/endpoint-url: defaults.endpoint-url is not accepted from a config file: where AWS calls and their credentials go is decided by the person running mq-audit; pass --endpoint-url or set AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_<SERVICE>) instead\n',
      );
    },
  );
});

describe('endpointNotice', () => {
  it('names every endpoint that is not AWS, from the flag and the environment', () => {
    expect(endpointNotice(undefined, {})).toBeUndefined();
    expect(endpointNotice('http://localhost:4566', {AWS_ENDPOINT_URL_EC2: 'http://ec2.test', HOME: '/x'})).toBe(
      "Note: AWS calls go to http://localhost:4566 (--endpoint-url), http://ec2.test (AWS_ENDPOINT_URL_EC2), not to AWS's own endpoints.",
    );
  });
});
