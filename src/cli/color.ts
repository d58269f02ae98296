/**
 * The one decision on colour, for everything mq-audit paints (the scan table, `paths` text, the estate view):
 *
 * 1. `NO_COLOR` set to anything but the empty string: no colour (https://no-color.org), whatever else says;
 * 2. `FORCE_COLOR=0` (or `false`): no colour; `FORCE_COLOR` 1, 2 or 3 (or `true`, or set empty, as Node.js reads
 *    it): colour even when the stream is not a terminal (a CI log that renders colour, a pager run with -R);
 * 3. otherwise colour exactly when the stream is a terminal.
 *
 * Collection progress (src/cli/progress.ts) draws no colour: it only rewrites its line on a terminal.
 */
export function colorEnabled(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR?.trim().toLowerCase();
  if (force !== undefined) {
    if (force === '0' || force === 'false') return false;
    if (force === '' || force === 'true' || force === '1' || force === '2' || force === '3') return true;
  }

  return Boolean(stream.isTTY);
}
