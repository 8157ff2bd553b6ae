/**
 * An .xlsx file as a package of parts. Opening refuses what is not a workbook with a message a
 * person can act on; saving keeps every part it was not asked to change byte for byte.
 */
import { entryData, readZip, writeZip, type ZipEntry, type ZipItem } from "./zip";

export type XlsxErrorCode = "not-a-zip" | "not-xlsx" | "encrypted" | "old-xls" | "corrupt" | "unsupported";

/** A workbook Decision Map cannot read, with a sentence that says what to do. */
export class XlsxError extends Error {
  readonly code: XlsxErrorCode;
  constructor(code: XlsxErrorCode, message: string) {
    super(message);
    this.name = "XlsxError";
    this.code = code;
  }
}

export interface Package {
  /** Part names in their order in the zip. */
  names: string[];
  entries: Map<string, ZipEntry>;
  /** A part's bytes, inflated on first use; undefined when there is no such part. */
  part(name: string): Uint8Array | undefined;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Whether the UTF-16LE name appears in an OLE file's directory (an encrypted OOXML package does). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const pattern = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) pattern[i * 2] = name.charCodeAt(i);
  outer: for (let i = 0; i + pattern.length <= bytes.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

export function openPackage(bytes: Uint8Array): Package {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    if (hasUtf16Name(bytes, "EncryptedPackage")) {
      throw new XlsxError(
        "encrypted",
        "This workbook is encrypted with a password. Remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password), save, and try again.",
      );
    }
    throw new XlsxError(
      "old-xls",
      "This is an old .xls workbook: open it in Excel and save it as .xlsx (Excel Workbook), then try again.",
    );
  }
  if (!startsWith(bytes, [0x50, 0x4b])) {
    throw new XlsxError(
      "not-a-zip",
      "This file is not an .xlsx workbook (it may be a CSV or another file renamed). Open it in Excel and save it as .xlsx, then try again.",
    );
  }
  const corrupt = () =>
    new XlsxError(
      "corrupt",
      "This .xlsx file is damaged and cannot be opened. Open it in Excel (which can often repair it), save a copy, and try again.",
    );
  let list: ZipEntry[];
  try {
    list = readZip(bytes);
  } catch {
    throw corrupt();
  }
  const entries = new Map<string, ZipEntry>();
  const names: string[] = [];
  for (const e of list) {
    if (entries.has(e.name)) continue;
    entries.set(e.name, e);
    names.push(e.name);
  }
  if (!entries.has("[Content_Types].xml")) {
    throw new XlsxError(
      "not-xlsx",
      "This file is a zip archive but not an Excel workbook. Save the workbook as .xlsx in Excel, then try again.",
    );
  }
  const cache = new Map<string, Uint8Array>();
  const part = (name: string): Uint8Array | undefined => {
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    const e = entries.get(name);
    if (e === undefined) return undefined;
    let data: Uint8Array;
    try {
      data = entryData(e);
    } catch {
      throw corrupt();
    }
    cache.set(name, data);
    return data;
  };
  return { names, entries, part };
}

const decoder = new TextDecoder("utf-8");

export function partText(pkg: Package, name: string): string | undefined {
  const bytes = pkg.part(name);
  if (bytes === undefined) return undefined;
  const text = decoder.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const encoder = new TextEncoder();

/**
 * A new package: the given parts replace or join the originals; every other part is copied
 * with its compressed bytes exactly as they were.
 */
export function savePackage(pkg: Package, changed: Map<string, string>): Uint8Array {
  const items: ZipItem[] = [];
  for (const name of pkg.names) {
    const text = changed.get(name);
    items.push(text === undefined ? { name, entry: pkg.entries.get(name)! } : { name, data: encoder.encode(text) });
  }
  for (const [name, text] of changed) if (!pkg.entries.has(name)) items.push({ name, data: encoder.encode(text) });
  // Level 1: a big sheet deflates several times faster, for a few percent more bytes.
  return writeZip(items, 1);
}
