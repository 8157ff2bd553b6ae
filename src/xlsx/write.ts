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
  quoteSheetName,
  rangeAddress,
  type CellRange,
} from "../governance/grid";
import {
  createdRange,
  mergeRecord,
  RECORD_NAME,
  recordComment,
  recordWidths,
  type AddedRecord,
} from "../governance/record";
import type { PlannedCell, PlannedRule, PlannedSheet, WritePlan } from "../governance/types";
import { partText, savePackage, XlsxError } from "./package";
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
  if (stylesXml !== undefined && stylesXml !== partText(model.pkg, stylesPart(model)!))
    changed.set(stylesPart(model)!, stylesXml);

  const sheetXml = partText(model.pkg, sheet.part) ?? "";
  requireUnprefixed(sheetXml, `sheet '${sheet.name}'`);
  const widths = plan.columns
    .filter((c) => c.created && c.width !== undefined)
    .map((c) => ({ col: c.col, width: c.width! }));
  changed.set(sheet.part, editSheet(sheetXml, plan.cells, plan.rules, dxfIds, widths));

  addSheets(model, plan.sheets, changed);
  recordAdded(model, sheet, plan, changed, sheetXml);
  return savePackage(model.pkg, changed);
}

/** Excel's standard column width in points (8.43 characters of Calibri 11). */
const STANDARD_WIDTH_POINTS = 48;

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
    if (range) old = { range, widths: recordWidths(decodeEntities(comment ?? "")) };
  }
  const personWidths = definedWidthColumns(sheetXmlBefore);
  const { range, widths } = mergeRecord(old, fresh, (col) => (personWidths.has(col) ? null : STANDARD_WIDTH_POINTS));
  const ref = `${quoteSheetName(sheet.name)}!${absolute(range)}`;
  const comment = recordComment(widths);
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
  if (!r) return undefined;
  const base = model.workbookPart.split("/").slice(0, -1).join("/");
  return r.target.startsWith("/") ? r.target.slice(1) : `${base}/${r.target}`;
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
  start: number;
  end: number;
  /** Start-tag attribute text. */
  attrs: string;
  body: string;
  selfClosing: boolean;
}

