import { ETagHasher, type ETagAlgorithmFamily } from "../digests.js";
import { gunzip, isGzip, peek } from "./decompress.js";
import { ReadSetFormatError, type SourceSummary } from "./format-error.js";

const NEWLINE = 0x0a;
const CR = 0x0d;
const AT = 0x40;
const PLUS = 0x2b;

/** Bytes a sequence line may hold: IUPAC letters in either case, and the gap/unknown marks . - * =. */
const SEQUENCE_BYTE = new Uint8Array(256);
for (let c = 0x41; c <= 0x5a; c++) SEQUENCE_BYTE[c] = SEQUENCE_BYTE[c + 0x20] = 1;
for (const c of ".-*=") SEQUENCE_BYTE[c.charCodeAt(0)] = 1;
/** Phred+33 quality characters. */
const QUALITY_BYTE = new Uint8Array(256);
for (let c = 33; c <= 126; c++) QUALITY_BYTE[c] = 1;

type State = "header" | "sequence" | "quality" | "emptyQuality";

/**
 * A streaming FASTQ checker and counter. Takes bytes in any chunking and keeps no line in memory: each line
 * is judged byte by byte as it arrives, so a 1 Mbp read costs no more memory than a 100 bp one. Accepts
 * what htslib accepts: CRLF line ends, sequence and quality wrapped over several lines (the quality is read
 * until it is as long as the sequence, since a quality line may start with '@'), an empty last line.
 */
export class FastqCounter {
  readCount = 0;
  baseCount = 0;
  private state: State = "header";
  private line = 1;
  private lineLength = 0;
  private lineFirst = -1;
  private sawCr = false;
  private sequenceLength = 0;
  private qualityLength = 0;

  constructor(private readonly label: string) {}

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, at);
      const end = newline === -1 ? chunk.length : newline;
      if (end > at) this.segment(chunk, at, end);
      if (newline === -1) return;
      this.endLine();
      at = newline + 1;
    }
  }

  /** Bytes [start, end) of the current line, without its newline; a line may come in several segments. */
  private segment(chunk: Uint8Array, start: number, end: number): void {
    if (this.sawCr) this.fail("a carriage return inside a line");
    let last = end;
    if (chunk[end - 1] === CR) {
      this.sawCr = true;
      last -= 1;
    }
    if (last === start) return;
    if (this.lineLength === 0) this.startLine(chunk[start]!);
    this.lineLength += last - start;
    if (this.state === "sequence" && this.lineFirst !== PLUS) {
      for (let i = start; i < last; i++) {
        if (SEQUENCE_BYTE[chunk[i]!] === 0) this.fail(`${describeByte(chunk[i]!)} is not a base`);
      }
      this.sequenceLength += last - start;
    } else if (this.state === "quality") {
      for (let i = start; i < last; i++) {
        if (QUALITY_BYTE[chunk[i]!] === 0) this.fail(`${describeByte(chunk[i]!)} is not a quality character`);
      }
      this.qualityLength += last - start;
      if (this.qualityLength > this.sequenceLength) {
        this.fail(`the quality string is longer than the sequence (${this.sequenceLength} bases)`);
      }
    }
    // Header and '+' lines may hold any bytes.
  }

  /** Call after the last chunk; throws when the file ends inside a record or holds no read. */
  end(): void {
    if (this.lineLength > 0 || this.sawCr) this.endLine();
    if (this.state === "sequence") this.fail("the file ends before the record's '+' line");
    if (this.state === "quality" || this.state === "emptyQuality") {
      this.fail(
        `the file ends inside a quality string (${this.qualityLength} of ${this.sequenceLength} characters)`,
      );
    }
    if (this.readCount === 0) throw new ReadSetFormatError(`${this.label}: the file holds no reads`);
  }

  private startLine(byte: number): void {
    this.lineFirst = byte;
    switch (this.state) {
      case "header":
        if (byte !== AT) this.fail(`a record starts with '@', not ${describeByte(byte)}`);
        this.readCount += 1;
        this.sequenceLength = 0;
        this.qualityLength = 0;
        return;
      case "sequence":
        return;
      case "emptyQuality":
        this.fail("the read has no bases, so its quality line must be empty");
        return;
      case "quality":
        return;
    }
  }

  private endLine(): void {
    const empty = this.lineLength === 0;
    switch (this.state) {
      case "header":
        if (!empty) this.state = "sequence";
        break;
      case "sequence":
        if (!empty && this.lineFirst === PLUS) {
          this.baseCount += this.sequenceLength;
          this.state = this.sequenceLength === 0 ? "emptyQuality" : "quality";
        }
        break;
      case "emptyQuality":
        this.state = "header";
        break;
      case "quality":
        if (empty)
          this.fail(
            `an empty line inside a quality string (${this.qualityLength} of ${this.sequenceLength})`,
          );
        if (this.qualityLength === this.sequenceLength) this.state = "header";
        break;
    }
    this.line += 1;
    this.lineLength = 0;
    this.lineFirst = -1;
    this.sawCr = false;
  }

  private fail(reason: string): never {
    const where = this.readCount > 0 ? `line ${this.line}, read ${this.readCount}` : `line ${this.line}`;
    throw new ReadSetFormatError(`${this.label}: not valid FASTQ at ${where}: ${reason}`);
  }
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f
    ? `'${String.fromCharCode(byte)}'`
    : `byte 0x${byte.toString(16).padStart(2, "0")}`;
}

/**
 * One streaming pass over a FASTQ source, plain or gzip (one member or many, so bgzip output too): counts
 * and checks the reads and hashes the uncompressed bytes for the ETag (FASTQ_<family>: "the hash of an
 * uncompressed, complete FASTQ read set source").
 */
export async function analyzeFastq(
  source: AsyncIterable<Uint8Array>,
  options: { label: string; family: ETagAlgorithmFamily },
): Promise<SourceSummary> {
  const { head, stream } = await peek(source, 2);
  const text = isGzip(head)
    ? gunzip(stream, (error) => new ReadSetFormatError(`${options.label}: not valid gzip: ${error.message}`))
    : stream;
  const counter = new FastqCounter(options.label);
  const hasher = new ETagHasher(options.family);
  for await (const chunk of text) {
    counter.push(chunk);
    hasher.update(chunk);
  }
  counter.end();
  return {
    readCount: counter.readCount,
    baseCount: counter.baseCount,
    aligned: false,
    eTag: hasher.digest(),
  };
}
