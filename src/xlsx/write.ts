/**
 * Applying a WritePlan to a copy of the package. Only the audited sheet, the styles (when a
 * highlight needs a new format), the workbook's sheet list, its relationships and content
 * types, and the new sheets change; every other part is copied byte for byte. Inside the
 * audited sheet, only the rows that get cells, the dimension and the highlight rules change.
 */
import {
  cellAddress,
  columnLetter,
  parseRange,
  sameSheetName,
  quoteSheetName,
  rangeAddress,
  type CellRange,
} from "../governance/grid";
import {
  createdRange,
  mergeRecord,
  RECORD_NAME,
  recordComment,
  recordFrom,
  STANDARD_WIDTH_POINTS,
  type AddedRecord,
} from "../governance/record";
import type { PlannedCell, PlannedRule, PlannedSheet, WritePlan } from "../governance/types";
import { partText, savePackage, XlsxError } from "./package";
import { children, localName, rootElement, ScanError, type Element } from "./scan";
import { readWorkbookModel, type SheetEntry, type WorkbookModel } from "./read";
import {
  attribute,
  decodeEntities,
  elements,
  escapeXml,
  firstElement,
  mainPrefix,
  relationships,
  relsPathOf,
  resolveTarget,
} from "./xml";

const WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Elements that come after conditionalFormatting in a worksheet (CT_Worksheet order). */
const AFTER_CONDITIONAL_FORMATTING = [
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
/** Elements that come after dxfs in styles.xml. */
const AFTER_DXFS = ["tableStyles", "colors", "extLst"];

export function applyPlan(bytes: Uint8Array, plan: WritePlan): Uint8Array {
  const model = readWorkbookModel(bytes);
  const sheet = model.sheets.find((s) => s.name === plan.sheetName);
  if (!sheet) throw new XlsxError("corrupt", `The workbook has no sheet named '${plan.sheetName}'.`);
  const changed = new Map<string, string>();
  const sheetXml = partText(model.pkg, sheet.part) ?? "";
  // A summary-only plan (a pivot's, a protected sheet's) touches nothing on the sheet.
  const onSheet = plan.cells.length > 0 || plan.rules.length > 0 || plan.columns.some((c) => c.created);
  checkProtection(model, sheet, sheetXml, plan, onSheet);

  let stylesXml = stylesPart(model) ? partText(model.pkg, stylesPart(model)!) : undefined;
  const dxfIds: number[] = [];
  for (const rule of plan.rules) {
    if (stylesXml === undefined)
      throw new XlsxError(
        "corrupt",
        "The workbook has no styles part, so highlighting cannot be added. Open it in Excel, save a copy, and try again.",
      );
    requireUnprefixed(stylesXml, "styles part");
    const { xml, id } = ensureDxf(stylesXml, rule);
    stylesXml = xml;
    dxfIds.push(id);
  }
  // Cell formats our cells need: wrapped sentences, and the summary sheet's bold header.
  const looks: SheetLooks = {};
  const needsWrap = plan.cells.some((c) => c.wrap) || plan.sheets.some((x) => (x.wrap ?? []).length > 0);
  const needsBold = plan.sheets.some((x) => x.header);
  const formats = new Set<string>();
  for (const x of plan.sheets) for (const row of x.numberFormats ?? []) for (const f of row) if (f) formats.add(f);
  if (formats.size > 0 && stylesXml !== undefined) {
    requireUnprefixed(stylesXml, "styles part");
    looks.formats = new Map();
    for (const format of formats) {
      const fmt = ensureNumFmt(stylesXml, format);
      const r = ensureXf(
        fmt.xml,
        `<xf numFmtId="${fmt.id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      );
      stylesXml = r.xml;
      looks.formats.set(format, String(r.id));
    }
  }
  if ((needsWrap || needsBold) && stylesXml !== undefined) {
    requireUnprefixed(stylesXml, "styles part");
    if (needsWrap) {
      const r = ensureXf(stylesXml, WRAP_XF);
      stylesXml = r.xml;
      looks.wrap = String(r.id);
    }
    if (needsBold) {
      const font = ensureFont(stylesXml, BOLD_FONT);
      const r = ensureXf(
        font.xml,
        `<xf numFmtId="0" fontId="${font.id}" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
      );
      stylesXml = r.xml;
      looks.bold = String(r.id);
    }
  }
  if (stylesXml !== undefined && stylesXml !== partText(model.pkg, stylesPart(model)!))
    changed.set(stylesPart(model)!, stylesXml);

  if (onSheet) {
    requireUnprefixed(sheetXml, `sheet '${sheet.name}'`);
    const widths = plan.columns
      .filter((c) => c.created && c.width !== undefined)
      .map((c) => ({ col: c.col, width: c.width! }));
    changed.set(sheet.part, editSheet(sheetXml, plan.cells, plan.rules, dxfIds, widths, looks.wrap));
    extendTables(model, sheet, plan, changed);
  }
  addSheets(model, plan.sheets, changed, looks);
  if (onSheet) recordAdded(model, sheet, plan, changed, sheetXml);
  return savePackage(model.pkg, changed);
}

/** Whether a sheet part carries `<sheetProtection sheet="1">` (its cells cannot be edited). */
export function isSheetProtected(sheetXml: string): boolean {
  const prefix = mainPrefix(sheetXml);
  const protection = firstElement(sheetXml, prefix ? `${prefix}:sheetProtection` : "sheetProtection");
  const flag = protection ? attribute(protection.attrs, "sheet") : undefined;
  return flag === "1" || flag === "true";
}

/** Whether the workbook part locks its structure (`<workbookProtection lockStructure="1">`: no sheet added or deleted). */
export function isStructureLocked(workbookXml: string): boolean {
  const prefix = mainPrefix(workbookXml);
  const protection = firstElement(workbookXml, prefix ? `${prefix}:workbookProtection` : "workbookProtection");
  const flag = protection ? attribute(protection.attrs, "lockStructure") : undefined;
  return flag === "1" || flag === "true";
}

/**
 * The protections Excel would enforce, checked before anything is written: no cell of a
 * protected sheet (the audited one, or our summary sheet replaced), and no new sheet in a
 * workbook whose structure is locked.
 */
function checkProtection(
  model: WorkbookModel,
  sheet: SheetEntry,
  sheetXml: string,
  plan: WritePlan,
  onSheet: boolean,
): void {
  if (onSheet && isSheetProtected(sheetXml))
    throw new XlsxError(
      "protected",
      `Sheet '${sheet.name}' is protected. Unprotect it (Review > Unprotect Sheet), or audit a copy.`,
    );
  const existing = plan.sheets.map((x) => model.sheets.find((s) => sameSheetName(s.name, x.name)));
  for (const s of existing)
    if (s?.part && isSheetProtected(partText(model.pkg, s.part) ?? ""))
      throw new XlsxError(
        "protected",
        `Sheet '${s.name}' is protected. Unprotect it (Review > Unprotect Sheet), or audit a copy.`,
      );
  const added = plan.sheets.filter((_, i) => existing[i] === undefined).map((x) => `'${x.name}'`);
  if (added.length > 0 && isStructureLocked(partText(model.pkg, model.workbookPart) ?? ""))
    throw new XlsxError(
      "protected",
      `The workbook's structure is protected, so Decision Map cannot add its ${added.join(" and ")} sheet${added.length === 1 ? "" : "s"}. Unprotect it (Review > Protect Workbook), then try again.`,
    );
}

/**
 * Created columns that join an Excel table become its columns: the table's ref and its
 * autoFilter widen to them, and each gets a tableColumn named as its header cell (the plan
 * made the names unique in the table). Sorting or filtering the table then keeps each
 * verdict on its metric's row.
 */
function extendTables(model: WorkbookModel, sheet: SheetEntry, plan: WritePlan, changed: Map<string, string>): void {
  const joining = plan.columns.filter((c) => c.created && c.table !== undefined);
  if (joining.length === 0) return;
  const rels = relationships(partText(model.pkg, relsPathOf(sheet.part)));
  for (const name of new Set(joining.map((c) => c.table!))) {
    const added = joining.filter((c) => c.table === name).sort((a, b) => a.col - b.col);
    let found = false;
    for (const rel of rels) {
      if (rel.external || !rel.type.endsWith("/table")) continue;
      const part = resolveTarget(sheet.part, rel.target);
      if (part === null) continue;
      const xml = changed.get(part) ?? partText(model.pkg, part);
      if (xml === undefined) continue;
      const root = rootElement(xml);
      if (localName(root.name) !== "table") continue;
      const tableName = attribute(root.attrs, "displayName") ?? attribute(root.attrs, "name");
      if (tableName !== name) continue;
      requireUnprefixed(xml, `table '${name}'`);
      changed.set(part, extendTable(xml, root, added, name));
      found = true;
      break;
    }
    if (!found) throw damaged(`table '${name}'`);
  }
}

function extendTable(xml: string, root: Element, added: { col: number; header: string }[], name: string): string {
  const ref = parseRange(attribute(root.attrs, "ref") ?? "");
  if (ref === null || added[0].col !== ref.right + 1 || added.some((c, i) => c.col !== ref.right + 1 + i))
    throw damaged(`table '${name}'`);
  const right = added[added.length - 1].col;
  const widen = (attrs: string) =>
    attrs.replace(/(\sref=")([^"]*)(")/, (whole, a: string, value: string, b: string) => {
      const r = parseRange(value);
      return r ? `${a}${rangeAddress({ ...r, right: Math.max(r.right, right) })}${b}` : whole;
    });
  const kids = children(xml, root.innerStart, root.innerEnd);
  const columnsEl = kids.find((k) => k.name === "tableColumns");
  if (!columnsEl) throw damaged(`table '${name}'`);
  const existing = children(xml, columnsEl.innerStart, columnsEl.innerEnd).filter((k) => k.name === "tableColumn");
  let nextId = Math.max(0, ...existing.map((k) => Number(attribute(k.attrs, "id") ?? 0))) + 1;
  const newColumns = added.map((c) => `<tableColumn id="${nextId++}" name="${escapeXml(c.header)}"/>`).join("");
  const count = existing.length + added.length;
  const columnsAttrs = / count="/.test(columnsEl.attrs)
    ? columnsEl.attrs.replace(/(\scount=")[^"]*(")/, `$1${count}$2`)
    : `${columnsEl.attrs} count="${count}"`;
  const edits: { start: number; end: number; text: string }[] = [
    { start: root.start, end: root.innerStart, text: `<${root.name}${widen(root.attrs)}>` },
    {
      start: columnsEl.start,
      end: columnsEl.end,
      text: `<tableColumns${columnsAttrs}>${xml.slice(columnsEl.innerStart, columnsEl.innerEnd)}${newColumns}</tableColumns>`,
    },
  ];
  const filter = kids.find((k) => k.name === "autoFilter");
  if (filter) {
    const open = xml.slice(filter.start, filter.innerStart === filter.end ? filter.end : filter.innerStart);
    const tagEnd = filter.start + open.length;
    const selfClosing = filter.innerStart === filter.end;
    edits.push({
      start: filter.start,
      end: tagEnd,
      text: `<autoFilter${widen(filter.attrs)}${selfClosing ? "/>" : ">"}`,
    });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let pos = 0;
  for (const e of edits) {
    out += xml.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + xml.slice(pos);
}

/**
 * Records the columns the plan created in a sheet-scoped defined name (the same record the
 * Excel host keeps), so "Remove governance" in Excel can take out exactly those columns. Its
 * comment holds each column's width from before: 48 points where Decision Map set the width,
 * null where the person's own width was kept.
 */
function recordAdded(
  model: WorkbookModel,
  sheet: SheetEntry,
  plan: WritePlan,
  changed: Map<string, string>,
  sheetXmlBefore: string,
): void {
  const fresh = createdRange(plan);
  if (fresh === null) return;
  const original = partText(model.pkg, model.workbookPart)!;
  let xml = changed.get(model.workbookPart) ?? original;
  const localSheetId = model.sheets.indexOf(sheet);
  const ours = new RegExp(
    `<definedName\\b(?=[^>]*\\bname="${RECORD_NAME}")(?=[^>]*\\blocalSheetId="${localSheetId}")[^>]*>([^<]*)</definedName>`,
  );
  const existing = ours.exec(xml);
  let old: AddedRecord | null = null;
  if (existing) {
    const ref = decodeEntities(existing[1]);
    const range = parseRange(ref.slice(ref.lastIndexOf("!") + 1).replace(/\$/g, ""));
    const comment = attribute(existing[0].slice(0, existing[0].indexOf(">")), "comment");
    if (range) old = recordFrom(range, decodeEntities(comment ?? ""));
  }
  const personWidths = definedWidthColumns(sheetXmlBefore);
  const merged = mergeRecord(old, fresh, (col) => (personWidths.has(col) ? null : STANDARD_WIDTH_POINTS));
  const ref = `${quoteSheetName(sheet.name)}!${absolute(merged.range)}`;
  const comment = recordComment(merged);
  const element = `<definedName name="${RECORD_NAME}" localSheetId="${localSheetId}" comment="${escapeXml(comment)}">${escapeXml(ref)}</definedName>`;
  // Replacements are functions: the element holds "$" (absolute references), which a
  // replacement string would read as a pattern.
  if (existing) xml = xml.replace(ours, () => element);
  else if (/<definedNames\b[^>]*\/>/.test(xml))
    xml = xml.replace(/<definedNames\b[^>]*\/>/, () => `<definedNames>${element}</definedNames>`);
  else if (xml.includes("</definedNames>")) xml = xml.replace("</definedNames>", () => `${element}</definedNames>`);
  else {
    // definedNames follows sheets (and functionGroups, externalReferences when present).
    const after = ["</externalReferences>", "</functionGroups>", "</sheets>"].find((t) => xml.includes(t));
    if (!after) return;
    const at = xml.indexOf(after) + after.length;
    xml = `${xml.slice(0, at)}<definedNames>${element}</definedNames>${xml.slice(at)}`;
  }
  if (xml !== original) changed.set(model.workbookPart, xml);
}

/** The columns (0-based) a sheet's <cols> gives a width. */
function definedWidthColumns(sheetXml: string): Set<number> {
  const out = new Set<number>();
  const block = firstElement(sheetXml, "cols");
  if (!block) return out;
  for (const c of elements(block.inner, "col")) {
    const min = Number(attribute(c.attrs, "min"));
    const max = Number(attribute(c.attrs, "max"));
    if (!(max >= min) || max - min > 16384) continue;
    if (attribute(c.attrs, "width") === undefined) continue;
    for (let k = min - 1; k <= max - 1; k++) out.add(k);
  }
  return out;
}

/** "$Q$5:$T$40". */
function absolute(r: CellRange): string {
  const a = (row: number, col: number) => `$${columnLetter(col)}$${row + 1}`;
  return `${a(r.top, r.left)}:${a(r.bottom, r.right)}`;
}

function stylesPart(model: WorkbookModel): string | undefined {
  const rels = relationships(partText(model.pkg, relsPathOf(model.workbookPart)));
  const r = rels.find((x) => x.type.endsWith("/styles"));
  if (!r || r.external) return undefined;
  // Resolved and confined as every target is ("../xl/styles.xml" from xl/ is xl/styles.xml).
  return resolveTarget(model.workbookPart, r.target) ?? undefined;
}

// ---------------------------------------------------------------------------------------
// Cells

function cellXml(cell: PlannedCell, style: string | undefined): string {
  const r = cellAddress(cell.row, cell.col);
  const s = style !== undefined ? ` s="${escapeXml(style)}"` : "";
  if (cell.value === null) return `<c r="${r}"${s}/>`;
  if (typeof cell.value === "number") {
    // NaN and infinities have no place in a cell: leave it empty rather than write bad XML.
    return Number.isFinite(cell.value) ? `<c r="${r}"${s}><v>${cell.value}</v></c>` : `<c r="${r}"${s}/>`;
  }
  // Text is always an inline string: never a formula, and sharedStrings.xml stays as it was.
  return `<c r="${r}"${s} t="inlineStr"><is><t xml:space="preserve">${cellText(cell.value)}</t></is></c>`;
}

/**
 * Cell text as XML: escaped, with a literal "_x0041_" kept literal (Excel would read it as
 * an escape for "A") and a carriage return kept (XML parsers turn a raw CR into LF).
 */
function cellText(text: string): string {
  let t = text;
  if (t.includes("_x")) t = t.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  t = escapeXml(t);
  return t.includes("\r") ? t.replace(/\r/g, "_x000D_") : t;
}

function damaged(what: string): XlsxError {
  return new XlsxError(
    "corrupt",
    `This workbook's ${what} is damaged, so Decision Map will not change it. Open the workbook in Excel, save a copy, and try again.`,
  );
}

/** Refuses a part whose SpreadsheetML tags carry a prefix: splicing unprefixed elements in would break it. */
function requireUnprefixed(xml: string, what: string): void {
  if (mainPrefix(xml) !== "") {
    throw new XlsxError(
      "unsupported",
      `This workbook's ${what} was written by a program that uses prefixed XML, which Decision Map cannot change safely. Open the workbook in Excel, save it, and try again.`,
    );
  }
}

interface RowSpan {
  row: number;
  /** The row element's extent in the sheet XML. */
  el: Element;
}

interface CellSpan {
  col: number;
  el: Element;
}

function colOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/**
 * The cells of a row, found by parsing (a formula's CDATA or a comment cannot pass for a
 * cell), with their columns, in column order. A cell under a prefix bound to the main
 * namespace (`<x:c>`) is a cell like any other. Cells written out of order are taken in
 * column order (the row is then rewritten sorted, each cell's XML as it was, as Excel would
 * repair it); one address twice is refused.
 */
function cellsOf(xml: string, row: RowSpan): { cells: CellSpan[]; sorted: boolean } {
  const out: CellSpan[] = [];
  let col = -1;
  let sorted = true;
  for (const el of children(xml, row.el.innerStart, row.el.innerEnd)) {
    const name = localName(el.name);
    if (name === "extLst") continue;
    if (name !== "c") throw damaged("sheet");
    const ref = attribute(el.attrs, "r");
    const next = ref !== undefined ? colOfRef(ref) : col + 1;
    if (next < 0) throw damaged("sheet");
    if (next <= col) sorted = false;
    col = next;
    out.push({ col, el });
  }
  if (!sorted) {
    out.sort((a, b) => a.col - b.col);
    for (let i = 1; i < out.length; i++) if (out[i].col === out[i - 1].col) throw damaged("sheet");
  }
  return { cells: out, sorted };
}

/** The rows of sheetData, in ascending order as Excel requires; anything else is refused. */
function rowsOf(xml: string, data: Element): RowSpan[] {
  const rows: RowSpan[] = [];
  let row = -1;
  for (const el of children(xml, data.innerStart, data.innerEnd)) {
    if (localName(el.name) !== "row") throw damaged("sheet");
    const r = attribute(el.attrs, "r");
    const next = r !== undefined ? Number(r) - 1 : row + 1;
    if (!Number.isInteger(next) || next <= row) throw damaged("sheet");
    row = next;
    rows.push({ row, el });
  }
  return rows;
}

function topLevel(xml: string): { root: Element; kids: Element[] } {
  try {
    const root = rootElement(xml);
    return { root, kids: children(xml, root.innerStart, root.innerEnd) };
  } catch (e) {
    if (e instanceof ScanError) throw damaged("sheet");
    throw e;
  }
}

function editSheet(
  xml: string,
  cells: PlannedCell[],
  rules: PlannedRule[],
  dxfIds: number[],
  widths: { col: number; width: number }[],
  wrapStyle?: string,
): string {
  let { kids } = topLevel(xml);
  let dataEl = kids.find((k) => k.name === "sheetData");
  if (!dataEl)
    throw new XlsxError(
      "corrupt",
      "The sheet has no cell data section. Open the workbook in Excel, save a copy, and try again.",
    );
  // A self-closing <sheetData/> becomes an open one so rows can go in.
  if (dataEl.innerStart === dataEl.end) {
    xml = `${xml.slice(0, dataEl.start)}<sheetData></sheetData>${xml.slice(dataEl.end)}`;
    ({ kids } = topLevel(xml));
    dataEl = kids.find((k) => k.name === "sheetData")!;
  }
  const data = dataEl;
  let rows: RowSpan[];
  try {
    rows = rowsOf(xml, data);
  } catch (e) {
    if (e instanceof ScanError) throw damaged("sheet");
    throw e;
  }
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const cellCache = new Map<RowSpan, { cells: CellSpan[]; sorted: boolean }>();
  const cellsIn = (span: RowSpan): { cells: CellSpan[]; sorted: boolean } => {
    let list = cellCache.get(span);
    if (!list) {
      try {
        list = cellsOf(xml, span);
      } catch (e) {
        if (e instanceof ScanError) throw damaged("sheet");
        throw e;
      }
      cellCache.set(span, list);
    }
    return list;
  };

  // The style each styleLike target has, read before anything changes.
  const styleAt = (row: number, col: number): string | undefined => {
    const span = byRow.get(row);
    if (!span) return undefined;
    const c = cellsIn(span).cells.find((x) => x.col === col);
    return c ? attribute(c.el.attrs, "s") : undefined;
  };

  // A cell's style: the look it copies, else the one of the cell it replaces, else ours.
  const styleFor = (c: PlannedCell, same: CellSpan | undefined): string | undefined =>
    c.styleLike
      ? styleAt(c.styleLike.row, c.styleLike.col)
      : same
        ? attribute(same.el.attrs, "s")
        : c.wrap
          ? wrapStyle
          : undefined;

  const planned = new Map<number, PlannedCell[]>();
  for (const c of cells) {
    const list = planned.get(c.row) ?? [];
    list.push(c);
    planned.set(c.row, list);
  }

  const edits: { start: number; end: number; text: string; order: number }[] = [];
  const newRows: { row: number; text: string }[] = [];
  let maxCol = -1;
  let maxRow = -1;
  let minCol = Infinity;
  let minRow = Infinity;
  for (const [row, list] of planned) {
    list.sort((a, b) => a.col - b.col);
    for (const c of list) {
      maxCol = Math.max(maxCol, c.col);
      maxRow = Math.max(maxRow, c.row);
      minCol = Math.min(minCol, c.col);
      minRow = Math.min(minRow, c.row);
    }
    const span = byRow.get(row);
    const found = span ? cellsIn(span) : { cells: [], sorted: true };
    const existing = found.cells;
    if (span && !found.sorted) {
      // Cells out of order: the row is rewritten in column order, ours merged in, each of the
      // person's cells as it was; anything else in the row (its extLst) follows them.
      const parts: string[] = [];
      let k = 0;
      for (const c of list) {
        while (k < existing.length && existing[k].col < c.col)
          parts.push(xml.slice(existing[k].el.start, existing[k++].el.end));
        const same = k < existing.length && existing[k].col === c.col ? existing[k++] : undefined;
        parts.push(cellXml(c, styleFor(c, same)));
      }
      while (k < existing.length) parts.push(xml.slice(existing[k].el.start, existing[k++].el.end));
      const others = children(xml, span.el.innerStart, span.el.innerEnd).filter((e) => localName(e.name) !== "c");
      for (const e of others) parts.push(xml.slice(e.start, e.end));
      const attrs = span.el.attrs.replace(/\sspans="[^"]*"/, "");
      edits.push({
        start: span.el.start,
        end: span.el.end,
        text: `<${span.el.name}${attrs}>${parts.join("")}</${span.el.name}>`,
        order: row,
      });
      continue;
    }
    const out: string[] = [];
    const bodyStart = span ? span.el.innerStart : 0;
    const bodyEnd = span ? span.el.innerEnd : 0;
    let cursor = bodyStart;
    let k = 0;
    for (const c of list) {
      while (k < existing.length && existing[k].col < c.col) k++;
      const same = k < existing.length && existing[k].col === c.col ? existing[k] : undefined;
      const at = same ? same.el.start : k < existing.length ? existing[k].el.start : bodyEnd;
      out.push(xml.slice(cursor, at), cellXml(c, styleFor(c, same)));
      cursor = same ? same.el.end : at;
      if (same) k++;
    }
    out.push(xml.slice(cursor, bodyEnd));
    const newBody = out.join("");
    if (span) {
      // spans are an optional hint; one that no longer covers the row's cells is dropped.
      const attrs = span.el.attrs.replace(/\sspans="[^"]*"/, "");
      edits.push({ start: span.el.start, end: span.el.end, text: `<row${attrs}>${newBody}</row>`, order: row });
    } else {
      newRows.push({ row, text: `<row r="${row + 1}">${newBody}</row>` });
    }
  }
  // New rows go before the first existing row below them.
  newRows.sort((a, b) => a.row - b.row);
  let k = 0;
  for (const nr of newRows) {
    // rows are in sheet order, and so are the new ones: one forward walk finds each place.
    while (k < rows.length && rows[k].row <= nr.row) k++;
    const at = k < rows.length ? rows[k].el.start : data.innerEnd;
    edits.push({ start: at, end: at, text: nr.text, order: nr.row });
  }
  // By position; at one position, inserted rows (in row order) go before the row that is there.
  edits.sort((a, b) => a.start - b.start || a.order - b.order);
  const parts: string[] = [];
  let pos = data.innerStart;
  for (const e of edits) {
    parts.push(xml.slice(pos, e.start), e.text);
    pos = e.end;
  }
  parts.push(xml.slice(pos, data.innerEnd));

  let head = xml.slice(0, data.innerStart);
  let tail = xml.slice(data.innerEnd);
  head = widenDimension(head, minRow, minCol, maxRow, maxCol);
  head = addColumnWidths(head, widths);
  tail = replaceRules(tail, rules, dxfIds);
  return head + parts.join("") + tail;
}

function widenDimension(head: string, minRow: number, minCol: number, maxRow: number, maxCol: number): string {
  if (maxRow < 0) return head;
  return head.replace(/<dimension\b([^>]*?)ref="([^"]*)"/, (whole, before: string, ref: string) => {
    const parts = ref.split(":");
    const m1 = /^([A-Z]+)(\d+)$/.exec(parts[0]);
    const m2 = /^([A-Z]+)(\d+)$/.exec(parts[parts.length - 1]);
    if (!m1 || !m2) return whole;
    const top = Math.min(Number(m1[2]) - 1, minRow);
    const left = Math.min(colOfRef(m1[1]), minCol);
    const bottom = Math.max(Number(m2[2]) - 1, maxRow);
    const right = Math.max(colOfRef(m2[1]), maxCol);
    return `<dimension${before}ref="${rangeAddress({ top, left, bottom, right })}"`;
  });
}

/**
 * Widths for the columns the plan adds, where the sheet does not already define them (a
 * re-run finds its own definitions and adds nothing). `<cols>` sits before `<sheetData>`.
 */
function addColumnWidths(head: string, widths: { col: number; width: number }[]): string {
  const block = firstElement(head, "cols");
  const defined: [number, number][] = block
    ? [...elements(block.inner, "col")].map((c) => [
        Number(attribute(c.attrs, "min")) - 1,
        Number(attribute(c.attrs, "max")) - 1,
      ])
    : [];
  const missing = widths.filter((w) => !defined.some(([a, b]) => w.col >= a && w.col <= b));
  if (missing.length === 0) return head;
  const add = missing.map((w) => `<col min="${w.col + 1}" max="${w.col + 1}" width="${w.width}" customWidth="1"/>`);
  if (block && !block.inner) {
    return `${head.slice(0, block.start)}<cols>${add.join("")}</cols>${head.slice(block.end)}`;
  }
  if (block) {
    // Keep <col> elements sorted by their first column, as Excel writes them.
    const items = [...elements(block.inner, "col")].map((c) => ({
      min: Number(attribute(c.attrs, "min")),
      text: block.inner.slice(c.start, c.end),
    }));
    missing.forEach((w, i) => items.push({ min: w.col + 1, text: add[i] }));
    items.sort((a, b) => a.min - b.min);
    return `${head.slice(0, block.start)}<cols>${items.map((x) => x.text).join("")}</cols>${head.slice(block.end)}`;
  }
  const at = head.lastIndexOf("<sheetData");
  return `${head.slice(0, at)}<cols>${add.join("")}</cols>${head.slice(at)}`;
}

// ---------------------------------------------------------------------------------------
// Highlight rules

function replaceRules(tail: string, rules: PlannedRule[], dxfIds: number[]): string {
  if (rules.length === 0) return tail;
  // `tail` is "</sheetData>", the worksheet's other children, then "</worksheet>".
  const from = tail.indexOf(">") + 1;
  const to = tail.lastIndexOf("</");
  let kids: Element[];
  try {
    kids = children(tail, from, to);
  } catch (e) {
    if (e instanceof ScanError) throw damaged("sheet");
    throw e;
  }
  const formulas = new Set(rules.map((r) => r.formula));
  const cfRank = WORKSHEET_ORDER.indexOf("conditionalFormatting");
  // Take out our earlier rules (same formula), dropping a block left empty; find where new
  // rules go: before the first top-level child that the schema puts after them.
  let out = tail.slice(0, from);
  let insertAt = -1;
  let pos = from;
  for (const kid of kids) {
    out += tail.slice(pos, kid.start);
    pos = kid.end;
    if (insertAt < 0 && childRank(tail, kid) > cfRank) insertAt = out.length;
    if (kid.name !== "conditionalFormatting") {
      out += tail.slice(kid.start, kid.end);
      continue;
    }
    let inner = "";
    let at = kid.innerStart;
    let kept = 0;
    for (const rule of children(tail, kid.innerStart, kid.innerEnd)) {
      if (rule.name !== "cfRule") continue;
      const formula = children(tail, rule.innerStart, rule.innerEnd).find((f) => f.name === "formula");
      const ours =
        formula !== undefined && formulas.has(decodeEntities(tail.slice(formula.innerStart, formula.innerEnd)));
      inner += tail.slice(at, rule.start);
      if (!ours) {
        inner += tail.slice(rule.start, rule.end);
        kept++;
      }
      at = rule.end;
    }
    inner += tail.slice(at, kid.innerEnd);
    if (kept > 0) out += `<conditionalFormatting${kid.attrs}>${inner}</conditionalFormatting>`;
  }
  out += tail.slice(pos);
  if (insertAt < 0) insertAt = out.length - (tail.length - to);
  // Every rule on the sheet (x14 ones in extLst too) carries a priority; stay clear of them.
  let maxPriority = 0;
  for (const m of out.matchAll(/priority="(\d+)"/g)) maxPriority = Math.max(maxPriority, Number(m[1]));

  const added = rules
    .map((rule, i) => {
      const sqref = rangeAddress(rule.range);
      return (
        `<conditionalFormatting sqref="${sqref}"><cfRule type="expression" dxfId="${dxfIds[i]}" ` +
        `priority="${maxPriority + i + 1}"><formula>${escapeXml(rule.formula)}</formula></cfRule></conditionalFormatting>`
      );
    })
    .join("");
  return out.slice(0, insertAt) + added + out.slice(insertAt);
}

/** The worksheet's children in the order CT_Worksheet requires. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  ...AFTER_CONDITIONAL_FORMATTING,
];

/**
 * Where a top-level child sits in that order. An `mc:AlternateContent` (Excel wraps
 * controls and OLE objects in one) sits where its first choice's element would; anything
 * unknown is taken to come last.
 */
function childRank(xml: string, kid: Element): number {
  let name = localName(kid.name);
  if (name === "AlternateContent") {
    const choice = children(xml, kid.innerStart, kid.innerEnd)[0];
    const inner = choice ? children(xml, choice.innerStart, choice.innerEnd)[0] : undefined;
    name = inner ? localName(inner.name) : "";
  } else if (kid.name.includes(":")) name = "";
  const rank = WORKSHEET_ORDER.indexOf(name);
  return rank < 0 ? WORKSHEET_ORDER.length : rank;
}

function hex(color: string): string {
  return `FF${color.replace("#", "").toUpperCase()}`;
}

/** The dxf for a rule, added to styles.xml unless an identical one is there already. */
function ensureDxf(styles: string, rule: PlannedRule): { xml: string; id: number } {
  const dxf =
    `<dxf><font><color rgb="${hex(rule.font)}"/></font>` +
    `<fill><patternFill patternType="solid"><bgColor rgb="${hex(rule.fill)}"/></patternFill></fill></dxf>`;
  const block = firstElement(styles, "dxfs");
  if (block) {
    const existing = [...elements(block.inner, "dxf")].map((d) => block.inner.slice(d.start, d.end));
    const found = existing.indexOf(dxf);
    if (found >= 0) return { xml: styles, id: found };
    const attrs = block.attrs.replace(/\scount="\d*"/, "");
    const text = `<dxfs count="${existing.length + 1}"${attrs}>${block.inner}${dxf}</dxfs>`;
    return { xml: styles.slice(0, block.start) + text + styles.slice(block.end), id: existing.length };
  }
  // dxfs goes before tableStyles, colors and extLst, among styleSheet's own children.
  let at: number;
  try {
    const root = rootElement(styles);
    const after = children(styles, root.innerStart, root.innerEnd).find((k) => AFTER_DXFS.includes(k.name));
    at = after ? after.start : root.innerEnd;
  } catch (e) {
    if (e instanceof ScanError) throw damaged("styles part");
    throw e;
  }
  return { xml: `${styles.slice(0, at)}<dxfs count="1">${dxf}</dxfs>${styles.slice(at)}`, id: 0 };
}

// ---------------------------------------------------------------------------------------
// New sheets

function worksheetXml(sheet: PlannedSheet, looks: SheetLooks): string {
  const cols = (sheet.widths ?? [])
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join("");
  const wrap = new Set(sheet.wrap ?? []);
  const rows = sheet.rows
    .map((cells, r) => {
      const body = cells
        .map((value, c) => {
          if (value === null) return "";
          const format = sheet.numberFormats?.[r]?.[c];
          const style =
            r === 0 && sheet.header
              ? looks.bold
              : wrap.has(c)
                ? looks.wrap
                : format
                  ? looks.formats?.get(format)
                  : undefined;
          return cellXml({ row: r, col: c, value }, style);
        })
        .join("");
      return `<row r="${r + 1}">${body}</row>`;
    })
    .join("");
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const extent: CellRange = { top: 0, left: 0, bottom: Math.max(0, sheet.rows.length - 1), right: width - 1 };
  const freeze = sheet.header ? `<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    (sheet.landscape ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
    `<dimension ref="${rangeAddress(extent)}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${freeze}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ""}<sheetData>${rows}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    (sheet.landscape ? `<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>` : "") +
    `</worksheet>`
  );
}

