/**
 * An .xlsx file as a package of parts. Opening refuses what is not a workbook with a message a
 * person can act on; saving keeps every part it was not asked to change byte for byte.
 */
import {
  entryData,
  readZip,
  writeZip,
  ZipIntegrityError,
  ZipTooManyEntriesError,
  type ZipEntry,
  type ZipItem,
} from "./zip";

export type XlsxErrorCode =
  "not-a-zip" | "not-xlsx" | "encrypted" | "old-xls" | "corrupt" | "unsupported" | "too-large" | "unsafe" | "protected";

/**
 * What Decision Map will open. A hostile file can claim anything, so every claim is checked
 * against these before anything is allocated or inflated, and again while inflating.
 *
 * Measured on the workbooks in ../shared/corpus (real KPI dashboards, with charts, pivots,
 * slicers and images): at most 206 entries, 373 KB for the largest part (a sheet), 2.7 MB
 * inflated in all, and 24:1 for the best-compressed part. A generated sheet of 1,000,000
 * cells (20,000 metrics by 50 columns, the largest the tests audit) is about 30 MB of XML.
 * Each limit is tens of times what a real workbook needs, so it only ever stops a file
 * built to hurt: a 0.5 MB file that inflates to 500 MB, a part that claims 1 KB and inflates
 * to 4 GB, 100,000 entries.
 */
export const LIMITS = {
  /** Zip entries: 50 times the corpus's largest package. */
  entries: 10_000,
  /** One part, inflated: 170 times the corpus's largest, twice a 1,000,000-cell sheet. */
  partBytes: 64 * 1024 * 1024,
  /** All parts, inflated, as the directory declares them. */
  totalBytes: 400 * 1024 * 1024,
  /** Inflated to compressed, for parts past `ratioFrom` bytes: 8 times the corpus's best. */
  ratio: 200,
  ratioFrom: 1024 * 1024,
} as const;

const MB = 1024 * 1024;

/** "100 MB", "1.5 GB": a size for a message. */
export function megabytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1).replace(/\.0$/, "")} GB`;
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("en-US")} KB`;
  return `${Math.round(bytes / MB).toLocaleString("en-US")} MB`;
}

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
  /**
   * A part's bytes, inflated on first use and checked (size, CRC); undefined when there is no
   * such part. `what` names it in a refusal ("sheet 'Dashboard'"), the part name otherwise.
   */
  part(name: string, what?: string): Uint8Array | undefined;
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
    list = readZip(bytes, LIMITS.entries);
  } catch (e) {
    if (e instanceof ZipTooManyEntriesError) {
      throw new XlsxError(
        "too-large",
        `This workbook holds ${e.count.toLocaleString("en-US")} parts, more than the ${LIMITS.entries.toLocaleString("en-US")} any KPI workbook needs: open it in Excel, save a copy (Excel writes only the parts it uses), and try again.`,
      );
    }
    throw corrupt();
  }
  const entries = new Map<string, ZipEntry>();
  const names: string[] = [];
  let total = 0;
  for (const e of list) {
    const unsafe = unsafeName(e.name);
    if (unsafe !== null) {
      throw new XlsxError(
        "unsafe",
        `This .xlsx file holds a part named '${printable(e.name)}', ${unsafe}, which no workbook Excel saves does: open it in Excel, save a copy, and try again.`,
      );
    }
    if (entries.has(e.name)) continue;
    // Sizes as the directory declares them: the total and the ratio are checked here, one
    // part's size when it is asked for (where the refusal can name the sheet); both before
    // anything is inflated, and held to while inflating (entryData stops at the first byte
    // past the declared size).
    total += e.size;
    if (total > LIMITS.totalBytes) {
      throw new XlsxError(
        "too-large",
        `This workbook expands to more than ${megabytes(LIMITS.totalBytes)}, which no KPI workbook needs: open it in Excel, delete the sheets and images the dashboard does not use, save, and try again.`,
      );
    }
    if (e.size > LIMITS.ratioFrom && e.size > e.raw.length * LIMITS.ratio) {
      throw new XlsxError(
        "too-large",
        `Part '${printable(e.name)}' expands ${Math.round(e.size / Math.max(1, e.raw.length)).toLocaleString("en-US")} times (${megabytes(e.raw.length)} to ${megabytes(e.size)}), far past what real Excel data compresses to: this file is built to exhaust memory, not to be read. Open it in Excel and save a copy if you trust it.`,
      );
    }
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
  const part = (name: string, what?: string): Uint8Array | undefined => {
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    const e = entries.get(name);
    if (e === undefined) return undefined;
    if (e.size > LIMITS.partBytes) throw tooLarge(what ?? name, e.size);
    let data: Uint8Array;
    try {
      data = entryData(e);
    } catch (err) {
      if (err instanceof ZipIntegrityError) {
        throw new XlsxError(
          "corrupt",
          `This .xlsx file is damaged: ${what ?? `part '${printable(name)}'`} does not match the size or checksum the file records for it (it may have been cut short). Open it in Excel (which can often repair it), save a copy, and try again.`,
        );
      }
      throw corrupt();
    }
    cache.set(name, data);
    return data;
  };
  return { names, entries, part };
}

