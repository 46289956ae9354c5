// Offset → 1-based line/column, by binary search over line starts.

import type { SourceLocation } from "../events.js";

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) this.starts.push(at + 1);
  }

  locate(filename: string, offset: number): SourceLocation {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { filename, line: low + 1, column: offset - (this.starts[low] as number) + 1 };
  }
}
