"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LARGE_HEAP_LIMIT = exports.HEAP_GROWING_PERCENT = void 0;
exports.heapGrowthFlag = heapGrowthFlag;
exports.boundHeapGrowth = boundHeapGrowth;
/**
 * How far V8 lets its heap grow past what a full collection left live before it collects again. When its heap
 * limit is 2 GB or more (Node gives it a quarter of the memory it sees, so any machine with 8 GB and no container
 * limit), V8 lets the old generation grow to up to 4 times the live data: the benchmark's 10,000-broker scan then
 * peaked near 480 MB, and near 340 MB with a bound of 50 %, for about 10 % more CPU time (docs/scale.md has the
 * measurements). Below that limit (a container, or `--max-old-space-size`) V8's own factor is 1.3–2 and is
 * left alone. The factor is read at every full collection, so unlike the heap's size limits it can be set once
 * the process runs. Node.js itself keeps V8's flags writable after start-up (v8/node#141); other embedders may
 * freeze them (NW.js does, and aborts the process on a write), and Bun and Deno offer node:v8 only as a
 * compatibility layer: under those the bound is not set.
 */
const node_v8_1 = require("node:v8");
exports.HEAP_GROWING_PERCENT = 50;
/** From this heap limit on, V8's own growing factor is 4 (v8/src/heap/heap-controller.cc, 64-bit). */
exports.LARGE_HEAP_LIMIT = 2 * 1024 ** 3;
const OWN_CHOICE = /^--heap[-_]growing[-_]percent(=|$)/;
/** Runtimes that report themselves in process.versions and must not have V8 flags written (see above). */
const OTHER_RUNTIMES = ['electron', 'nw', 'bun', 'deno'];
/**
 * The V8 flag mq-audit sets, or undefined: when node was started with its own (`node --heap-growing-percent=0`
 * restores V8's default), when the heap limit is small enough for V8 to grow the heap sparingly by itself, or
 * when this is not plain Node.js.
 */
function heapGrowthFlag(execArgv, heapSizeLimit, versions = process.versions) {
    if (heapSizeLimit < exports.LARGE_HEAP_LIMIT || OTHER_RUNTIMES.some((runtime) => versions[runtime] !== undefined))
        return undefined;
    return execArgv.some((argument) => OWN_CHOICE.test(argument))
        ? undefined
        : `--heap-growing-percent=${exports.HEAP_GROWING_PERCENT}`;
}
function boundHeapGrowth() {
    const flag = heapGrowthFlag(process.execArgv, (0, node_v8_1.getHeapStatistics)().heap_size_limit);
    if (flag)
        (0, node_v8_1.setFlagsFromString)(flag);
}
