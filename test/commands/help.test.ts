/**
 * Every command documents itself: a summary, at least one example, and help text on every flag — read from the
 * oclif manifest the build writes (the same data `--help` prints, and what keeps `--help` fast).
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {ROOT, runCli} from '../helpers/cli';

interface ManifestFlag {
  name: string;
  summary?: string;
  description?: string;
  hidden?: boolean;
}

interface ManifestCommand {
  id: string;
  summary?: string;
  description?: string;
  examples?: unknown[];
  flags: Record<string, ManifestFlag>;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
  commands: Record<string, ManifestCommand>;
};
const commands = Object.values(manifest.commands).filter((c) => !c.id.startsWith('help'));

describe('help text', () => {
  it('the manifest lists the commands users rely on', () => {
    expect(commands.map((c) => c.id)).toEqual(
      expect.arrayContaining(['scan', 'inventory', 'policies:list', 'policies:validate', 'documents']),
    );
  });

  it.each(commands.map((c) => [c.id, c] as const))('%s has a summary and at least one example', (_id, command) => {
    expect(command.summary ?? command.description).toBeTruthy();
    expect(command.examples?.length ?? 0).toBeGreaterThan(0);
  });

  it.each(commands.map((c) => [c.id, c] as const))('%s explains every flag', (_id, command) => {
    const undocumented = Object.values(command.flags).filter(
      (flag) => !flag.hidden && !(flag.summary ?? flag.description),
    );
    expect(undocumented.map((f) => f.name)).toEqual([]);
  });

  it.each(commands.map((c) => [c.id.replaceAll(':', ' ')] as const))(
    '%s -h prints the same help as --help, exit 0',
    async (id) => {
      const argv = id.split(' ');
      const [short, long] = await Promise.all([runCli([...argv, '-h']), runCli([...argv, '--help'])]);
      expect(short.code).toBe(0);
      expect(short.stdout).toMatch(/^USAGE$/m);
      expect(short.stdout).toContain(`$ mq-audit ${id}`);
      expect(short.stdout).toBe(long.stdout);
      expect(short.stderr).toBe('');
    },
  );

  it('-h after other flags still means help', async () => {
    const result = await runCli(['scan', '--inventory', 'fixtures/demo/inventory.json', '-h']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^USAGE$/m);
  });

  it('scan --help documents the exit codes', async () => {
    const result = await runCli(['scan', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\s+0\s+no failing finding at or above --fail-on$/m);
    expect(result.stdout).toMatch(/^\s+1\s+the gate failed/m);
    expect(result.stdout).toMatch(/^\s+2\s+bad usage or bad input/m);
    expect(result.stdout).toMatch(/^\s+3\s+the scan was incomplete/m);
  });
});
