/**
 * A BAM alignment record written as its SAM line, the way `samtools view` prints it (tab-separated, no
 * newline). The BAM ETag family hashes "the alignment section ... as represented in the SAM", so this text
 * must match samtools' byte for byte; the tests compare it with samtools' output for real files.
 */

const CIGAR_OPS = "MIDNSHP=X";
const SEQ_CODES = "=ACMGRSVTWYHKDBN";
/** Two-letter strings for every packed sequence byte: one lookup per two bases. */
const SEQ_PAIRS: string[] = Array.from({ length: 256 }, (_, b) => SEQ_CODES[b >> 4]! + SEQ_CODES[b & 15]!);

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

/**
 * Formats one record (the bytes after block_size). `references` are the header's reference names, by
 * id. Throws BamRecordError when the record's fields overrun it or name an unknown reference.
 */
export function formatSamLine(record: Buffer, references: readonly string[]): string {
  const core = readCore(record);
  const nameLength = record.readUInt8(8);
  const cigarCount = record.readUInt16LE(12);
  const nextRefId = record.readInt32LE(20);
  const nextPos = record.readInt32LE(24);
  const tlen = record.readInt32LE(28);
  const seqLength = core.seqLength;
  if (seqLength < 0) throw new BamRecordError(`negative sequence length ${seqLength}`);
  let offset = 32;
  const nameEnd = offset + nameLength;
  const cigarEnd = nameEnd + cigarCount * 4;
  const seqEnd = cigarEnd + ((seqLength + 1) >> 1);
  const qualEnd = seqEnd + seqLength;
  if (nameLength < 1 || qualEnd > record.length) {
    throw new BamRecordError(`the record's fields need ${qualEnd} bytes, it has ${record.length}`);
  }
  if (record[nameEnd - 1] !== 0) throw new BamRecordError("the read name is not NUL-terminated");
  const name = record.toString("latin1", offset, nameEnd - 1);
  offset = nameEnd;

  let cigar = "";
  for (let i = 0; i < cigarCount; i++) {
    const op = record.readUInt32LE(offset + i * 4);
    const code = CIGAR_OPS[op & 0xf];
    if (code === undefined)
      throw new BamRecordError(`CIGAR operation ${op & 0xf} is not one of ${CIGAR_OPS}`);
    cigar += String(op >>> 4) + code;
  }
  offset = cigarEnd;

  let seq = "*";
  if (seqLength > 0) {
    const pairs: string[] = [];
    for (let i = offset; i < seqEnd; i++) pairs.push(SEQ_PAIRS[record[i]!]!);
    seq = pairs.join("");
    if (seq.length > seqLength) seq = seq.slice(0, seqLength);
  }
  offset = seqEnd;

  let qual = "*";
  if (seqLength > 0 && record[offset] !== 0xff) {
    const bytes = Buffer.allocUnsafe(seqLength);
    for (let i = 0; i < seqLength; i++) bytes[i] = record[offset + i]! + 33;
    qual = bytes.toString("latin1");
  }
  offset = qualEnd;

  const fields = [
    name,
    String(core.flag),
    referenceName(core.refId, references),
    String(core.pos + 1),
    String(core.mapq),
    cigarCount === 0 ? "*" : cigar,
    nextRefId === -1 ? "*" : nextRefId === core.refId ? "=" : referenceName(nextRefId, references),
    String(nextPos + 1),
    String(tlen),
    seq,
    qual,
  ];
  while (offset < record.length) {
    const [text, next] = formatTag(record, offset);
    fields.push(text);
    offset = next;
  }
  return fields.join("\t");
}

function referenceName(id: number, references: readonly string[]): string {
  if (id === -1) return "*";
  const name = references[id];
  if (name === undefined)
    throw new BamRecordError(`reference id ${id} is not in the header's ${references.length}`);
  return name;
}

const INTEGER_SIZE: Record<string, number> = { c: 1, C: 1, s: 2, S: 2, i: 4, I: 4 };

function readNumber(record: Buffer, offset: number, type: string): number {
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
    case "I":
      return record.readUInt32LE(offset);
    case "f":
      return record.readFloatLE(offset);
    default:
      throw new BamRecordError(`unknown numeric tag type '${type}'`);
  }
}

function formatTag(record: Buffer, offset: number): [string, number] {
  if (offset + 3 > record.length) throw new BamRecordError("a tag runs past the record's end");
  const tag = record.toString("latin1", offset, offset + 2);
  const type = String.fromCharCode(record[offset + 2]!);
  let at = offset + 3;
  const need = (bytes: number) => {
    if (at + bytes > record.length) throw new BamRecordError(`tag ${tag} runs past the record's end`);
  };
  switch (type) {
    case "A":
      need(1);
      return [`${tag}:A:${String.fromCharCode(record[at]!)}`, at + 1];
    case "c":
    case "C":
    case "s":
    case "S":
    case "i":
    case "I": {
      const size = INTEGER_SIZE[type]!;
      need(size);
      return [`${tag}:i:${readNumber(record, at, type)}`, at + size];
    }
    case "f":
      need(4);
      return [`${tag}:f:${formatFloat(record.readFloatLE(at))}`, at + 4];
    case "d":
      need(8);
      return [`${tag}:d:${formatFloat(record.readDoubleLE(at))}`, at + 8];
    case "Z":
    case "H": {
      const end = record.indexOf(0, at);
      if (end < 0) throw new BamRecordError(`tag ${tag} is not NUL-terminated`);
      return [`${tag}:${type}:${record.toString("latin1", at, end)}`, end + 1];
    }
    case "B": {
      need(5);
      const subtype = String.fromCharCode(record[at]!);
      const count = record.readUInt32LE(at + 1);
      at += 5;
      const size = subtype === "f" ? 4 : INTEGER_SIZE[subtype];
      if (size === undefined) throw new BamRecordError(`tag ${tag} has unknown array type '${subtype}'`);
      need(count * size);
      let text = `${tag}:B:${subtype}`;
      for (let i = 0; i < count; i++, at += size) {
        const value = readNumber(record, at, subtype);
        text += "," + (subtype === "f" ? formatFloat(value) : String(value));
      }
      return [text, at];
    }
    default:
      throw new BamRecordError(`tag ${tag} has unknown type '${type}'`);
  }
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
