"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.writeSarifFile = writeSarifFile;
exports.writeReport = writeReport;
exports.writeSarifLog = writeSarifLog;
/**
 * Writing a report where the user asked (a file, atomically, or standard output), for `scan` and `report merge`.
 *
 * A SARIF file must fit GitHub code scanning's limit (10 MB gzip-compressed, else the whole upload is rejected):
 * when it does not, it is written again with the network paths (code flows, related locations) of the least
 * severe findings left out, until it fits. Their messages still say where each path breaks, and the file says
 * how many were left out. Standard output cannot be measured before it is read, so it is written whole.
 */
const node_fs_1 = require("node:fs");
const output_1 = require("../foundation/output");
const index_1 = require("../report/index");
/** Aim this far below the limit, so that one more pass is rarely needed. */
const TARGET_SHARE = 0.9;
const MAX_PASSES = 4;
/** The report as SARIF in `file`, within `limitBytes` compressed where leaving out paths can get it there. */
async function writeSarifFile(file, report, options, limitBytes = index_1.GITHUB_LIMITS.gzipBytes) {
    (0, output_1.writeOutput)(file, (0, index_1.sarifChunks)(report, options));
    let compressed = await (0, output_1.gzippedSizeAbove)(file, limitBytes);
    if (compressed === undefined || compressed <= limitBytes)
        return { compressedBytes: compressed, overLimit: false };
    const pathBytes = (0, index_1.sarifPathBytes)(report, options);
    let pathsFor = pathBytes.length;
    for (let pass = 0; pass < MAX_PASSES && compressed > limitBytes && pathsFor > 0; pass++) {
        // Compressed bytes per written byte, read off the file as it is now; paths compress about like the rest.
        const ratio = compressed / (0, node_fs_1.statSync)(file).size;
        pathsFor = (0, index_1.pathsWithin)(pathBytes.slice(0, pathsFor), (compressed - limitBytes * TARGET_SHARE) / ratio);
        (0, output_1.writeOutput)(file, (0, index_1.sarifChunks)(report, { ...options, pathsFor }));
        compressed = await (0, output_1.gzippedSize)(file);
    }
    return { compressedBytes: compressed, pathsFor, overLimit: compressed > limitBytes };
}
/** Writes the report; returns what the user should be told about the file (notes and warnings, one line each). */
async function writeReport(file, format, report, options, limitBytes = index_1.GITHUB_LIMITS.gzipBytes) {
    const toFile = file !== undefined && file !== '-';
    if (format !== 'sarif' || !toFile) {
        (0, output_1.writeOutput)(file, (0, index_1.renderChunks)(format, report, options));
        return [];
    }
    const outcome = await writeSarifFile(file, report, options, limitBytes);
    const lines = [];
    if (outcome.pathsFor !== undefined) {
        lines.push(`Note: ${file} keeps the network paths of its ${outcome.pathsFor} most severe findings only, to stay under GitHub code scanning's ` +
            `${megabytes(limitBytes)} MB compressed limit; the other findings' messages still say where each path breaks, and the JSON report has every hop.`);
    }
    if (outcome.overLimit)
        lines.push(tooLarge(file, outcome.compressedBytes, limitBytes));
    return lines;
}
/** Merged SARIF logs are written as they are; a warning when the result is too large for GitHub. */
async function writeSarifLog(file, log) {
    (0, output_1.writeOutput)(file, (0, index_1.sarifLogChunks)(log));
    if (file === undefined || file === '-')
        return [];
    const compressed = await (0, output_1.gzippedSizeAbove)(file, index_1.GITHUB_LIMITS.gzipBytes);
    return compressed !== undefined && compressed > index_1.GITHUB_LIMITS.gzipBytes ? [tooLarge(file, compressed)] : [];
}
function tooLarge(file, compressed, limitBytes = index_1.GITHUB_LIMITS.gzipBytes) {
    return (`Warning: ${file} is ${megabytes(compressed)} MB gzip-compressed; GitHub code scanning rejects SARIF uploads over ${megabytes(limitBytes)} MB. ` +
        'Split the scan with --shard I/N and upload each part with its own --category (docs/scale.md), or narrow it with --account / --policy.');
}
function megabytes(bytes) {
    return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 3 : 1);
}
