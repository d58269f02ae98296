"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mergeFiles = mergeFiles;
const errors_1 = require("../foundation/errors");
const json_input_1 = require("../foundation/json-input");
const json_1 = require("../report/json");
const merge_1 = require("../report/merge");
const types_1 = require("../report/types");
function mergeFiles(options) {
    if (options.files.length === 0)
        throw new errors_1.InputError('report merge', 'no input files: give the JSON reports (or SARIF files) to merge');
    const duplicate = options.files.find((file, index) => options.files.indexOf(file) !== index);
    if (duplicate !== undefined)
        throw new errors_1.InputError(duplicate, 'given twice: each report must be merged once');
    const inputs = options.files.map((file) => ({ file, parsed: classify((0, json_input_1.readJsonFile)(file, 'report file'), file) }));
    const reports = inputs.filter((i) => i.parsed.kind === 'report');
    const logs = inputs.filter((i) => i.parsed.kind === 'sarif');
    if (reports.length > 0 && logs.length > 0) {
        throw new errors_1.InputError(logs[0].file, `is a SARIF file, but ${reports[0].file} is a JSON report: merge JSON reports together (then --format sarif renders one run) or SARIF files together, not both`);
    }
    try {
        if (logs.length > 0)
            return { kind: 'sarif', log: (0, merge_1.mergeSarif)(logs.map((i) => ({ file: i.file, value: i.parsed.log }))) };
        return {
            kind: 'report',
            report: (0, merge_1.mergeReports)(reports.map((i) => ({ file: i.file, value: i.parsed.report })), { failOn: options.failOn }),
        };
    }
    catch (error) {
        if (error instanceof merge_1.MergeConflict)
            throw new errors_1.InputError(error.files.length === 1 ? error.files[0] : 'report merge', error.problem);
        throw error;
    }
}
/** An mq-audit JSON report (checked enough to merge safely) or a SARIF 2.1.0 log. */
function classify(data, file) {
    const record = data;
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        throw new errors_1.InputError(file, 'expected an mq-audit JSON report (scan --format json) or a SARIF 2.1.0 file (scan --format sarif)', '/');
    }
    if (record.kind === types_1.REPORT_KIND)
        return { kind: 'report', report: checkReport(record, file) };
    if (Array.isArray(record.runs)) {
        if (record.version !== '2.1.0')
            throw new errors_1.InputError(file, `SARIF version ${JSON.stringify(record.version)} is not supported; expected "2.1.0"`, '/version');
        record.runs.forEach((run, index) => {
            if (run === null || typeof run !== 'object' || Array.isArray(run))
                throw new errors_1.InputError(file, 'expected a SARIF run object', `/runs/${index}`);
        });
        return { kind: 'sarif', log: record };
    }
    throw new errors_1.InputError(file, `"kind" is ${JSON.stringify(record.kind)}: expected an mq-audit JSON report ("kind": "${types_1.REPORT_KIND}") or a SARIF 2.1.0 file`, '/kind');
}
function checkReport(record, file) {
    if (!(typeof record.reportVersion === 'number' &&
        Number.isInteger(record.reportVersion) &&
        record.reportVersion >= 1 &&
        record.reportVersion <= types_1.REPORT_VERSION)) {
        throw new errors_1.InputError(file, `report version ${JSON.stringify(record.reportVersion)} is not supported; this mq-audit merges versions 1 to ${types_1.REPORT_VERSION}`, '/reportVersion');
    }
    const expectations = [
        ['/tool/version', (v) => typeof v === 'string', 'a string'],
        ['/generatedAt', (v) => typeof v === 'string', 'a date-time string'],
        ['/inventory/collectedAt', (v) => typeof v === 'string', 'a date-time string'],
        ['/inventory/scopes', Array.isArray, 'an array'],
        ['/policies', Array.isArray, 'an array'],
        ['/results', Array.isArray, 'an array'],
        ['/collectionErrors', Array.isArray, 'an array'],
        ['/summary/brokers', (v) => typeof v === 'number', 'a number'],
        ['/gate/failOn', (v) => typeof v === 'string', 'a --fail-on value'],
    ];
    for (const [pointer, ok, expected] of expectations) {
        if (!ok(at(record, pointer)))
            throw new errors_1.InputError(file, `expected ${expected}`, pointer);
    }
    record.results.forEach((result, index) => {
        const r = result;
        if (typeof r?.policyId !== 'string' || typeof r.status !== 'string' || typeof r.resource?.arn !== 'string') {
            throw new errors_1.InputError(file, 'expected a result with policyId, status and resource.arn', `/results/${index}`);
        }
    });
    try {
        return (0, json_1.reportFromJson)(record);
    }
    catch (error) {
        if (error instanceof json_1.ReportShapeError)
            throw new errors_1.InputError(file, `expected ${error.expected}`, error.place);
        throw error;
    }
}
function at(record, pointer) {
    return pointer
        .split('/')
        .slice(1)
        .reduce((value, key) => value !== null && typeof value === 'object' ? value[key] : undefined, record);
}