/** Style ids (cellXfs indexes) for the looks our cells take, where the plan needs them. */
interface SheetLooks {
  wrap?: string;
  bold?: string;
  /** Per number format of the summary sheets' cells. */
  formats?: Map<string, string>;
}

/** Excel's built-in number formats that need no numFmt element, by format code. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "mm-dd-yy": 14,
  "d-mmm-yy": 15,
  "d-mmm": 16,
  "mmm-yy": 17,
};

/** styles.xml's root element and its children; a styles part that does not scan is damaged. */
function styleSheet(styles: string): { root: Element; kids: Element[] } {
  try {
    const root = rootElement(styles);
    return { root, kids: children(styles, root.innerStart, root.innerEnd) };
  } catch (e) {
    if (e instanceof ScanError) throw damaged("styles part");
    throw e;
  }
}

/** The numFmtId of a number format code: a built-in one, one styles.xml already has, or a new one added to it. */
function ensureNumFmt(styles: string, code: string): { xml: string; id: number } {
  const builtin = BUILTIN_FORMATS[code];
  if (builtin !== undefined) return { xml: styles, id: builtin };
  const { root, kids } = styleSheet(styles);
  const item = (id: number) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`;
  const list = kids.find((k) => k.name === "numFmts");
  if (!list || list.innerStart === list.end)
    // numFmts is the first child of styleSheet.
    return {
      xml: `${styles.slice(0, root.innerStart)}<numFmts count="1">${item(164)}</numFmts>${styles.slice(root.innerStart)}`,
      id: 164,
    };
  const items = children(styles, list.innerStart, list.innerEnd);
  let max = 163;
  for (const k of items) {
    const id = Number(attribute(k.attrs, "numFmtId"));
    if (attribute(k.attrs, "formatCode") === code && Number.isInteger(id)) return { xml: styles, id };
    if (Number.isInteger(id) && id > max) max = id;
  }
  return { xml: ensureListItem(styles, "numFmts", item(max + 1)).xml, id: max + 1 };
}

const WRAP_XF = `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`;
const BOLD_FONT = `<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>`;

/** Adds an element to a counted list of styles.xml (unless an identical one is there): its index. */
function ensureListItem(styles: string, list: string, item: string): { xml: string; id: number } {
  const { kids } = styleSheet(styles);
  const el = kids.find((k) => k.name === list);
  if (!el || el.innerStart === el.end) throw damaged("styles part");
  const items = children(styles, el.innerStart, el.innerEnd);
  const found = items.findIndex((k) => styles.slice(k.start, k.end) === item);
  if (found >= 0) return { xml: styles, id: found };
  const attrs = / count="/.test(el.attrs)
    ? el.attrs.replace(/(\scount=")[^"]*(")/, `$1${items.length + 1}$2`)
    : `${el.attrs} count="${items.length + 1}"`;
  const text = `<${list}${attrs}>${styles.slice(el.innerStart, el.innerEnd)}${item}</${list}>`;
  return { xml: styles.slice(0, el.start) + text + styles.slice(el.end), id: items.length };
}

const ensureXf = (styles: string, xf: string) => ensureListItem(styles, "cellXfs", xf);
const ensureFont = (styles: string, font: string) => ensureListItem(styles, "fonts", font);

/** The Worksheets heading of docProps/app.xml in the languages Excel writes it in. */
const WORKSHEETS_HEADINGS = new Set([
  "Worksheets",
  "ワークシート",
  "Arbeitsblätter",
  "Feuilles de calcul",
  "Hojas de cálculo",
  "Fogli di lavoro",
  "Planilhas",
  "Folhas de Cálculo",
  "Werkbladen",
  "工作表",
  "워크시트",
  "Листы",
  "Arkusze",
  "Kalkylblad",
  "Regneark",
  "Laskentataulukot",
  "Çalışma Sayfaları",
]);

/**
 * docProps/app.xml lists the workbook's sheet titles (HeadingPairs counts them by kind,
 * TitlesOfParts names them, worksheets first): the sheets we add join that list, so the
 * file's properties agree with its sheets. A part without a Worksheets heading is left.
 */
function updateAppTitles(model: WorkbookModel, added: string[], changed: Map<string, string>): void {
  if (added.length === 0) return;
  const rels = relationships(partText(model.pkg, "_rels/.rels"));
  const rel = rels.find((r) => r.type.endsWith("/extended-properties") && !r.external);
  const part = rel ? resolveTarget("", rel.target) : "docProps/app.xml";
  if (part === null) return;
  const xml = partText(model.pkg, part);
  if (xml === undefined) return;
  const pairs = /<HeadingPairs>\s*<vt:vector\b[^>]*>([\s\S]*?)<\/vt:vector>\s*<\/HeadingPairs>/.exec(xml);
  const titles =
    /(<TitlesOfParts>\s*<vt:vector\b[^>]*\bsize=")(\d+)("[^>]*>)([\s\S]*?)(<\/vt:vector>\s*<\/TitlesOfParts>)/.exec(
      xml,
    );
  if (!pairs || !titles) return;
  const variants = [...pairs[1].matchAll(/<vt:variant>\s*<vt:(lpstr|i4)>([^<]*)<\/vt:\1>\s*<\/vt:variant>/g)];
  const items = [...titles[4].matchAll(/<vt:lpstr>[^<]*<\/vt:lpstr>|<vt:lpstr\/>/g)];
  // Excel writes the heading in its own language ("Hojas de cálculo", "Feuilles de calcul"):
  // the worksheets' heading is "Worksheets", or the one whose titles are all sheet names.
  const sheetNames = new Set(model.sheets.map((s) => s.name));
  const title = (m: RegExpMatchArray) => decodeEntities(m[0].replace(/<\/?vt:lpstr\/?>/g, ""));
  let before = 0;
  let counted: RegExpMatchArray | null = null;
  for (let i = 0; i + 1 < variants.length; i += 2) {
    const n = Number(variants[i + 1][2]);
    const slice = items.slice(before, before + n);
    before += n;
    const named = n > 0 && slice.length === n && slice.every((m) => sheetNames.has(title(m)));
    // Excel writes the heading in its own language ("ワークシート"): a known name, a lone heading,
    // or one whose titles are exactly the workbook's sheet names.
    if (WORKSHEETS_HEADINGS.has(variants[i][2]) || variants.length === 2 || (variants[i][1] === "lpstr" && named)) {
      counted = variants[i + 1];
      break;
    }
  }
  if (counted === null || counted.index === undefined) return;
  if (items.length !== Number(titles[2]) || before > items.length) return;
  const at = before === 0 ? 0 : items[before - 1].index! + items[before - 1][0].length;
  const inner =
    titles[4].slice(0, at) + added.map((n) => `<vt:lpstr>${escapeXml(n)}</vt:lpstr>`).join("") + titles[4].slice(at);
  const newTitles = `${titles[1]}${items.length + added.length}${titles[3]}${inner}${titles[5]}`;
  const countAt = pairs.index + pairs[0].indexOf(pairs[1]) + counted.index;
  const newCount = counted[0].replace(/>(\d+)</, `>${Number(counted[2]) + added.length}<`);
  let out = xml.slice(0, countAt) + newCount + xml.slice(countAt + counted[0].length);
  const shift = newCount.length - counted[0].length;
  const titlesAt = titles.index + (titles.index > countAt ? shift : 0);
  out = out.slice(0, titlesAt) + newTitles + out.slice(titlesAt + titles[0].length);
  changed.set(part, out);
}

/** Whether a part is there, is declared a worksheet, and is one (its root is <worksheet>). */
function isWorksheetPart(model: WorkbookModel, typesXml: string, part: string): boolean {
  if (!model.pkg.names.includes(part)) return false;
  const declared = [...elements(typesXml, "Override")].find(
    (e) => attribute(e.attrs, "PartName")?.replace(/^\//, "").toLowerCase() === part.toLowerCase(),
  );
  if (declared === undefined || attribute(declared.attrs, "ContentType") !== WORKSHEET_CONTENT) return false;
  try {
    return localName(rootElement(partText(model.pkg, part) ?? "").name) === "worksheet";
  } catch {
    return false;
  }
}

function addSheets(
  model: WorkbookModel,
  sheets: PlannedSheet[],
  changed: Map<string, string>,
  looks: SheetLooks,
): void {
  if (sheets.length === 0) return;
  const relsPart = relsPathOf(model.workbookPart);
  let workbookXml = changed.get(model.workbookPart) ?? partText(model.pkg, model.workbookPart)!;
  requireUnprefixed(workbookXml, "sheet list");
  let relsXml = partText(model.pkg, relsPart) ?? "";
  let typesXml = partText(model.pkg, "[Content_Types].xml")!;
  // Only a declaration on the root reaches a new <sheet>: openpyxl declares xmlns:r on each
  // <sheet> instead, and then ours must carry its own.
  let rootTag = "";
  try {
    rootTag = rootElement(workbookXml).attrs;
  } catch (e) {
    if (e instanceof ScanError) throw damaged("workbook part");
    throw e;
  }
  const relPrefix = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
    rootTag,
  )?.[1];
  let nextSheetId = Math.max(0, ...model.sheets.map((s) => s.sheetId)) + 1;
  let nextRel = Math.max(0, ...relationships(relsXml).map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1;
  const folder = model.workbookPart.split("/").slice(0, -1).join("/");
  let nextPart = 1;
  const used = new Set([...model.pkg.names, ...changed.keys()]);

  const added: string[] = [];
  for (const sheet of sheets) {
    const existing: SheetEntry | undefined = model.sheets.find((s) => sameSheetName(s.name, sheet.name));
    if (existing) {
      // Ours from an earlier run: its part is replaced. A sheet whose part is missing, or is
      // not a worksheet, is not replaced blindly (its target could be any part).
      if (!existing.part || !isWorksheetPart(model, typesXml, existing.part))
        throw new XlsxError(
          "corrupt",
          `This workbook's sheet '${existing.name}' is damaged (its contents are missing), so Decision Map will not replace it. Open the workbook in Excel, delete or repair that sheet, save, and try again.`,
        );
      changed.set(existing.part, worksheetXml(sheet, looks));
      continue;
    }
    while (used.has(`${folder}/worksheets/sheet${nextPart}.xml`)) nextPart++;
    const part = `${folder}/worksheets/sheet${nextPart}.xml`;
    used.add(part);
    changed.set(part, worksheetXml(sheet, looks));
    const rId = `rId${nextRel++}`;
    relsXml = relsXml.replace(
      /<\/Relationships>\s*$/,
      `<Relationship Id="${rId}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${nextPart}.xml"/></Relationships>`,
    );
    const idAttr = relPrefix ? `${relPrefix}:id` : "r:id";
    const nsDecl = relPrefix ? "" : ` xmlns:r="${REL_NS}"`;
    workbookXml = workbookXml.replace(
      /<\/sheets>/,
      `<sheet name="${escapeXml(sheet.name)}" sheetId="${nextSheetId++}"${nsDecl} ${idAttr}="${rId}"/></sheets>`,
    );
    added.push(sheet.name);
    typesXml = typesXml.replace(
      /<\/Types>\s*$/,
      `<Override PartName="/${part}" ContentType="${WORKSHEET_CONTENT}"/></Types>`,
    );
  }
  updateAppTitles(model, added, changed);
  // Only parts that really changed are rewritten; a refresh of existing sheets touches none.
  if (workbookXml !== partText(model.pkg, model.workbookPart)) changed.set(model.workbookPart, workbookXml);
  if (relsXml !== partText(model.pkg, relsPart)) changed.set(relsPart, relsXml);
  if (typesXml !== partText(model.pkg, "[Content_Types].xml")) changed.set("[Content_Types].xml", typesXml);
}
