// Preloaded with `node --require bench/sdk-probe.js bin/run.js --help`: reports how many @aws-sdk modules the
// process loaded (the help must load none: performance-limits.md §2.3).
process.on('exit', () => {
  const sdk = Object.keys(require.cache).filter((path) =>
    path.includes(`${require('node:path').sep}@aws-sdk${require('node:path').sep}`),
  );
  process.stderr.write(`sdk-modules=${sdk.length}\n`);
});
