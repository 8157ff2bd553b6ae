/** Reading a workbook package into the core's Grid, one sheet at a time. */
import type { CellRange, CellValue, Grid, GridConditionalFormat, GridTable } from "../governance/grid";
import { parseRange } from "../governance/grid";
import { isDateFormat } from "../governance/format";
import { readSheetExtras } from "./occupied";
import { openPackage, partText, XlsxError, type Package } from "./package";
import {
  attribute,
  attributes,
  decodeEntities,
  decodeOoxmlEscapes,
  elements,
  firstElement,
  relationships,
  relsPathOf,
  resolveTarget,
  stringItemText,
  withoutPrefix,
} from "./xml";

export interface SheetEntry {
  name: string;
  /** The worksheet part, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  hidden: boolean;
  sheetId: number;
  relId: string;
}

export interface Styles {
  /** Number format per cellXfs index. */
  formats: string[];
  /** Fill and font colour per dxf index (#RRGGBB). */
  dxfColors: { fill?: string; font?: string }[];
}

export interface WorkbookModel {
  pkg: Package;
  workbookPart: string;
  sheets: SheetEntry[];
  activeTab: number;
  sharedStrings: () => string[];
  styles: () => Styles;
  /**
   * The workbook counts dates from 1904 (<workbookPr date1904="1"/>, old Mac workbooks):
   * its date serials are 1,462 days less than the same dates in the 1900 system.
   */
  date1904?: boolean;
}

/** Days between the 1900 and 1904 date systems' serials for one date. */
export const DATE_1904_OFFSET = 1462;

const STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";

/** Excel's built-in number formats by id (the ones a KPI sheet meets). */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "m/d/yyyy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "m/d/yyyy h:mm",
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/**
 * What one sheet may hold. Excel's own grid is 1,048,576 rows by 16,384 columns (XFD); a row
 * or column past it was not written by Excel and is refused before anything is allocated.
 * Stored cells and the rectangle the grid spans are capped too: the largest sheet the tests
 * audit holds 1,000,000 cells (20,000 metrics by 50 columns), and a KPI table is a few hundred
 * rows; a sheet of 1,048,576 rows with one cell at XFD would otherwise ask for 17 billion.
 */
export const SHEET_LIMITS = {
  rows: 1_048_576,
  columns: 16_384,
  /** Cells with a value or a formula: twice the largest sheet the tests audit. */
  cells: 2_000_000,
  /** Cells of the grid handed to the core (rows times the width each row reaches): the same. */
  gridCells: 2_000_000,
  /** Relationships of the workbook part: one per sheet and a few more; as many as parts at most. */
  workbookRelationships: 10_000,
} as const;

/** Relationship types of the parts a workbook's sheets may be. */
const SHEET_TYPES = ["/worksheet", "/chartsheet", "/dialogsheet", "/xlMacrosheet", "/xlIntlMacrosheet"];

const refuseUnsafeTarget = (target: string) =>
  new XlsxError(
    "unsafe",
    `This workbook points at a part outside itself ('${target.length > 80 ? `${target.slice(0, 79)}…` : target}'), which no workbook Excel saves does: open it in Excel, save a copy, and try again.`,
  );

