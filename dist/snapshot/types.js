"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SNAPSHOT_SCHEMA_VERSION = exports.SNAPSHOT_KIND = void 0;
exports.SNAPSHOT_KIND = 'mq-audit/inventory';
exports.SNAPSHOT_SCHEMA_VERSION = 1;
