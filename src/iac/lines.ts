/** Offsets → 1-based lines and columns, for parsers that report character offsets. */

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The 1-based line holding `offset` (offsets past the end are on the last line). */
  line(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }

    return low + 1;
  }

  column(offset: number): number {
    return offset - this.starts[this.line(offset) - 1] + 1;
  }

  /**
   * The line of the last non-blank character before `end` (and not before `start`). Parsers' end offsets often
   * include the newline and blank lines after a value; a definition ends where its last character is.
   */
  lastContentLine(start: number, end: number): number {
    let offset = Math.min(end, this.text.length) - 1;
    while (offset > start && /\s/.test(this.text[offset])) offset--;
    return this.line(Math.max(offset, start));
  }
}
