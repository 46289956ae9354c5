/**
 * BAM alignment records written as SAM lines, the way `samtools view` prints them (tab-separated, each
 * line ending in a newline). The BAM ETag family hashes "the alignment section ... as represented in the
 * SAM", so this text must match samtools' byte for byte; the tests compare it with samtools' output for
 * real files. The text is written as bytes into one reused buffer: no string per field, little garbage.
 */

const TAB = 0x09;
const NEWLINE = 0x0a;
const STAR = 0x2a;
const COLON = 0x3a;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const CIGAR_OPS = Buffer.from("MIDNSHP=X", "latin1");
const SEQ_CODES = Buffer.from("=ACMGRSVTWYHKDBN", "latin1");
const CIGAR_OP_S = 4;
const CIGAR_OP_N = 3;

export class BamRecordError extends Error {
  override readonly name = "BamRecordError";
}

/** Fixed fields every record starts with (after its block_size). */
export interface BamCore {
  refId: number;
  pos: number;
  mapq: number;
  flag: number;
  seqLength: number;
}

export function readCore(record: Buffer): BamCore {
  if (record.length < 32) throw new BamRecordError(`a record of ${record.length} bytes is shorter than 32`);
  return {
    refId: record.readInt32LE(0),
    pos: record.readInt32LE(4),
    mapq: record.readUInt8(9),
    flag: record.readUInt16LE(14),
    seqLength: record.readInt32LE(16),
  };
}

const INTEGER_SIZE: Record<string, number> = { c: 1, C: 1, s: 2, S: 2, i: 4, I: 4 };

/** Appends SAM text to a growing buffer; `take()` hands out what was written and starts again. */
export class SamWriter {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  /** Bytes written since the last take(). */
  get size(): number {
    return this.length;
  }

