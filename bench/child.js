#!/usr/bin/env node
// The CLI exactly as bin/run.js starts it, plus its peak RSS and CPU written at exit (BENCH_USAGE_FILE) for the
// benchmark. `node bench/child.js scan …` behaves like `mq-audit scan …`.
const {writeFileSync} = require('node:fs');

process.on('exit', () => {
  if (!process.env.BENCH_USAGE_FILE) return;
  const usage = process.resourceUsage();
  writeFileSync(
    process.env.BENCH_USAGE_FILE,
    JSON.stringify({maxRSS: usage.maxRSS, userCPU: usage.userCPUTime, systemCPU: usage.systemCPUTime}),
  );
});
require('../bin/run.js');