function tooLarge(what: string, size: number): XlsxError {
  const named = what.includes("'") ? what : `part '${printable(what)}'`;
  return new XlsxError(
    "too-large",
    `${named.charAt(0).toUpperCase()}${named.slice(1)} expands to ${megabytes(size)}, more than the ${megabytes(LIMITS.partBytes)} any part of a KPI workbook needs: open it in Excel, delete the unused rows, save, and try again.`,
  );
}

/** A name for a message: control characters shown as "?", cut at 80 characters. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, "?");
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
}

/**
 * Why a zip entry name is no part name, or null when it is one. Part names are relative
 * paths inside the package ("xl/worksheets/sheet1.xml"); anything that could land outside
 * the folder it is unpacked into, or name the same part twice, is refused, so no such name
 * ever reaches an output file.
 */
function unsafeName(name: string): string | null {
  if (name === "") return "with no name";
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "an absolute path";
  if (name.includes("\\")) return "with a backslash";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return "with a control character";
  const segments = name.split("/");
  if (segments.some((s) => s === ".." || s === ".")) return "that climbs out of its folder";
  if (segments.slice(0, -1).some((s) => s === "")) return "with an empty folder name";
  return null;
}

const utf8 = new TextDecoder("utf-8");
const utf16le = new TextDecoder("utf-16le");
const utf16be = new TextDecoder("utf-16be");

/**
 * A part's text. XML parts are UTF-8 as Excel writes them, or UTF-16 (which the standard
 * allows), told by the byte-order mark or, without one, by the zero byte of a UTF-16 "<".
 * A UTF-16 part's declaration is read as UTF-8 afterwards, since the text is no longer UTF-16
 * once decoded: if the writer saves it, it saves UTF-8. Any other declared encoding is refused.
 */
export function partText(pkg: Package, name: string, what?: string): string | undefined {
  const bytes = pkg.part(name, what);
  if (bytes === undefined) return undefined;
  let text: string;
  let wide = false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) ((text = utf16le.decode(bytes)), (wide = true));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) ((text = utf16be.decode(bytes)), (wide = true));
  else if (bytes[0] === 0x3c && bytes[1] === 0) ((text = utf16le.decode(bytes)), (wide = true));
  else if (bytes[0] === 0 && bytes[1] === 0x3c) ((text = utf16be.decode(bytes)), (wide = true));
  else text = utf8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const declared = /^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']{1,40})["']/.exec(text.slice(0, 200));
  if (declared !== null) {
    const encoding = declared[1].toLowerCase();
    if (wide && encoding.startsWith("utf-16")) {
      text = text.slice(0, declared.index) + declared[0].replace(declared[1], "UTF-8") + text.slice(declared[0].length);
    } else if (encoding !== "utf-8" && encoding !== "utf8" && !(wide && encoding === "unicode")) {
      throw new XlsxError(
        "unsupported",
        `${what === undefined ? `Part '${printable(name)}'` : what.charAt(0).toUpperCase() + what.slice(1)} is encoded as ${printable(declared[1])}, not UTF-8 or UTF-16 as Excel writes it: open the workbook in Excel, save it as .xlsx, and try again.`,
      );
    }
  }
  return text;
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
