"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.writeFileAtomic = writeFileAtomic;
exports.refuseOutputOverInputs = refuseOutputOverInputs;
exports.temporariesInProgress = temporariesInProgress;
exports.writeOutput = writeOutput;
exports.gzippedSizeAbove = gzippedSizeAbove;
exports.gzippedSize = gzippedSize;
/**
 * Writing outputs atomically: an interrupted run never leaves a partial file that looks complete.
 *
 * The content goes to a hidden temporary file next to the target, which is then renamed over it (atomic on one
 * file system). Ctrl-C (SIGINT), SIGTERM and SIGHUP while a write is under way: without a handler the default
 * action would kill the process between the two steps and leave the temporary file behind, so a handler is
 * installed before the first write. Node runs it only once the (synchronous) write and rename are done; it then
 * removes any temporary file still registered and re-raises the signal, so the process ends as interrupted
 * (exit 130 for Ctrl-C) with either the complete new file or none.
 */
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const promises_1 = require("node:stream/promises");
const node_zlib_1 = require("node:zlib");
const node_path_1 = require("node:path");
const errors_1 = require("./errors");
const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** Temporary files being written now: removed by the interrupt handler. */
const pendingTemporaries = new Set();
let guardInstalled = false;
/** `content` may come in pieces (a large report): each is written as it comes, never joined into one string. */
function writeFileAtomic(file, content) {
    installInterruptGuard();
    // An unpredictable name, created exclusively and never through a symlink: a name planted in a shared folder
    // (the old one was .NAME.PID.tmp) cannot redirect the write to another file.
    const temporary = (0, node_path_1.join)((0, node_path_1.dirname)(file), `.${(0, node_path_1.basename)(file)}.${(0, node_crypto_1.randomBytes)(9).toString('base64url')}.tmp`);
    let created = false;
    try {
        (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(file), { recursive: true });
        const fd = (0, node_fs_1.openSync)(temporary, node_fs_1.constants.O_WRONLY | node_fs_1.constants.O_CREAT | node_fs_1.constants.O_EXCL | node_fs_1.constants.O_NOFOLLOW, 0o666);
        created = true;
        pendingTemporaries.add(temporary);
        try {
            for (const chunk of piecesOf(content))
                (0, node_fs_1.writeSync)(fd, chunk);
        }
        finally {
            (0, node_fs_1.closeSync)(fd);
        }
        (0, node_fs_1.renameSync)(temporary, file);
    }
    catch (error) {
        // Only our own file: whatever stood at the name when O_EXCL refused it is left alone.
        if (created)
            removeQuietly(temporary);
        // A file system error is the user's to fix; anything else came from producing the content (a bug): rethrown.
        const code = error.code;
        if (typeof code !== 'string')
            throw error;
        throw new errors_1.InputError(file, `cannot write output: ${code}`);
    }
    finally {
        pendingTemporaries.delete(temporary);
    }
}
/**
 * Refuses (exit 2, before anything runs) an output file that is one of the inputs, e.g. `--output` equal to
 * `--inventory` or `--baseline`: the write would silently replace the input. Compared as files (device and
 * inode), so another spelling of the path or a symlink to it is caught too.
 */
function refuseOutputOverInputs(output, inputs) {
    if (output === undefined || output === '-')
        return;
    const target = fileIdentity(output);
    if (!target)
        return;
    for (const [flag, file] of inputs) {
        if (file === undefined || file === '-')
            continue;
        const input = fileIdentity(file);
        if (input && input.dev === target.dev && input.ino === target.ino) {
            throw new errors_1.InputError('--output', `${output} is the ${flag} file (${file}): writing it would replace that input; write the output to another file`);
        }
    }
}
function fileIdentity(file) {
    try {
        const stat = (0, node_fs_1.statSync)(file);
        return { dev: stat.dev, ino: stat.ino };
    }
    catch {
        return undefined; // not there (yet): it cannot be an input
    }
}
/** Cleanup must not hide the error that made it necessary (ENOTDIR when the folder is a file, say). */
function removeQuietly(file) {
    try {
        (0, node_fs_1.rmSync)(file, { force: true });
    }
    catch {
        // Nothing was written there, or it cannot be removed: the original error says why.
    }
}
/** The temporary files of writes in progress (for tests and diagnostics). */
function temporariesInProgress() {
    return [...pendingTemporaries];
}
function installInterruptGuard() {
    if (guardInstalled)
        return;
    guardInstalled = true;
    const onInterrupt = (signal) => {
        for (const temporary of pendingTemporaries)
            (0, node_fs_1.rmSync)(temporary, { force: true });
        pendingTemporaries.clear();
        for (const name of INTERRUPTS)
            process.removeListener(name, onInterrupt);
        guardInstalled = false;
        // Die of the signal itself, as the shell and CI expect (128 + signal number), now that no handler is left.
        process.kill(process.pid, signal);
    };
    for (const name of INTERRUPTS)
        process.on(name, onInterrupt);
}
/** To standard output when `file` is undefined or `-`, else atomically to the file; pieces are written as they come. */
function writeOutput(file, content) {
    if (file !== undefined && file !== '-') {
        writeFileAtomic(file, content);
        return;
    }
    // Standard output is synchronous for files and pipes on Linux and macOS: the pieces do not pile up in memory.
    for (const chunk of piecesOf(content))
        process.stdout.write(chunk);
}
function piecesOf(content) {
    // A string is iterable too, by character: it must be one piece.
    return typeof content === 'string' ? [content] : content;
}
/**
 * The gzip-compressed size of a written file when its plain size is above `threshold` (else undefined): what
 * GitHub's 10 MB SARIF limit is measured on. Streamed, so a large file costs a few seconds, not its size in memory.
 */
async function gzippedSizeAbove(file, threshold) {
    return (0, node_fs_1.statSync)(file).size <= threshold ? undefined : gzippedSize(file);
}
/** The gzip-compressed size of a written file, streamed. */
async function gzippedSize(file) {
    let size = 0;
    await (0, promises_1.pipeline)((0, node_fs_1.createReadStream)(file), (0, node_zlib_1.createGzip)(), async (compressed) => {
        for await (const chunk of compressed)
            size += chunk.length;
    });
    return size;
}