/** The part an internal relationship names, normalised; refused when it points outside the package. */
function targetPart(owner: string, target: string): string {
  const part = resolveTarget(owner, target);
  if (part === null) throw refuseUnsafeTarget(target);
  return part;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function readWorkbookModel(bytes: Uint8Array): WorkbookModel {
  const pkg = openPackage(bytes);
  const rootRels = relationships(partText(pkg, "_rels/.rels"));
  const officeDoc = rootRels.find((r) => r.type.endsWith("/officeDocument"));
  const workbookPart = officeDoc ? targetPart("", officeDoc.target) : "xl/workbook.xml";
  const workbookText = partText(pkg, workbookPart);
  if (workbookText === undefined) {
    throw new XlsxError(
      "not-xlsx",
      "This file is a zip archive but not an Excel workbook. Save the workbook as .xlsx in Excel, then try again.",
    );
  }
  const workbookXml = withoutPrefix(workbookText);
  if (workbookXml.includes(STRICT_NS)) {
    throw new XlsxError(
      "unsupported",
      "This workbook is saved as Strict Open XML. Save it in Excel as 'Excel Workbook (.xlsx)', then try again.",
    );
  }
  const rels = relationships(partText(pkg, relsPathOf(workbookPart)), SHEET_LIMITS.workbookRelationships);
  if (rels.length > SHEET_LIMITS.workbookRelationships) {
    throw new XlsxError(
      "too-large",
      `This workbook lists more than ${SHEET_LIMITS.workbookRelationships.toLocaleString("en-US")} relationships (one per sheet and a few more is usual): open it in Excel, save a copy, and try again.`,
    );
  }
  // Every internal target the workbook names is resolved and confined here, so the writer
  // only ever sees part names inside the package.
  const byId = new Map<string, { type: string; part: string }>();
  for (const r of rels) {
    if (r.external || byId.has(r.id)) continue;
    byId.set(r.id, { type: r.type, part: targetPart(workbookPart, r.target) });
  }
  const sheets: SheetEntry[] = [];
  for (const e of elements(workbookXml, "sheet")) {
    const a = attributes(e.attrs);
    let relId = "";
    for (const [k, v] of a) {
      if (k === "r:id" || k.endsWith(":id")) {
        relId = v;
        break;
      }
    }
    const rel = byId.get(relId);
    sheets.push({
      name: a.get("name") ?? "",
      part: rel ? rel.part : "",
      hidden: a.get("state") === "hidden" || a.get("state") === "veryHidden",
      sheetId: Number(a.get("sheetId") ?? 0),
      relId,
    });
  }
  if (sheets.length === 0)
    throw new XlsxError("corrupt", "This workbook lists no sheets. Open it in Excel, save a copy, and try again.");
  // Each sheet must name its own sheet part: one that is missing, is another kind of part
  // (styles, shared strings) or is shared with another sheet would have the writer replace
  // that part with a sheet.
  const claimed = new Set<string>();
  const named = new Map<string, number>();
  for (const r of byId.values()) named.set(r.part, (named.get(r.part) ?? 0) + 1);
  for (const sheet of sheets) {
    const rel = byId.get(sheet.relId);
    const why =
      rel === undefined || !pkg.entries.has(sheet.part)
        ? "a part that is not there"
        : !SHEET_TYPES.some((t) => rel.type.endsWith(t))
          ? "a part that is not a sheet"
          : claimed.has(sheet.part) || (named.get(sheet.part) ?? 0) > 1
            ? "a part the workbook also uses for something else"
            : null;
    if (why !== null) {
      throw new XlsxError(
        "corrupt",
        `This workbook is damaged: sheet '${sheet.name}' points at ${why}. Open it in Excel (which can often repair it), save a copy, and try again.`,
      );
    }
    claimed.add(sheet.part);
  }
  const pr = firstElement(workbookXml, "workbookPr");
  const d1904 = pr ? attribute(pr.attrs, "date1904") : undefined;
  const date1904 = d1904 === "1" || d1904 === "true";
  const view = firstElement(workbookXml, "workbookView");
  // A negative, fractional or huge activeTab (no Excel writes one) means the first sheet.
  const tab = Number(view ? (attribute(view.attrs, "activeTab") ?? 0) : 0);
  const activeTab = Number.isInteger(tab) && tab >= 0 ? Math.min(tab, sheets.length - 1) : 0;

  const partOf = (type: string) => {
    for (const r of byId.values()) if (r.type.endsWith(type)) return r.part;
    return undefined;
  };
  const sharedStrings = lazy(() => {
    const part = partOf("/sharedStrings");
    const text = part ? partText(pkg, part, "the shared strings part") : undefined;
    if (text === undefined) return [];
    const xml = withoutPrefix(text);
    const out: string[] = [];
    for (const si of elements(xml, "si")) out.push(stringItemText(si.inner));
    return out;
  });
  const styles = lazy(() => readStyles(partOf("/styles") ? partText(pkg, partOf("/styles")!) : undefined));
  return { pkg, workbookPart, sheets, activeTab, sharedStrings, styles, date1904 };
}

function argb(colorAttrs: string | undefined): string | undefined {
  if (colorAttrs === undefined) return undefined;
  const rgb = attribute(colorAttrs, "rgb");
  return rgb && /^[0-9A-Fa-f]{6,8}$/.test(rgb) ? `#${rgb.slice(-6).toUpperCase()}` : undefined;
}

export function readStyles(text: string | undefined): Styles {
  if (text === undefined) return { formats: [], dxfColors: [] };
  const xml = withoutPrefix(text);
  const custom = new Map<number, string>();
  const numFmts = firstElement(xml, "numFmts");
  if (numFmts) {
    for (const f of elements(numFmts.inner, "numFmt")) {
      const a = attributes(f.attrs);
      custom.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "General");
    }
  }
  const formats: string[] = [];
  const cellXfs = firstElement(xml, "cellXfs");
  if (cellXfs) {
    for (const xf of elements(cellXfs.inner, "xf")) {
      const id = Number(attribute(xf.attrs, "numFmtId") ?? 0);
      formats.push(custom.get(id) ?? BUILT_IN_FORMATS[id] ?? "General");
    }
  }
  const dxfColors: Styles["dxfColors"] = [];
  const dxfs = firstElement(xml, "dxfs");
  if (dxfs) {
    for (const d of elements(dxfs.inner, "dxf")) {
      const font = firstElement(d.inner, "font");
      const fill = firstElement(d.inner, "fill");
      const fontColor = font ? firstElement(font.inner, "color") : null;
      const bg = fill ? (firstElement(fill.inner, "bgColor") ?? firstElement(fill.inner, "fgColor")) : null;
      dxfColors.push({ font: argb(fontColor?.attrs), fill: argb(bg?.attrs) });
    }
  }
  return { formats, dxfColors };
}

