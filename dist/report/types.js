"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NO_BROKERS_WARNING = exports.REPORT_VERSION = exports.REPORT_KIND = void 0;
exports.REPORT_KIND = 'mq-audit/report';
/**
 * 3: brokers listed once with their tags in `brokers`, results name them without tags. 2: network hops listed once
 * in `hops`, flows name them by index. 1: hops inline in every flow. (Shapes of the JSON text: src/report/json.ts.)
 */
exports.REPORT_VERSION = 3;
/** The code of the warning for an estate with no broker (report merge keeps it only when every input has it). */
exports.NO_BROKERS_WARNING = 'no-brokers';
