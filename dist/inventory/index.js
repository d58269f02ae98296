"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.classifyAwsError = exports.DEFAULT_CONCURRENCY = exports.collectInventory = void 0;
/**
 * The inventory collector's entry point: the service loads it with `await import('../inventory')` so that
 * commands (and `--help`) never load @aws-sdk/*. Everything here is plain data; no SDK type leaves.
 */
var collect_1 = require("./collect");
Object.defineProperty(exports, "collectInventory", { enumerable: true, get: function () { return collect_1.collectInventory; } });
Object.defineProperty(exports, "DEFAULT_CONCURRENCY", { enumerable: true, get: function () { return collect_1.DEFAULT_CONCURRENCY; } });
var errors_1 = require("./errors");
Object.defineProperty(exports, "classifyAwsError", { enumerable: true, get: function () { return errors_1.classifyAwsError; } });
