/**
 * A small zip reader and writer for .xlsx packages. Reading parses the central directory and
 * inflates a part only when it is asked for; writing copies every unchanged part's compressed
 * bytes as they were (same data, same CRC) and deflates only the parts that changed. That keeps
 * a big workbook's images, pivots and untouched sheets out of the (de)compressor entirely.
 * No Node APIs: Uint8Array in, Uint8Array out.
 */
import { deflateSync, Inflate } from "fflate";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  crc: number;
  size: number;
  /** The entry's compressed bytes, a view into the archive. */
  raw: Uint8Array;
  time: number;
  date: number;
}

export class ZipFormatError extends Error {}

/**
 * Raw DEFLATE in and out. fflate's (pure JavaScript) serves the browser and Excel; the command
 * line gives Node's zlib, several times faster on a big sheet (`useCodec`).
 */
export interface DeflateCodec {
  deflate(data: Uint8Array, level: number): Uint8Array;
  /** At most `limit` bytes: throws a RangeError when the data inflates to more, another error when it is damaged. */
  inflate(raw: Uint8Array, limit: number): Uint8Array;
}

let codec: DeflateCodec | null = null;

/** Inflate and deflate with `c` from now on; null: fflate again. */
export function useCodec(c: DeflateCodec | null): void {
  codec = c;
}

/** An archive with more entries than `readZip` was told to accept. */
export class ZipTooManyEntriesError extends Error {
  constructor(readonly count: number) {
    super(`${count} entries`);
  }
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x100000000;

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/**
 * The entries of a zip archive, in central-directory order. Throws ZipFormatError when it is
 * not one, or when a local header disagrees with the central directory (another name, method,
 * CRC or size: a package that lies about its parts); ZipTooManyEntriesError past `maxEntries`,
 * read from the end record before any entry is parsed.
 */
export function readZip(bytes: Uint8Array, maxEntries = Infinity): ZipEntry[] {
  const n = bytes.length;
  let eocd = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 0xffff; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("no end of central directory");
  let count = u16(bytes, eocd + 10);
  let cd = u32(bytes, eocd + 16);
  if (count === 0xffff || cd === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw new ZipFormatError("bad zip64 locator");
    const z = u64(bytes, loc + 8);
    if (z + 56 > n || u32(bytes, z) !== 0x06064b50) throw new ZipFormatError("bad zip64 record");
    count = u64(bytes, z + 32);
    cd = u64(bytes, z + 48);
  }
  if (count > maxEntries) throw new ZipTooManyEntriesError(count);
  const out: ZipEntry[] = [];
  let p = cd;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(bytes, p) !== 0x02014b50) throw new ZipFormatError("bad central directory");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const time = u16(bytes, p + 12);
    const date = u16(bytes, p + 14);
    const crc = u32(bytes, p + 16);
    let csize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let offset = u32(bytes, p + 42);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    if (size === 0xffffffff || csize === 0xffffffff || offset === 0xffffffff) {
      // Zip64 extended information: the fields that overflowed, in this order.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 1) {
          let f = e + 4;
          if (size === 0xffffffff) ((size = u64(bytes, f)), (f += 8));
          if (csize === 0xffffffff) ((csize = u64(bytes, f)), (f += 8));
          if (offset === 0xffffffff) offset = u64(bytes, f);
          break;
        }
        e += 4 + len;
      }
    }
    if (p + 46 + nameLen > n) throw new ZipFormatError("bad central directory");
    if (offset + 30 > n || u32(bytes, offset) !== 0x04034b50) throw new ZipFormatError("bad local header");
    const localNameLen = u16(bytes, offset + 26);
    const start = offset + 30 + localNameLen + u16(bytes, offset + 28);
    if (start + csize > n) throw new ZipFormatError("truncated entry");
    if (flags & 1) throw new ZipFormatError("encrypted entry");
    // The local header must tell the same story as the directory: the same name and method,
    // and (unless sizes follow the data, bit 3) the same CRC and sizes.
    if (localNameLen !== nameLen || u16(bytes, offset + 8) !== method) {
      throw new ZipFormatError("local header disagrees with the directory");
    }
    for (let i = 0; i < nameLen; i++) {
      if (bytes[offset + 30 + i] !== nameBytes[i])
        throw new ZipFormatError("local header disagrees with the directory");
    }
    if ((u16(bytes, offset + 6) & 8) === 0) {
      const localCrc = u32(bytes, offset + 14);
      const localCsize = u32(bytes, offset + 18);
      const localSize = u32(bytes, offset + 22);
      const zip64 = localCsize === 0xffffffff || localSize === 0xffffffff;
      if (localCrc !== crc || (!zip64 && (localCsize !== csize || localSize !== size))) {
        throw new ZipFormatError("local header disagrees with the directory");
      }
    }
    out.push({ name, method, flags, crc, size, raw: bytes.subarray(start, start + csize), time, date });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** An entry whose data is not what its directory record says (size or CRC): damaged, or lying. */