  /** A view of the text written so far (valid until the next write), and a fresh start. */
  take(): Buffer {
    const out = this.buffer.subarray(0, this.length);
    this.length = 0;
    return out;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  private byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  private latin1(text: string): void {
    this.reserve(text.length);
    this.length += this.buffer.write(text, this.length, "latin1");
  }

  private bytes(source: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    this.buffer.set(source.subarray(start, end), this.length);
    this.length += end - start;
  }

  private integer(value: number): void {
    if (value >= 0 && value < 10) this.byte(0x30 + value);
    else this.latin1(String(value));
  }

  /**
   * Writes one record (the bytes after block_size) as a SAM line with its newline. `references` are the
   * header's reference names by id. Throws BamRecordError when the record's fields overrun it or name an
   * unknown reference.
   */
  record(record: Buffer, references: readonly string[]): void {
    const core = readCore(record);
    const nameLength = record.readUInt8(8);
    let cigarCount = record.readUInt16LE(12);
    const nextRefId = record.readInt32LE(20);
    const nextPos = record.readInt32LE(24);
    const tlen = record.readInt32LE(28);
    const seqLength = core.seqLength;
    if (seqLength < 0) throw new BamRecordError(`negative sequence length ${seqLength}`);
    const nameEnd = 32 + nameLength;
    let cigarStart = nameEnd;
    const cigarEnd = nameEnd + cigarCount * 4;
    const seqEnd = cigarEnd + ((seqLength + 1) >> 1);
    const qualEnd = seqEnd + seqLength;
    if (nameLength < 1 || qualEnd > record.length) {
      throw new BamRecordError(`the record's fields need ${qualEnd} bytes, it has ${record.length}`);
    }
    if (record[nameEnd - 1] !== 0) throw new BamRecordError("the read name is not NUL-terminated");
    const tags = listTags(record, qualEnd);
    // A CIGAR of over 65535 operations is kept in a CG:B,I tag behind a placeholder <l_seq>S<ref span>N;
    // samtools shows the real CIGAR and drops the tag.
    let cgTag: TagSpan | undefined;
    if (cigarCount === 2 && seqLength > 0) {
      const first = record.readUInt32LE(nameEnd);
      const second = record.readUInt32LE(nameEnd + 4);
      if ((first & 0xf) === CIGAR_OP_S && first >>> 4 === seqLength && (second & 0xf) === CIGAR_OP_N) {
        cgTag = tags.find((tag) => tag.name === "CG" && tag.type === 0x42 && record[tag.start + 3] === 0x49);
        if (cgTag) {
          cigarCount = record.readUInt32LE(cgTag.start + 4);
          cigarStart = cgTag.start + 8;
        }
      }
    }

    this.bytes(record, 32, nameEnd - 1);
    this.byte(TAB);
    this.integer(core.flag);
    this.byte(TAB);
    this.reference(core.refId, references);
    this.byte(TAB);
    this.integer(core.pos + 1);
    this.byte(TAB);
    this.integer(core.mapq);
    this.byte(TAB);
    if (cigarCount === 0) this.byte(STAR);
    for (let i = 0; i < cigarCount; i++) {
      const op = record.readUInt32LE(cigarStart + i * 4);
      const code = CIGAR_OPS[op & 0xf];
      if (code === undefined) throw new BamRecordError(`CIGAR operation ${op & 0xf} is not one of MIDNSHP=X`);
      this.integer(op >>> 4);
      this.byte(code);
    }
    this.byte(TAB);
    if (nextRefId === -1) this.byte(STAR);
    else if (nextRefId === core.refId) this.byte(EQUALS);
    else this.reference(nextRefId, references);
    this.byte(TAB);
    this.integer(nextPos + 1);
    this.byte(TAB);
    this.integer(tlen);
    this.byte(TAB);
    if (seqLength === 0) this.byte(STAR);
    else {
      this.reserve(seqLength);
      const out = this.buffer;
      let at = this.length;
      for (let i = 0; i < seqLength; i++) {
        const packed = record[cigarEnd + (i >> 1)]!;
        out[at++] = SEQ_CODES[i & 1 ? packed & 15 : packed >> 4]!;
      }
      this.length = at;
    }
    this.byte(TAB);
    if (seqLength === 0 || record[seqEnd] === 0xff) this.byte(STAR);
    else {
      this.reserve(seqLength);
      const out = this.buffer;
      let at = this.length;
      for (let i = seqEnd; i < qualEnd; i++) out[at++] = record[i]! + 33;
      this.length = at;
    }
    for (const tag of tags) {
      if (tag === cgTag) continue;
      this.byte(TAB);
      this.tag(record, tag);
    }
    this.byte(NEWLINE);
  }

  private reference(id: number, references: readonly string[]): void {
    if (id === -1) {
      this.byte(STAR);
      return;
    }
    const name = references[id];
    if (name === undefined)
      throw new BamRecordError(`reference id ${id} is not in the header's ${references.length}`);
    this.latin1(name);
  }

  private tag(record: Buffer, tag: TagSpan): void {
    this.bytes(record, tag.start, tag.start + 2);
    this.byte(COLON);
    const at = tag.start + 3;
    switch (tag.type) {
      case 0x41: // A
        this.latin1("A:");
        this.byte(record[at]!);
        return;
      case 0x5a: // Z
      case 0x48: // H
        this.byte(tag.type);
        this.byte(COLON);
        this.bytes(record, at, tag.end - 1);
        return;
      case 0x66: // f
        this.latin1("f:");
        this.latin1(formatFloat(record.readFloatLE(at)));
        return;
      case 0x64: // d
        this.latin1("d:");
        this.latin1(formatFloat(record.readDoubleLE(at)));
        return;
      case 0x42: {
        // B
        const subtype = String.fromCharCode(record[at]!);
        const count = record.readUInt32LE(at + 1);
        const size = subtype === "f" ? 4 : INTEGER_SIZE[subtype]!;
        this.latin1("B:");
        this.byte(record[at]!);
        for (let i = 0, p = at + 5; i < count; i++, p += size) {
          this.byte(COMMA);
          if (subtype === "f") this.latin1(formatFloat(record.readFloatLE(p)));
          else this.integer(readInteger(record, p, subtype));
        }
        return;
      }
      default: {
        // c C s S i I: all print as i
        this.latin1("i:");
        this.integer(readInteger(record, at, String.fromCharCode(tag.type)));
      }
    }
  }
}

interface TagSpan {
  name: string;
  type: number;
  /** Offset of the tag's first name byte. */
  start: number;
  /** Offset just past the tag. */
  end: number;
}

/** Finds every tag's extent and checks that it fits the record, before anything is written. */
function listTags(record: Buffer, from: number): TagSpan[] {
  const tags: TagSpan[] = [];
  let at = from;
  while (at < record.length) {
    if (at + 3 > record.length) throw new BamRecordError("a tag runs past the record's end");
    const name = record.toString("latin1", at, at + 2);
    const type = record[at + 2]!;
    const typeChar = String.fromCharCode(type);
    let end: number;
    switch (typeChar) {
      case "A":
      case "c":
      case "C":
        end = at + 4;
        break;
      case "s":
      case "S":
        end = at + 5;
        break;
      case "i":
      case "I":
      case "f":
        end = at + 7;
        break;
      case "d":
        end = at + 11;
        break;
      case "Z":
      case "H": {
        const nul = record.indexOf(0, at + 3);
        if (nul < 0) throw new BamRecordError(`tag ${name} is not NUL-terminated`);
        end = nul + 1;
        break;
      }
      case "B": {
        if (at + 8 > record.length) throw new BamRecordError(`tag ${name} runs past the record's end`);
        const subtype = String.fromCharCode(record[at + 3]!);
        const size = subtype === "f" ? 4 : INTEGER_SIZE[subtype];
        if (size === undefined) throw new BamRecordError(`tag ${name} has unknown array type '${subtype}'`);
        end = at + 8 + record.readUInt32LE(at + 4) * size;
        break;
      }
      default:
        throw new BamRecordError(`tag ${name} has unknown type '${typeChar}'`);
    }
    if (end > record.length) throw new BamRecordError(`tag ${name} runs past the record's end`);
    tags.push({ name, type, start: at, end });
    at = end;
  }
  return tags;
}

function readInteger(record: Buffer, offset: number, type: string): number {
  switch (type) {
    case "c":
      return record.readInt8(offset);
    case "C":
      return record.readUInt8(offset);
    case "s":
      return record.readInt16LE(offset);
    case "S":
      return record.readUInt16LE(offset);
    case "i":
      return record.readInt32LE(offset);
    default:
      return record.readUInt32LE(offset);
  }
}

/** One record as its SAM line, without the newline (for tests and messages). */
export function formatSamLine(record: Buffer, references: readonly string[]): string {
  const writer = new SamWriter();
  writer.record(record, references);
  const text = writer.take();
  return text.toString("latin1", 0, text.length - 1);
}

/** C's printf("%g"): 6 significant digits, trailing zeros dropped, exponent form below 1e-4 or from 1e6. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const exponential = value.toExponential(5);
  const [mantissa, exponentText] = exponential.split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = stripZeros(mantissa);
    const sign = exponent < 0 ? "-" : "+";
    return `${digits}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return stripZeros(value.toFixed(Math.max(0, 5 - exponent)));
}

function stripZeros(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}
