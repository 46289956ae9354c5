// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of event-stream preludes and
// messages. Slicing-by-8: eight 256-entry tables let the loop consume eight bytes per step instead
// of one. The tables (8 KiB) are built on first use so that importing the module costs nothing.

let tables: Uint32Array | undefined;

function buildTables(): Uint32Array {
  const table = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  // table[k * 256 + n] is the CRC of byte n followed by k zero bytes.
  for (let n = 0; n < 256; n++) {
    let c = table[n] as number;
    for (let k = 1; k < 8; k++) {
      c = (table[c & 0xff] as number) ^ (c >>> 8);
      table[k * 256 + n] = c;
    }
  }
  return table;
}

type NativeCrc32 = (data: Uint8Array, value?: number) => number;
let native: NativeCrc32 | null | undefined;

/**
 * Node's zlib.crc32 (Node 20.15+), found at run time through process.getBuiltinModule so that the
 * module has no static Node import and bundles for browsers unchanged (there it is absent).
 */
function nativeCrc32(): NativeCrc32 | null {
  if (native === undefined) {
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const zlib = host?.getBuiltinModule?.("node:zlib") as { crc32?: NativeCrc32 } | undefined;
    native = typeof zlib?.crc32 === "function" ? zlib.crc32 : null;
  }
  return native;
}

/** Below this many bytes the table code beats a call into native code. */
const NATIVE_FROM_BYTES = 64;

/**
 * Continues a CRC-32 over `bytes[start, end)`. Start with `crc = 0`; the result of one call is the
 * `crc` of the next, so a checksum can run over a message that arrives in pieces. Uses Node's
 * native CRC for longer inputs where there is one.
 */
export function crc32(bytes: Uint8Array, crc = 0, start = 0, end = bytes.length): number {
  const fast = end - start >= NATIVE_FROM_BYTES ? nativeCrc32() : null;
  if (fast) return fast(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end), crc);
  return crc32Table(bytes, crc, start, end);
}

/** The table-driven CRC alone (browsers, short inputs); exported for tests. */
export function crc32Table(bytes: Uint8Array, crc = 0, start = 0, end = bytes.length): number {
  const t = tables ?? buildTables();
  tables = t;
  let c = ~crc;
  let i = start;
  // Eight bytes per step while at least eight remain.
  for (const stop = end - 8; i <= stop; i += 8) {
    const lo =
      c ^
      ((bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24));
    c =
      (t[1792 + (lo & 0xff)] as number) ^
      (t[1536 + ((lo >>> 8) & 0xff)] as number) ^
      (t[1280 + ((lo >>> 16) & 0xff)] as number) ^
      (t[1024 + (lo >>> 24)] as number) ^
      (t[768 + (bytes[i + 4] as number)] as number) ^
      (t[512 + (bytes[i + 5] as number)] as number) ^
      (t[256 + (bytes[i + 6] as number)] as number) ^
      (t[bytes[i + 7] as number] as number);
  }
  for (; i < end; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}
