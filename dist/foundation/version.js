"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TOOL = void 0;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const package_paths_1 = require("./package-paths");
/** The tool's name and version as reported in inventories, reports and SARIF. */
exports.TOOL = {
    name: 'mq-audit',
    version: JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(package_paths_1.PACKAGE_ROOT, 'package.json'), 'utf8')).version,
};