export class ZipIntegrityError extends Error {}

/** Compressed bytes handed to the inflater at a time: the output is checked after each. */
const INFLATE_CHUNK = 64 * 1024;

/**
 * The uncompressed bytes of an entry, checked against its directory record: never more bytes
 * than the declared size (inflation stops at the first byte past it, so a part that claims
 * 1 KB and inflates to 4 GB costs 1 KB), exactly that size in the end, and the declared CRC.
 * The caller checks the declared size against its limits before calling this.
 */
export function entryData(e: ZipEntry): Uint8Array {
  if (e.method !== 0 && e.method !== 8) throw new ZipFormatError(`compression method ${e.method}`);
  let out: Uint8Array;
  if (e.method === 0 || (e.size === 0 && e.raw.length === 0)) {
    if (e.raw.length !== e.size) throw new ZipIntegrityError(`${e.name}: stored size differs from the directory`);
    out = e.raw;
  } else if (codec !== null) {
    try {
      out = codec.inflate(e.raw, e.size);
    } catch (err) {
      if (err instanceof RangeError)
        throw new ZipIntegrityError(`${e.name}: inflates to more than the ${e.size} bytes the directory declares`);
      throw new ZipIntegrityError(`${e.name}: ${(err as Error).message}`);
    }
    if (out.length !== e.size)
      throw new ZipIntegrityError(`${e.name}: inflates to ${out.length} bytes, not the ${e.size} declared`);
  } else {
    out = new Uint8Array(e.size);
    let written = 0;
    let ended = false;
    const inflater = new Inflate((chunk, final) => {
      if (written + chunk.length > out.length) {
        throw new ZipIntegrityError(`${e.name}: inflates to more than the ${e.size} bytes the directory declares`);
      }
      out.set(chunk, written);
      written += chunk.length;
      if (final) ended = true;
    });
    try {
      for (let at = 0; at < e.raw.length; at += INFLATE_CHUNK) {
        const end = Math.min(at + INFLATE_CHUNK, e.raw.length);
        inflater.push(e.raw.subarray(at, end), end === e.raw.length);
      }
      if (e.raw.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (err) {
      if (err instanceof ZipIntegrityError) throw err;
      throw new ZipIntegrityError(`${e.name}: ${(err as Error).message}`);
    }
    if (!ended || written !== e.size) {
      throw new ZipIntegrityError(`${e.name}: inflates to ${written} bytes, not the ${e.size} declared`);
    }
  }
  if (crc32(out) !== e.crc) throw new ZipIntegrityError(`${e.name}: CRC differs from the directory`);
  return out;
}

// Slicing-by-8 CRC-32: eight table lookups per 8 bytes instead of one per byte.
const CRC_TABLES = (() => {
  const t = new Int32Array(256 * 8);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  for (let i = 0; i < 256; i++) {
    for (let k = 1; k < 8; k++) t[k * 256 + i] = (t[(k - 1) * 256 + i] >>> 8) ^ t[t[(k - 1) * 256 + i] & 0xff];
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  const t = CRC_TABLES;
  let c = -1;
  let i = 0;
  const n8 = data.length - (data.length % 8);
  for (; i < n8; i += 8) {
    const a = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A part for writeZip: an entry copied as it was, or new bytes to deflate. */
export type ZipItem = { name: string; entry: ZipEntry } | { name: string; data: Uint8Array };

const encoder = new TextEncoder();

/** A new archive. Copied entries keep their compressed bytes; new data is deflated. */
export function writeZip(items: ZipItem[], level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6): Uint8Array {
  interface Prepared {
    name: Uint8Array;
    flags: number;
    method: number;
    crc: number;
    size: number;
    raw: Uint8Array;
    time: number;
    date: number;
    offset: number;
  }
  const prepared: Prepared[] = [];
  let total = 0;
  let cdSize = 0;
  for (const item of items) {
    const name = encoder.encode(item.name);
    const ascii = name.length === item.name.length;
    let p: Prepared;
    if ("entry" in item) {
      const e = item.entry;
      // Sizes go in the local header, so no data descriptor (bit 3) is needed.
      const flags = (e.flags & ~0x8 & ~0x800) | (ascii ? 0 : 0x800);
      p = {
        name,
        flags,
        method: e.method,
        crc: e.crc,
        size: e.size,
        raw: e.raw,
        time: e.time,
        date: e.date,
        offset: 0,
      };
    } else {
      const raw =
        item.data.length === 0
          ? item.data
          : codec !== null
            ? codec.deflate(item.data, level)
            : deflateSync(item.data, { level });
      p = {
        name,
        flags: ascii ? 0 : 0x800,
        method: item.data.length === 0 ? 0 : 8,
        crc: crc32(item.data),
        size: item.data.length,
        raw,
        time: 0,
        date: 0x21, // 1980-01-01: a fixed stamp, so the same input gives the same bytes
        offset: 0,
      };
    }
    if (p.size > 0xfffffffe || p.raw.length > 0xfffffffe) throw new ZipFormatError("part too large");
    p.offset = total;
    total += 30 + name.length + p.raw.length;
    cdSize += 46 + name.length;
    prepared.push(p);
  }
  if (total + cdSize > 0xfffffffe || prepared.length > 0xfffe) throw new ZipFormatError("archive too large");
  const out = new Uint8Array(total + cdSize + 22);
  const w16 = (at: number, v: number) => {
    out[at] = v & 0xff;
    out[at + 1] = (v >>> 8) & 0xff;
  };
  const w32 = (at: number, v: number) => {
    w16(at, v & 0xffff);
    w16(at + 2, (v >>> 16) & 0xffff);
  };
  for (const p of prepared) {
    const at = p.offset;
    w32(at, 0x04034b50);
    w16(at + 4, 20);
    w16(at + 6, p.flags);
    w16(at + 8, p.method);
    w16(at + 10, p.time);
    w16(at + 12, p.date);
    w32(at + 14, p.crc);
    w32(at + 18, p.raw.length);
    w32(at + 22, p.size);
    w16(at + 26, p.name.length);
    w16(at + 28, 0);
    out.set(p.name, at + 30);
    out.set(p.raw, at + 30 + p.name.length);
  }
  let c = total;
  for (const p of prepared) {
    w32(c, 0x02014b50);
    w16(c + 4, 20);
    w16(c + 6, 20);
    w16(c + 8, p.flags);
    w16(c + 10, p.method);
    w16(c + 12, p.time);
    w16(c + 14, p.date);
    w32(c + 16, p.crc);
    w32(c + 20, p.raw.length);
    w32(c + 24, p.size);
    w16(c + 28, p.name.length);
    // extra, comment, disk, internal attributes, external attributes: 0
    w32(c + 42, p.offset);
    out.set(p.name, c + 46);
    c += 46 + p.name.length;
  }
  w32(c, 0x06054b50);
  w16(c + 8, prepared.length);
  w16(c + 10, prepared.length);
  w32(c + 12, cdSize);
  w32(c + 16, total);
  return out;
}