const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
const CELL = /<c\b([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g;

function colOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** The cells of a row body, with their column and position. */
function cellsOf(body: string): { col: number; start: number; end: number; attrs: string }[] {
  const out: { col: number; start: number; end: number; attrs: string }[] = [];
  let col = -1;
  CELL.lastIndex = 0;
  for (let m = CELL.exec(body); m !== null; m = CELL.exec(body)) {
    const ref = attribute(m[1], "r");
    col = ref !== undefined ? colOfRef(ref) : col + 1;
    out.push({ col, start: m.index, end: m.index + m[0].length, attrs: m[1] });
  }
  return out;
}

function editSheet(
  xml: string,
  cells: PlannedCell[],
  rules: PlannedRule[],
  dxfIds: number[],
  widths: { col: number; width: number }[],
): string {
  let dataStart = xml.indexOf("<sheetData");
  if (dataStart < 0)
    throw new XlsxError(
      "corrupt",
      "The sheet has no cell data section. Open the workbook in Excel, save a copy, and try again.",
    );
  // A self-closing <sheetData/> becomes an open one so rows can go in.
  const selfClosing = /^<sheetData\b[^>]*\/>/.exec(xml.slice(dataStart));
  if (selfClosing) {
    xml = `${xml.slice(0, dataStart)}<sheetData>${"</sheetData>"}${xml.slice(dataStart + selfClosing[0].length)}`;
  }
  const openEnd = xml.indexOf(">", dataStart) + 1;
  const dataEnd = xml.indexOf("</sheetData>", openEnd);
  const data = xml.slice(openEnd, dataEnd);

  const rows: RowSpan[] = [];
  let rowIndex = -1;
  ROW.lastIndex = 0;
  for (let m = ROW.exec(data); m !== null; m = ROW.exec(data)) {
    const r = attribute(m[1], "r");
    rowIndex = r !== undefined ? Number(r) - 1 : rowIndex + 1;
    rows.push({
      row: rowIndex,
      start: m.index,
      end: m.index + m[0].length,
      attrs: m[1],
      body: m[2] ?? "",
      selfClosing: m[2] === undefined,
    });
  }
  const byRow = new Map(rows.map((r) => [r.row, r]));

  // The style each styleLike target has, read before anything changes.
  const styleAt = (row: number, col: number): string | undefined => {
    const span = byRow.get(row);
    if (!span) return undefined;
    const c = cellsOf(span.body).find((x) => x.col === col);
    return c ? attribute(c.attrs, "s") : undefined;
  };

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
    const existing = span ? cellsOf(span.body) : [];
    const out: string[] = [];
    let cursor = 0;
    let k = 0;
    const body = span?.body ?? "";
    for (const c of list) {
      while (k < existing.length && existing[k].col < c.col) k++;
      const same = k < existing.length && existing[k].col === c.col ? existing[k] : undefined;
      const style = c.styleLike
        ? styleAt(c.styleLike.row, c.styleLike.col)
        : same
          ? attribute(same.attrs, "s")
          : undefined;
      const at = same ? same.start : k < existing.length ? existing[k].start : body.length;
      out.push(body.slice(cursor, at), cellXml(c, style));
      cursor = same ? same.end : at;
      if (same) k++;
    }
    out.push(body.slice(cursor));
    const newBody = out.join("");
    if (span) {
      // spans are an optional hint; one that no longer covers the row's cells is dropped.
      const attrs = span.attrs.replace(/\sspans="[^"]*"/, "");
      edits.push({ start: span.start, end: span.end, text: `<row${attrs}>${newBody}</row>`, order: row });
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
    const at = k < rows.length ? rows[k].start : data.length;
    edits.push({ start: at, end: at, text: nr.text, order: nr.row });
  }
  // By position; at one position, inserted rows (in row order) go before the row that is there.
  edits.sort((a, b) => a.start - b.start || a.order - b.order);
  let newData = "";
  let pos = 0;
  for (const e of edits) {
    newData += data.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  newData += data.slice(pos);

  let head = xml.slice(0, openEnd);
  let tail = xml.slice(dataEnd);
  head = widenDimension(head, minRow, minCol, maxRow, maxCol);
  head = addColumnWidths(head, widths);
  tail = replaceRules(tail, rules, dxfIds);
  return head + newData + tail;
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
  const formulas = new Set(rules.map((r) => r.formula));
  // Take out our earlier rules (same formula), dropping a block left empty.
  let out = "";
  let pos = 0;
  let maxPriority = 0;
  for (const block of elements(tail, "conditionalFormatting")) {
    let inner = "";
    let at = 0;
    let kept = 0;
    for (const rule of elements(block.inner, "cfRule")) {
      const formula = firstElement(rule.inner, "formula");
      const ours = formula !== null && formulas.has(decodeEntities(formula.inner));
      inner += block.inner.slice(at, rule.start);
      if (!ours) {
        inner += block.inner.slice(rule.start, rule.end);
        kept++;
        maxPriority = Math.max(maxPriority, Number(attribute(rule.attrs, "priority") ?? 0));
      }
      at = rule.end;
    }
    inner += block.inner.slice(at);
    out += tail.slice(pos, block.start);
    if (kept > 0) out += `<conditionalFormatting${block.attrs}>${inner}</conditionalFormatting>`;
    pos = block.end;
  }
  out += tail.slice(pos);
  // Other rules (x14 ones in extLst) also carry priorities; stay clear of them.
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
  const at = firstTopLevel(out, AFTER_CONDITIONAL_FORMATTING) ?? out.lastIndexOf("</worksheet>");
  if (at < 0) throw damaged("sheet");
  return out.slice(0, at) + added + out.slice(at);
}

/** Where the first of these elements starts (without a namespace prefix), or null. */
function firstTopLevel(xml: string, names: string[]): number | null {
  const re = new RegExp(`<(?:${names.join("|")})\\b`);
  const m = re.exec(xml);
  return m ? m.index : null;
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
  // tableStyles / colors / extLst after the cell styles (a cellStyle may hold its own extLst).
  const after = Math.max(styles.lastIndexOf("</cellStyles>"), styles.lastIndexOf("</cellXfs>"), 0);
  const rel = firstTopLevel(styles.slice(after), AFTER_DXFS);
  const at = rel !== null ? after + rel : styles.lastIndexOf("</styleSheet>");
  if (at < 0) throw damaged("styles part");
  return { xml: `${styles.slice(0, at)}<dxfs count="1">${dxf}</dxfs>${styles.slice(at)}`, id: 0 };
}

// ---------------------------------------------------------------------------------------
// New sheets

function worksheetXml(sheet: PlannedSheet): string {
  const cols = (sheet.widths ?? [])
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join("");
  const rows = sheet.rows
    .map((cells, r) => {
      const body = cells
        .map((value, c) => (value === null ? "" : cellXml({ row: r, col: c, value }, undefined)))
        .join("");
      return `<row r="${r + 1}">${body}</row>`;
    })
    .join("");
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const extent: CellRange = { top: 0, left: 0, bottom: Math.max(0, sheet.rows.length - 1), right: width - 1 };
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="${rangeAddress(extent)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ""}<sheetData>${rows}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

function addSheets(model: WorkbookModel, sheets: PlannedSheet[], changed: Map<string, string>): void {
  if (sheets.length === 0) return;
  const relsPart = relsPathOf(model.workbookPart);
  let workbookXml = changed.get(model.workbookPart) ?? partText(model.pkg, model.workbookPart)!;
  requireUnprefixed(workbookXml, "sheet list");
  let relsXml = partText(model.pkg, relsPart) ?? "";
  let typesXml = partText(model.pkg, "[Content_Types].xml")!;
  const relPrefix = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
    workbookXml,
  )?.[1];
  let nextSheetId = Math.max(0, ...model.sheets.map((s) => s.sheetId)) + 1;
  let nextRel = Math.max(0, ...relationships(relsXml).map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1;
  const folder = model.workbookPart.split("/").slice(0, -1).join("/");
  let nextPart = 1;
  const used = new Set([...model.pkg.names, ...changed.keys()]);

  for (const sheet of sheets) {
    const existing: SheetEntry | undefined = model.sheets.find((s) => s.name === sheet.name);
    if (existing && existing.part) {
      changed.set(existing.part, worksheetXml(sheet));
      continue;
    }
    while (used.has(`${folder}/worksheets/sheet${nextPart}.xml`)) nextPart++;
    const part = `${folder}/worksheets/sheet${nextPart}.xml`;
    used.add(part);
    changed.set(part, worksheetXml(sheet));
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
    typesXml = typesXml.replace(
      /<\/Types>\s*$/,
      `<Override PartName="/${part}" ContentType="${WORKSHEET_CONTENT}"/></Types>`,
    );
  }
  // Only parts that really changed are rewritten; a refresh of existing sheets touches none.
  if (workbookXml !== partText(model.pkg, model.workbookPart)) changed.set(model.workbookPart, workbookXml);
  if (relsXml !== partText(model.pkg, relsPart)) changed.set(relsPart, relsXml);
  if (typesXml !== partText(model.pkg, "[Content_Types].xml")) changed.set("[Content_Types].xml", typesXml);
}
