"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_CONFIG_FILE = exports.SCHEMAS = exports.BUILT_IN_POLICIES = exports.PACKAGE_ROOT = void 0;
const node_path_1 = require("node:path");
/** The package root, from src/ under ts-jest and from dist/ when built. */
exports.PACKAGE_ROOT = (0, node_path_1.resolve)(__dirname, '..', '..');
exports.BUILT_IN_POLICIES = (0, node_path_1.resolve)(exports.PACKAGE_ROOT, 'policies');
exports.SCHEMAS = (0, node_path_1.resolve)(exports.PACKAGE_ROOT, 'schemas');
exports.DEFAULT_CONFIG_FILE = '.mq-audit/config.json';
