/**
 * Writing a report where the user asked (a file, atomically, or standard output), for `scan` and `report merge`.
 *
 * A SARIF file must fit GitHub code scanning's limit (10 MB gzip-compressed, else the whole upload is rejected):
 * when it does not, it is written again with the network paths (code flows, related locations) of the least
 * severe findings left out, until it fits. Their messages still say where each path breaks, and the file says
 * how many were left out. Standard output cannot be measured before it is read, so it is written whole.
 */
import {statSync} from 'node:fs';
import type {Log} from 'sarif';

import {gzippedSize, gzippedSizeAbove, writeOutput} from '../foundation/output';
import {
  type Format,
  GITHUB_LIMITS,
  pathsWithin,
  renderChunks,
  type RenderOptions,
  sarifChunks,
  sarifLogChunks,
  sarifPathBytes,
  type ScanReport,
} from '../report/index';

/** Aim this far below the limit, so that one more pass is rarely needed. */
const TARGET_SHARE = 0.9;
const MAX_PASSES = 4;

export interface SarifFileOutcome {
  /** Gzip-compressed size, when the file is larger than the limit uncompressed (else there was no need to measure). */
  compressedBytes?: number;
  /** Set when paths were left out: how many results (most severe first) kept theirs. */
  pathsFor?: number;
  /** Still over the limit with every path left out. */
  overLimit: boolean;
}

/** The report as SARIF in `file`, within `limitBytes` compressed where leaving out paths can get it there. */
export async function writeSarifFile(
  file: string,
  report: ScanReport,
  options: RenderOptions,
  limitBytes: number = GITHUB_LIMITS.gzipBytes,
): Promise<SarifFileOutcome> {
  writeOutput(file, sarifChunks(report, options));
  let compressed = await gzippedSizeAbove(file, limitBytes);
  if (compressed === undefined || compressed <= limitBytes) return {compressedBytes: compressed, overLimit: false};

  const pathBytes = sarifPathBytes(report, options);
  let pathsFor = pathBytes.length;
  for (let pass = 0; pass < MAX_PASSES && compressed > limitBytes && pathsFor > 0; pass++) {
    // Compressed bytes per written byte, read off the file as it is now; paths compress about like the rest.
    const ratio = compressed / statSync(file).size;
    pathsFor = pathsWithin(pathBytes.slice(0, pathsFor), (compressed - limitBytes * TARGET_SHARE) / ratio);
    writeOutput(file, sarifChunks(report, {...options, pathsFor}));
    compressed = await gzippedSize(file);
  }

  return {compressedBytes: compressed, pathsFor, overLimit: compressed > limitBytes};
}

/** Writes the report; returns what the user should be told about the file (notes and warnings, one line each). */
export async function writeReport(
  file: string | undefined,
  format: Format,
  report: ScanReport,
  options: RenderOptions,
  limitBytes: number = GITHUB_LIMITS.gzipBytes,
): Promise<string[]> {
  const toFile = file !== undefined && file !== '-';
  if (format !== 'sarif' || !toFile) {
    writeOutput(file, renderChunks(format, report, options));
    return [];
  }

  const outcome = await writeSarifFile(file, report, options, limitBytes);
  const lines: string[] = [];
  if (outcome.pathsFor !== undefined) {
    lines.push(
      `Note: ${file} keeps the network paths of its ${outcome.pathsFor} most severe findings only, to stay under GitHub code scanning's ` +
        `${megabytes(limitBytes)} MB compressed limit; the other findings' messages still say where each path breaks, and the JSON report has every hop.`,
    );
  }

  if (outcome.overLimit) lines.push(tooLarge(file, outcome.compressedBytes!, limitBytes));
  return lines;
}

/** Merged SARIF logs are written as they are; a warning when the result is too large for GitHub. */
export async function writeSarifLog(file: string | undefined, log: Log): Promise<string[]> {
  writeOutput(file, sarifLogChunks(log));
  if (file === undefined || file === '-') return [];
  const compressed = await gzippedSizeAbove(file, GITHUB_LIMITS.gzipBytes);
  return compressed !== undefined && compressed > GITHUB_LIMITS.gzipBytes ? [tooLarge(file, compressed)] : [];
}

function tooLarge(file: string, compressed: number, limitBytes: number = GITHUB_LIMITS.gzipBytes): string {
  return (
    `Warning: ${file} is ${megabytes(compressed)} MB gzip-compressed; GitHub code scanning rejects SARIF uploads over ${megabytes(limitBytes)} MB. ` +
    'Split the scan with --shard I/N and upload each part with its own --category (docs/scale.md), or narrow it with --account / --policy.'
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 3 : 1);
}
