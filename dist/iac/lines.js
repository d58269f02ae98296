"use strict";
/** Offsets → 1-based lines and columns, for parsers that report character offsets. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.LineIndex = void 0;
class LineIndex {
    text;
    /** Offset of the first character of each line. */
    starts = [0];
    constructor(text) {
        this.text = text;
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
            this.starts.push(i + 1);
    }
    /** The 1-based line holding `offset` (offsets past the end are on the last line). */
    line(offset) {
        let low = 0;
        let high = this.starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.starts[mid] <= offset)
                low = mid;
            else
                high = mid - 1;
        }
        return low + 1;
    }
    column(offset) {
        return offset - this.starts[this.line(offset) - 1] + 1;
    }
    /**
     * The line of the last non-blank character before `end` (and not before `start`). Parsers' end offsets often
     * include the newline and blank lines after a value; a definition ends where its last character is.
     */
    lastContentLine(start, end) {
        let offset = Math.min(end, this.text.length) - 1;
        while (offset > start && /\s/.test(this.text[offset]))
            offset--;
        return this.line(Math.max(offset, start));
    }
}
exports.LineIndex = LineIndex;
