"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EXIT = exports.FAIL_ON_VALUES = exports.STATUSES = exports.SEVERITIES = void 0;
exports.SEVERITIES = ['critical', 'high', 'medium', 'low'];
exports.STATUSES = ['pass', 'fail', 'not_applicable', 'error'];
exports.FAIL_ON_VALUES = [...exports.SEVERITIES, 'none'];
/** Exit codes: the contract CI relies on (README "Exit codes"). */
exports.EXIT = { ok: 0, gateFailed: 1, badInput: 2, incomplete: 3 };