/** The 0-based column of a cell reference ("AB12" → 27), -1 when it has no letters, Infinity past XFD. */
function refColumn(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    let c = ref.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    if (col > SHEET_LIMITS.columns) return Infinity;
  }
  return i === 0 ? -1 : col - 1;
}

function ranges(sqref: string): CellRange[] {
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .map((r) => parseRange(r))
    .filter((r): r is CellRange => r !== null);
}

/** The text of a cell's `<v>`, or undefined when it has none (or an empty one). */
function cachedValue(inner: string): string | undefined {
  const at = inner.indexOf("<v");
  if (at < 0) return undefined;
  const next = inner.charCodeAt(at + 2);
  if (next !== 62 /* > */ && next !== 32 && next !== 47 /* / */ && next !== 9 && next !== 10 && next !== 13) {
    return undefined;
  }
  const open = inner.indexOf(">", at);
  if (open < 0 || inner[open - 1] === "/") return undefined;
  const close = inner.indexOf("</v>", open);
  if (close < 0) return undefined;
  const raw = inner.slice(open + 1, close);
  return raw === "" ? undefined : raw;
}

/** An ISO 8601 date (a `t="d"` cell) as an Excel serial number, or null. */
function isoDateSerial(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text.trim());
  if (!m) return null;
  const ms =
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), 0) +
    Number(m[6] ?? 0) * 1000;
  const serial = ms / 86400000 + 25569; // 1970-01-01 is serial 25569 (Excel's 1900 date system)
  return Number.isFinite(serial) ? serial : null;
}

const ROW_START = /<row\b([^>]*?)(\/?)>/g;

function beyondGrid(sheet: SheetEntry, what: string): XlsxError {
  return new XlsxError(
    "unsupported",
    `Sheet '${sheet.name}' has ${what}, past the edge of Excel's grid (1,048,576 rows, columns to XFD): this file was not saved by Excel. Open it in Excel, save a copy, and try again.`,
  );
}

function tooManyCells(sheet: SheetEntry, what: string): XlsxError {
  return new XlsxError(
    "too-large",
    `Sheet '${sheet.name}' ${what}, which no KPI sheet needs: open it in Excel, delete the unused rows and columns, save, and try again.`,
  );
}

