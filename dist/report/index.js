"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderTable = exports.sarifPathBytes = exports.sarifLogChunks = exports.sarifChunks = exports.renderSarif = exports.pathsWithin = exports.GITHUB_LIMITS = exports.DEFAULT_CATEGORY = exports.categoryProblem = exports.renderMarkdown = exports.renderJunit = exports.renderJson = exports.renderHtml = exports.escapeHtml = exports.FORMATS = void 0;
exports.isFormat = isFormat;
exports.renderChunks = renderChunks;
exports.render = render;
/** The report formats: each is a pure function of the ScanReport; writing it anywhere is the command's job. */
const html_1 = require("./html");
const json_1 = require("./json");
const junit_1 = require("./junit");
const markdown_1 = require("./markdown");
const sarif_1 = require("./sarif");
const table_1 = require("./table");
exports.FORMATS = ['table', 'json', 'sarif', 'markdown', 'junit', 'html'];
const RENDERERS = {
    table: (report, options) => [(0, table_1.renderTable)(report, options)],
    json: (report) => (0, json_1.jsonReportChunks)(report),
    sarif: sarif_1.sarifChunks,
    markdown: (report, options) => [(0, markdown_1.renderMarkdown)(report, options)],
    junit: (report, options) => [(0, junit_1.renderJunit)(report, options)],
    html: html_1.renderHtml,
};
function isFormat(value) {
    return exports.FORMATS.includes(value);
}
/** The report in `format`, as pieces to write one after the other (writeFileAtomic, stdout). */
function renderChunks(format, report, options = {}) {
    // Guards callers that pass an unchecked string (plain JS, a config file).
    if (!isFormat(format))
        throw new Error(`unknown report format "${String(format)}"; expected one of ${exports.FORMATS.join(', ')}`);
    return RENDERERS[format](report, options);
}
/** The report in `format` as one string (small reports, tests). */
function render(format, report, options = {}) {
    return [...renderChunks(format, report, options)].join('');
}
var html_2 = require("./html");
Object.defineProperty(exports, "escapeHtml", { enumerable: true, get: function () { return html_2.escapeHtml; } });
Object.defineProperty(exports, "renderHtml", { enumerable: true, get: function () { return html_2.renderHtml; } });
var json_2 = require("./json");
Object.defineProperty(exports, "renderJson", { enumerable: true, get: function () { return json_2.renderJson; } });
var junit_2 = require("./junit");
Object.defineProperty(exports, "renderJunit", { enumerable: true, get: function () { return junit_2.renderJunit; } });
var markdown_2 = require("./markdown");
Object.defineProperty(exports, "renderMarkdown", { enumerable: true, get: function () { return markdown_2.renderMarkdown; } });
var sarif_2 = require("./sarif");
Object.defineProperty(exports, "categoryProblem", { enumerable: true, get: function () { return sarif_2.categoryProblem; } });
Object.defineProperty(exports, "DEFAULT_CATEGORY", { enumerable: true, get: function () { return sarif_2.DEFAULT_CATEGORY; } });
Object.defineProperty(exports, "GITHUB_LIMITS", { enumerable: true, get: function () { return sarif_2.GITHUB_LIMITS; } });
Object.defineProperty(exports, "pathsWithin", { enumerable: true, get: function () { return sarif_2.pathsWithin; } });
Object.defineProperty(exports, "renderSarif", { enumerable: true, get: function () { return sarif_2.renderSarif; } });
Object.defineProperty(exports, "sarifChunks", { enumerable: true, get: function () { return sarif_2.sarifChunks; } });
Object.defineProperty(exports, "sarifLogChunks", { enumerable: true, get: function () { return sarif_2.sarifLogChunks; } });
Object.defineProperty(exports, "sarifPathBytes", { enumerable: true, get: function () { return sarif_2.sarifPathBytes; } });
var table_2 = require("./table");
Object.defineProperty(exports, "renderTable", { enumerable: true, get: function () { return table_2.renderTable; } });