export function readSheetGrid(model: WorkbookModel, sheet: SheetEntry): Grid {
  const xml = withoutPrefix(partText(model.pkg, sheet.part, `sheet '${sheet.name}'`) ?? "");
  const sst = model.sharedStrings;
  const styles = model.styles();
  const rowsOut = new Map<
    number,
    { values: CellValue[]; formats?: (string | undefined)[]; formulas?: (boolean | undefined)[]; first: number }
  >();
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  const hiddenRows: number[] = [];
  let stored = 0;

  const dataStart = xml.indexOf("<sheetData");
  const dataEnd = xml.indexOf("</sheetData>");
  const data = dataStart >= 0 && dataEnd > dataStart ? xml.slice(dataStart, dataEnd) : "";

  // Excel never writes a CDATA section in a sheet; one inside a formula can hide "</c>" from
  // anything that finds cells by their tags, the writer's splicing included, so it is refused.
  if (data.includes("<![CDATA[")) {
    throw new XlsxError(
      "unsupported",
      `Sheet '${sheet.name}' holds a CDATA section in its cells, which Excel never writes: open the workbook in Excel, save a copy, and try again.`,
    );
  }
  // Walk rows and their cells in one pass over sheetData.
  ROW_START.lastIndex = 0;
  let rowIndex = -1;
  for (let rm = ROW_START.exec(data); rm !== null; rm = ROW_START.exec(data)) {
    const rAttr = attribute(rm[1], "r");
    rowIndex = rAttr !== undefined ? Number(rAttr) - 1 : rowIndex + 1;
    if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= SHEET_LIMITS.rows) {
      throw beyondGrid(sheet, `a row numbered ${rAttr ?? (rowIndex + 1).toLocaleString("en-US")}`);
    }
    if (rm[1].includes("hidden")) {
      const hidden = attribute(rm[1], "hidden");
      if (hidden === "1" || hidden === "true") hiddenRows.push(rowIndex);
    }
    if (rm[2] === "/") continue;
    const end = data.indexOf("</row>", ROW_START.lastIndex);
    const body = data.slice(ROW_START.lastIndex, end < 0 ? data.length : end);
    ROW_START.lastIndex = end < 0 ? data.length : end + 6;
    let col = -1;
    for (const cm of elements(body, "c")) {
      const attrs = cm.attrs;
      const ref = attribute(attrs, "r");
      const at = ref !== undefined ? refColumn(ref) : -1;
      col = at >= 0 ? at : col + 1;
      if (col >= SHEET_LIMITS.columns) throw beyondGrid(sheet, `a cell at ${ref ?? `column ${col + 1}`}`);
      const inner = cm.inner;
      if (inner === "") continue; // a styled empty cell
      const type = attribute(attrs, "t");
      const hasFormula = inner.includes("<f");
      let value: CellValue = null;
      if (type === "inlineStr") {
        const is = firstElement(inner, "is");
        value = is ? stringItemText(is.inner) : "";
      } else {
        const raw = cachedValue(inner);
        if (raw !== undefined) {
          if (type === "s") value = sst()[Number(raw)] ?? "";
          else if (type === "b") value = raw === "1" || raw === "true";
          else if (type === "e") value = { error: decodeEntities(raw) };
          else if (type === "str") value = decodeOoxmlEscapes(decodeEntities(raw));
          else if (type === "d") value = isoDateSerial(raw) ?? decodeEntities(raw);
          else {
            const n = Number(raw);
            value = Number.isFinite(n) ? n : decodeEntities(raw);
          }
        }
      }
      if (value === null && !hasFormula) continue;
      if (++stored > SHEET_LIMITS.cells) {
        throw tooManyCells(sheet, `holds more than ${SHEET_LIMITS.cells.toLocaleString("en-US")} filled cells`);
      }
      let row = rowsOut.get(rowIndex);
      if (row === undefined) {
        row = { values: [], first: col };
        rowsOut.set(rowIndex, row);
      }
      row.values[col] = value;
      if (col < row.first) row.first = col;
      const s = attribute(attrs, "s");
      const format = styles.formats[s === undefined ? 0 : Number(s)];
      if (format !== undefined && format !== "General") (row.formats ??= [])[col] = format;
      // The Grid holds dates as 1900-system serials (what the core reads periods by).
      if (model.date1904 && typeof value === "number" && type !== "d" && isDateFormat(format))
        row.values[col] = value + DATE_1904_OFFSET;
      if (hasFormula) (row.formulas ??= [])[col] = true;
      if (rowIndex < minRow) minRow = rowIndex;
      if (rowIndex > maxRow) maxRow = rowIndex;
      if (col < minCol) minCol = col;
      if (col > maxCol) maxCol = col;
    }
  }

  const tail = dataEnd >= 0 ? xml.slice(dataEnd) : xml;
  const head = dataStart >= 0 ? xml.slice(0, dataStart) : "";
  const merges: CellRange[] = [];
  for (const m of elements(tail, "mergeCell")) {
    const r = parseRange(attribute(m.attrs, "ref") ?? "");
    if (r) merges.push(r);
  }
  // Hidden column spans, merged before they are listed: many overlapping <col> elements cost
  // one pass over at most 16,384 columns, not one per element.
  const spans: [number, number][] = [];
  for (const c of elements(head, "col")) {
    const a = attributes(c.attrs);
    if (a.get("hidden") !== "1" && a.get("hidden") !== "true") continue;
    const min = Number(a.get("min"));
    const max = Math.min(Number(a.get("max")), SHEET_LIMITS.columns);
    if (Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min) spans.push([min, max]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  const hiddenColumns: number[] = [];
  let listed = 0;
  for (const [min, max] of spans) {
    // As before: at most 1,024 columns of one span are listed (a hidden tail to XFD is not a table).
    for (let i = Math.max(min, listed + 1); i <= max && i - min < 1024; i++) hiddenColumns.push(i - 1);
    listed = Math.max(listed, Math.min(max, min + 1023));
  }
  const protection = firstElement(tail, "sheetProtection");
  const sheetFlag = protection ? attribute(protection.attrs, "sheet") : undefined;
  const isProtected = sheetFlag === "1" || sheetFlag === "true";

  const conditionalFormats: GridConditionalFormat[] = [];
  for (const cf of elements(tail, "conditionalFormatting")) {
    const where = ranges(attribute(cf.attrs, "sqref") ?? "");
    for (const rule of elements(cf.inner, "cfRule")) {
      const a = attributes(rule.attrs);
      const formulas = [...elements(rule.inner, "formula")].map((f) => decodeEntities(f.inner));
      const dxf = a.has("dxfId") ? styles.dxfColors[Number(a.get("dxfId"))] : undefined;
      conditionalFormats.push({
        ranges: where,
        type: a.get("type") ?? "",
        operator: a.get("operator"),
        formulas,
        color: dxf?.fill ?? dxf?.font,
      });
    }
  }

  const tables: GridTable[] = [];
  const sheetRels = relationships(partText(model.pkg, relsPathOf(sheet.part)));
  for (const rel of sheetRels.filter((r) => r.type.endsWith("/table") && !r.external)) {
    const tableText = partText(model.pkg, targetPart(sheet.part, rel.target));
    const tableXml = tableText === undefined ? undefined : withoutPrefix(tableText);
    const root = tableXml ? firstElement(tableXml, "table") : null;
    if (!root) continue;
    const a = attributes(root.attrs);
    const range = parseRange(a.get("ref") ?? "");
    if (!range) continue;
    tables.push({
      name: a.get("displayName") ?? a.get("name") ?? "",
      range,
      hasHeaderRow: a.get("headerRowCount") !== "0",
      hasTotalsRow: Number(a.get("totalsRowCount") ?? 0) > 0,
    });
  }

  // Drawings' footprints and column widths, from the head already decoded here.
  const extras = readSheetExtras(model, sheet, head);
  if (maxRow < 0) {
    return {
      sheetName: sheet.name,
      values: [],
      origin: { row: 0, col: 0 },
      merges,
      tables,
      protected: isProtected,
      conditionalFormats,
      hiddenRows,
      hiddenColumns,
      ...extras,
    };
  }
  const height = maxRow - minRow + 1;
  let area = 0;
  for (const row of rowsOut.values()) area += row.values.length - minCol;
  if (area > SHEET_LIMITS.gridCells) {
    throw tooManyCells(
      sheet,
      `spreads its cells over ${height.toLocaleString("en-US")} rows and ${(maxCol - minCol + 1).toLocaleString("en-US")} columns, more than ${SHEET_LIMITS.gridCells.toLocaleString("en-US")} cells`,
    );
  }
  const values: CellValue[][] = new Array(height);
  const numberFormats: (string | undefined)[][] = new Array(height);
  const formulas: (boolean | undefined)[][] = new Array(height);
  for (let i = 0; i < height; i++) {
    const row = rowsOut.get(minRow + i);
    if (row === undefined) {
      values[i] = [];
      numberFormats[i] = [];
      formulas[i] = [];
      continue;
    }
    // Formats and formulas only for rows that have them (most rows of a big sheet have neither).
    const width = row.values.length - minCol;
    const v: CellValue[] = new Array(width).fill(null);
    const f: (string | undefined)[] = row.formats ? new Array(width) : [];
    const fx: (boolean | undefined)[] = row.formulas ? new Array(width) : [];
    for (let c = row.first; c < row.values.length; c++) {
      const x = row.values[c];
      if (x !== undefined) v[c - minCol] = x;
      if (row.formats) f[c - minCol] = row.formats[c];
      if (row.formulas) fx[c - minCol] = row.formulas[c];
    }
    values[i] = v;
    numberFormats[i] = f;
    formulas[i] = fx;
  }
  return {
    sheetName: sheet.name,
    values,
    origin: { row: minRow, col: minCol },
    numberFormats,
    formulas,
    merges,
    tables,
    hiddenRows,
    hiddenColumns,
    protected: isProtected,
    conditionalFormats,
    ...extras,
  };
}
