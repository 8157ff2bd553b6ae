/**
 * Probe workbooks with ordinary Excel features, built part by part in memory (no .xlsx is
 * committed). Three base layouts — metrics down rows with months across, metrics as columns
 * with dates down the rows, a long export Metric | Month | Value | Service — each given one
 * feature at a time (shared / inline / formula strings, merged titles, hidden rows and
 * columns, tables, validations, comments, drawings, sparklines, the 1904 date system, …),
 * and a few that combine several.
 */
import { strToU8 } from "fflate";
import { cellAddress, columnLetter, rangeAddress, type CellRange } from "../../src/governance/grid";
import { writeZip } from "../../src/xlsx/zip";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";
const XML_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** One cell: a plain value (strings go to the shared strings), or the cell's parts. */
export interface CellX {
  t?: "s" | "str" | "inlineStr" | "b" | "e" | "n" | "d";
  s?: number;
  f?: string;
  fAttrs?: string;
  v?: string;
  /** Inline string text (t="inlineStr"). */
  is?: string;
  /** A shared string item's inside (<r>…</r> runs, <rPh>…); t="s". */
  si?: string;
}
export type Spec = string | number | boolean | null | undefined | CellX;

/** Worksheet children after <sheetData>, in schema order. */
const AFTER = [
  "sheetProtection",
  "autoFilter",
  "sortState",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "drawing",
  "legacyDrawing",
  "tableParts",
  "extLst",
] as const;
type After = (typeof AFTER)[number];

export interface Rel {
  id: string;
  type: string;
  target: string;
  external?: boolean;
}

export interface SheetModel {
  name: string;
  state?: "hidden" | "veryHidden";
  /** A chart sheet: its whole part. */
  chartsheet?: string;
  cells: Spec[][];
  /** Extra attributes of a row (0-based). */
  rowAttrs: Map<number, string>;
  sheetPr?: string;
  sheetViews?: string;
  sheetFormatPr?: string;
  cols?: string;
  after: Partial<Record<After, string>>;
  rels: Rel[];
  /** Style of cells without their own (0-based row → col → xf). */
}

export interface Part {
  content: string | Uint8Array;
  type?: string;
}

export interface BookModel {
  sheets: SheetModel[];
  workbookPr?: string;
  /** Between <sheets> and <definedNames> (externalReferences). */
  afterSheets?: string;
  definedNames: string[];
  parts: Record<string, Part>;
  /** Default content types by extension (png, vml, …). */
  defaults: Record<string, string>;
  workbookRels: Rel[];
  rootRels: Rel[];
  /** Extra cellXfs appended to the base styles. */
  extraXfs: number;
  numFmts: { id: number; code: string }[];
  activeTab: number;
}

/** The base layouts' styles: 0 general, 1 mmm-yy, 2 0.0%, 3 bold, 4 date (m/d/yyyy). */
export const STYLE = { general: 0, month: 1, percent: 2, bold: 3, date: 4 } as const;

/** What the audit of a probe must find. */
export interface Expected {
  name: string;
  current: number;
}

export interface Probe {
  id: string;
  layout: LayoutName;
  features: string[];
  book: BookModel;
  /** The sheet the audit must choose. */
  sheet: string;
  expected: Expected[];
  /** The month the current value belongs to ("Jun"), when the probe knows it. */
  period?: string;
  /** The sheet's own Owner column (its empty cells take the owners given), when the layout has one. */
  ownerColumn: number | null;
  /** Cells nothing may be written into (hidden columns, merges, tables, drawings, filters, sparklines). */
  forbidden: { what: string; range: CellRange }[];
}

// ---------------------------------------------------------------------------------------
// The three layouts

export type LayoutName = "rows" | "columns" | "long";

/** Serials of the first of Jan..Jun 2024 (1900 system). */
export const MONTHS = [45292, 45323, 45352, 45383, 45413, 45444];
export const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"];

const SERIES: { name: string; values: number[]; percent?: boolean }[] = [
  { name: "Revenue ($k)", values: [100, 110, 120, 130, 140, 150] },
  { name: "Churn %", values: [0.031, 0.03, 0.029, 0.032, 0.033, 0.034], percent: true },
  { name: "NPS", values: [40, 41, 42, 43, 44, 45] },
  { name: "Active customers", values: [1000, 1010, 1020, 1030, 1040, 1050] },
  { name: "Support tickets", values: [300, 290, 280, 270, 260, 250] },
];

export const OWNERS = ["Dana Lee", null, "Sam Roe", null, null];

/** Where a layout's parts are, 0-based, kept up to date by the features that move them. */
export interface Shape {
  header: number;
  /** The data block, header row included. */
  data: CellRange;
  /** Rows of metric names (rows layout), of periods (columns), of records (long). */
  firstDataRow: number;
  /** The column of metric names (rows, long) or of periods (columns). */
  keyColumn: number;
  /** Column holding each metric's owner, when the layout has one. */
  ownerColumn: number | null;
  /** Value cells (numbers) of the layout. */
  values: CellRange;
  /** Cells holding the metric names (for rich text, formula strings, …). */
  nameCells: [number, number][];
  /** Cells holding the period headers (months). */
  periodCells: [number, number][];
}

export interface Built {
  book: BookModel;
  shape: Shape;
  sheet: SheetModel;
  expected: Expected[];
}

function emptyBook(): BookModel {
  return {
    sheets: [],
    definedNames: [],
    parts: {},
    defaults: {},
    workbookRels: [],
    rootRels: [],
    extraXfs: 0,
    numFmts: [],
    activeTab: 0,
  };
}

function sheet(name: string, cells: Spec[][]): SheetModel {
  return { name, cells, rowAttrs: new Map(), after: {}, rels: [] };
}

const num = (v: number, s?: number): Spec => (s === undefined ? v : { t: "n", v: String(v), s });

export function baseLayout(layout: LayoutName): Built {
  const book = emptyBook();
  let s: SheetModel;
  let shape: Shape;
  let expected: Expected[];
  if (layout === "rows") {
    const head: Spec[] = ["Metric", ...MONTHS.map((m) => num(m, STYLE.month)), "Owner"];
    const rows: Spec[][] = SERIES.map((x, i) => [
      x.name,
      ...x.values.map((v) => num(v, x.percent ? STYLE.percent : undefined)),
      OWNERS[i],
    ]);
    s = sheet("Scorecard", [head, ...rows]);
    shape = {
      header: 0,
      data: { top: 0, left: 0, bottom: SERIES.length, right: 7 },
      firstDataRow: 1,
      keyColumn: 0,
      ownerColumn: 7,
      values: { top: 1, left: 1, bottom: SERIES.length, right: 6 },
      nameCells: SERIES.map((_, i) => [1 + i, 0]),
      periodCells: MONTHS.map((_, j) => [0, 1 + j]),
    };
    expected = SERIES.map((x) => ({ name: x.name, current: x.values[5] }));
  } else if (layout === "columns") {
    const head: Spec[] = ["Month", ...SERIES.map((x) => x.name)];
    const rows: Spec[][] = MONTHS.map((m, j) => [
      num(m, STYLE.month),
      ...SERIES.map((x) => num(x.values[j], x.percent ? STYLE.percent : undefined)),
    ]);
    s = sheet("Monthly", [head, ...rows]);
    shape = {
      header: 0,
      data: { top: 0, left: 0, bottom: MONTHS.length, right: SERIES.length },
      firstDataRow: 1,
      keyColumn: 0,
      ownerColumn: null,
      values: { top: 1, left: 1, bottom: MONTHS.length, right: SERIES.length },
      nameCells: SERIES.map((_, i) => [0, 1 + i]),
      periodCells: MONTHS.map((_, j) => [1 + j, 0]),
    };
    expected = SERIES.map((x) => ({ name: x.name, current: x.values[5] }));
  } else {
    const services = ["Cloud", "Support"];
    const picked = [SERIES[0], SERIES[2]];
    const rows: Spec[][] = [];
    const nameCells: [number, number][] = [];
    const periodCells: [number, number][] = [];
    expected = [];
    for (const x of picked)
      services.forEach((svc, k) => {
        MONTHS.slice(3).forEach((m, j) => {
          nameCells.push([1 + rows.length, 0]);
          periodCells.push([1 + rows.length, 1]);
          rows.push([x.name, num(m, STYLE.month), x.values[3 + j] + k, svc]);
        });
        expected.push({ name: `${x.name} · ${svc}`, current: x.values[5] + k });
      });
    s = sheet("Export", [["Metric", "Month", "Value", "Service"], ...rows]);
    shape = {
      header: 0,
      data: { top: 0, left: 0, bottom: rows.length, right: 3 },
      firstDataRow: 1,
      keyColumn: 0,
      ownerColumn: null,
      values: { top: 1, left: 2, bottom: rows.length, right: 2 },
      nameCells,
      periodCells,
    };
  }
  book.sheets.push(s);
  return { book, shape, sheet: s, expected };
}

// ---------------------------------------------------------------------------------------
// Helpers the features use

export function setCell(s: SheetModel, row: number, col: number, v: Spec): void {
  while (s.cells.length <= row) s.cells.push([]);
  const r = s.cells[row];
  while (r.length <= col) r.push(null);
  r[col] = v;
}

export function getCell(s: SheetModel, row: number, col: number): Spec {
  return s.cells[row]?.[col];
}

/** The text a string cell shows. */
export function textOf(v: Spec): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Insert `n` empty rows above `at`; shape positions move down. */
export function insertRows(b: Built, at: number, n: number): void {
  b.sheet.cells.splice(at, 0, ...Array.from({ length: n }, () => [] as Spec[]));
  const moved = new Map<number, string>();
  for (const [r, a] of b.sheet.rowAttrs) moved.set(r >= at ? r + n : r, a);
  b.sheet.rowAttrs = moved;
  const sh = b.shape;
  const down = (r: number) => (r >= at ? r + n : r);
  sh.header = down(sh.header);
  sh.firstDataRow = down(sh.firstDataRow);
  sh.data = { ...sh.data, top: down(sh.data.top), bottom: down(sh.data.bottom) };
  sh.values = { ...sh.values, top: down(sh.values.top), bottom: down(sh.values.bottom) };
  sh.nameCells = sh.nameCells.map(([r, c]) => [down(r), c]);
  sh.periodCells = sh.periodCells.map(([r, c]) => [down(r), c]);
}

export const ref = (r: CellRange) => rangeAddress(r);
export const abs = (r: CellRange) => `$${columnLetter(r.left)}$${r.top + 1}:$${columnLetter(r.right)}$${r.bottom + 1}`;
export const quoteSheet = (name: string) =>
  /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
export const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Adds a part related from the sheet; returns the relationship id. */
export function relate(s: SheetModel, type: string, target: string, external = false): string {
  const id = `rId${s.rels.length + 1}`;
  s.rels.push({ id, type: type.includes("/") ? type : `${T}/${type}`, target, external });
  return id;
}

export function addPart(book: BookModel, path: string, content: string, type?: string): void {
  book.parts[path] = { content, type };
}

// ---------------------------------------------------------------------------------------
// Writing the package

function stylesXml(book: BookModel): string {
  const fmts = [{ id: 164, code: "0.0%" }, ...book.numFmts];
  const xfs = [
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
    `<xf numFmtId="17" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
    `<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    ...book.numFmts.map(
      (f) => `<xf numFmtId="${f.id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    ),
  ];
  for (let i = 0; i < book.extraXfs; i++)
    xfs.push(
      `<xf numFmtId="${i % 2 ? 3 : 4}" fontId="${i % 2}" fillId="${i % 3 === 0 ? 2 : 0}" borderId="${i % 2}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"/>`,
    );
  return (
    XML_HEAD +
    `<styleSheet xmlns="${MAIN_NS}"><numFmts count="${fmts.length}">${fmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join("")}</numFmts>` +
    `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
    `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>` +
    `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>` +
    `<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`
  );
}

function cellXml(spec: Spec, r: string, sst: string[]): string {
  if (spec === null || spec === undefined) return "";
  if (typeof spec === "number") return `<c r="${r}"><v>${spec}</v></c>`;
  if (typeof spec === "boolean") return `<c r="${r}" t="b"><v>${spec ? 1 : 0}</v></c>`;
  if (typeof spec === "string") {
    sst.push(`<t xml:space="preserve">${esc(spec)}</t>`);
    return `<c r="${r}" t="s"><v>${sst.length - 1}</v></c>`;
  }
  const s = spec.s !== undefined ? ` s="${spec.s}"` : "";
  if (spec.si !== undefined) {
    sst.push(spec.si);
    return `<c r="${r}"${s} t="s"><v>${sst.length - 1}</v></c>`;
  }
  if (spec.is !== undefined) return `<c r="${r}"${s} t="inlineStr"><is><t>${esc(spec.is)}</t></is></c>`;
  const t = spec.t && spec.t !== "n" ? ` t="${spec.t}"` : "";
  const f =
    spec.f !== undefined ? `<f${spec.fAttrs ?? ""}>${esc(spec.f)}</f>` : spec.fAttrs ? `<f${spec.fAttrs}/>` : "";
  const v = spec.v !== undefined ? `<v>${esc(spec.v)}</v>` : "";
  if (f === "" && v === "") return `<c r="${r}"${s}${t}/>`;
  return `<c r="${r}"${s}${t}>${f}${v}</c>`;
}

function worksheetXml(s: SheetModel, sst: string[]): string {
  const rows: string[] = [];
  let maxRow = 0;
  let maxCol = 0;
  const last = Math.max(s.cells.length, ...[...s.rowAttrs.keys()].map((r) => r + 1));
  for (let r = 0; r < last; r++) {
    const cells = (s.cells[r] ?? []).map((v, c) => cellXml(v, cellAddress(r, c), sst)).join("");
    const attrs = s.rowAttrs.get(r);
    if (cells === "" && attrs === undefined) continue;
    if (cells !== "") {
      maxRow = r;
      maxCol = Math.max(maxCol, (s.cells[r] ?? []).length - 1);
    }
    const width = (s.cells[r] ?? []).length;
    const spans = width > 0 ? ` spans="1:${width}"` : "";
    rows.push(`<row r="${r + 1}"${spans}${attrs ? ` ${attrs}` : ""} x14ac:dyDescent="0.25">${cells}</row>`);
  }
  const after = AFTER.map((k) => s.after[k] ?? "").join("");
  const margins = s.after.pageMargins
    ? ""
    : `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  const withMargins = margins
    ? after.replace(/(<pageSetup|<drawing|<legacyDrawing|<tableParts|<extLst|$)/, (m) => margins + m)
    : after;
  return (
    XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">` +
    (s.sheetPr ?? "") +
    `<dimension ref="A1:${cellAddress(maxRow, maxCol)}"/>` +
    (s.sheetViews ?? `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`) +
    (s.sheetFormatPr ?? `<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>`) +
    (s.cols ?? "") +
    `<sheetData>${rows.join("")}</sheetData>` +
    withMargins +
    `</worksheet>`
  );
}

function relsXml(rels: Rel[]): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${PKG_REL}">` +
    rels
      .map(
        (r) =>
          `<Relationship Id="${r.id}" Type="${r.type}" Target="${esc(r.target)}"${r.external ? ` TargetMode="External"` : ""}/>`,
      )
      .join("") +
    `</Relationships>`
  );
}

/** The package's bytes. */
export function packageOf(book: BookModel): Uint8Array {
  const files: Record<string, string | Uint8Array> = {};
  const overrides: string[] = [];
  const wbRels: Rel[] = [];
  const sheetEls: string[] = [];
  const sst: string[] = [];
  book.sheets.forEach((s, i) => {
    const chart = s.chartsheet !== undefined;
    const part = chart ? `xl/chartsheets/sheet${i + 1}.xml` : `xl/worksheets/sheet${i + 1}.xml`;
    files[part] = chart ? s.chartsheet! : worksheetXml(s, sst);
    overrides.push(
      `<Override PartName="/${part}" ContentType="${CT}.spreadsheetml.${chart ? "chartsheet" : "worksheet"}+xml"/>`,
    );
    const id = `rId${i + 1}`;
    wbRels.push({ id, type: `${T}/${chart ? "chartsheet" : "worksheet"}`, target: part.slice(3) });
    sheetEls.push(
      `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="${id}"/>`,
    );
    if (s.rels.length > 0) {
      const [dir, base] = [part.split("/").slice(0, -1).join("/"), part.split("/").pop()];
      files[`${dir}/_rels/${base}.rels`] = relsXml(s.rels);
    }
  });
  const n = book.sheets.length;
  wbRels.push({ id: `rId${n + 1}`, type: `${T}/styles`, target: "styles.xml" });
  overrides.push(`<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>`);
  files["xl/styles.xml"] = stylesXml(book);
  if (sst.length > 0) {
    files["xl/sharedStrings.xml"] =
      XML_HEAD +
      `<sst xmlns="${MAIN_NS}" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((x) => `<si>${x}</si>`).join("")}</sst>`;
    wbRels.push({ id: `rId${n + 2}`, type: `${T}/sharedStrings`, target: "sharedStrings.xml" });
    overrides.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>`);
  }
  book.workbookRels.forEach((r, i) => wbRels.push({ ...r, id: `rId${n + 3 + i}` }));
  const names = book.definedNames.length > 0 ? `<definedNames>${book.definedNames.join("")}</definedNames>` : "";
  files["xl/workbook.xml"] =
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${book.workbookPr ?? `<workbookPr defaultThemeVersion="166925"/>`}` +
    `<bookViews><workbookView activeTab="${book.activeTab}"/></bookViews><sheets>${sheetEls.join("")}</sheets>${book.afterSheets ?? ""}${names}<calcPr calcId="191029"/></workbook>`;
  files["xl/_rels/workbook.xml.rels"] = relsXml(wbRels);
  files["_rels/.rels"] = relsXml([
    { id: "rId1", type: `${T}/officeDocument`, target: "xl/workbook.xml" },
    { id: "rIdCore", type: `${PKG_REL}/metadata/core-properties`, target: "docProps/core.xml" },
    { id: "rIdApp", type: `${T}/extended-properties`, target: "docProps/app.xml" },
    ...book.rootRels.map((r, i) => ({ ...r, id: `rId${i + 2}` })),
  ]);
  // calcChain: every formula cell, as Excel lists them.
  const chain: string[] = [];
  book.sheets.forEach((sh, i) =>
    sh.cells.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v && typeof v === "object" && (v.f !== undefined || v.fAttrs !== undefined))
          chain.push(`<c r="${cellAddress(r, c)}" i="${i + 1}"/>`);
      }),
    ),
  );
  if (chain.length > 0) {
    files["xl/calcChain.xml"] = XML_HEAD + `<calcChain xmlns="${MAIN_NS}">${chain.join("")}</calcChain>`;
    wbRels.push({ id: `rId${n + 3 + book.workbookRels.length}`, type: `${T}/calcChain`, target: "calcChain.xml" });
    overrides.push(`<Override PartName="/xl/calcChain.xml" ContentType="${CT}.spreadsheetml.calcChain+xml"/>`);
    files["xl/_rels/workbook.xml.rels"] = relsXml(wbRels);
  }
  // docProps as Excel writes them: the sheet titles, worksheets first, then charts.
  const ws = book.sheets.filter((x) => x.chartsheet === undefined).map((x) => x.name);
  const cs = book.sheets.filter((x) => x.chartsheet !== undefined).map((x) => x.name);
  const pairs = [
    `<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${ws.length}</vt:i4></vt:variant>`,
  ];
  if (cs.length > 0)
    pairs.push(
      `<vt:variant><vt:lpstr>Charts</vt:lpstr></vt:variant><vt:variant><vt:i4>${cs.length}</vt:i4></vt:variant>`,
    );
  files["docProps/app.xml"] =
    XML_HEAD +
    `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
    `<HeadingPairs><vt:vector size="${pairs.length * 2}" baseType="variant">${pairs.join("")}</vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${ws.length + cs.length}" baseType="lpstr">${[...ws, ...cs].map((x) => `<vt:lpstr>${esc(x)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>` +
    `<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`;
  files["docProps/core.xml"] =
    XML_HEAD +
    `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Dana Lee</dc:creator><cp:lastModifiedBy>Dana Lee</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2024-07-01T08:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-07-02T08:00:00Z</dcterms:modified></cp:coreProperties>`;
  overrides.push(
    `<Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/>`,
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`,
  );
  for (const [path, p] of Object.entries(book.parts)) {
    files[path] = p.content;
    if (p.type) overrides.push(`<Override PartName="/${path}" ContentType="${p.type}"/>`);
  }
  const defaults = Object.entries(book.defaults)
    .map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`)
    .join("");
  files["[Content_Types].xml"] =
    XML_HEAD +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${defaults}` +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>${overrides.join("")}</Types>`;
  return writeZip(
    Object.entries(files).map(([name, text]) => ({ name, data: typeof text === "string" ? strToU8(text) : text })),
  );
}

export const CONTENT = CT;
export const RELS = T;

// ---------------------------------------------------------------------------------------
// Features: each changes a built layout in place and says what nothing may be written into.

export interface Ctx extends Built {
  layout: LayoutName;
  forbidden: Probe["forbidden"];
  period?: string;
}

type Feature = (x: Ctx) => void;

const firstName = (x: Ctx) => x.shape.nameCells[0];
const allStrings = (x: Ctx, f: (text: string) => Spec) => {
  x.sheet.cells.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v === "string") x.sheet.cells[r][c] = f(v);
    }),
  );
};
const right = (x: Ctx) => x.shape.data.right;
const bottom = (x: Ctx) => x.shape.data.bottom;
/** The rows of a metric's values in the rows layout, else the first value row. */
const valueRange = (x: Ctx): CellRange => x.shape.values;

/** A legacy VML part for notes (comments) on the given cells. */
function vml(cells: [number, number][]): string {
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    cells
      .map(
        ([r, c], i) =>
          `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:108pt;height:59.25pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${r}, 2, ${c + 3}, 15, ${r + 4}, 16</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`,
      )
      .join("") +
    `</xml>`
  );
}

function addNotes(x: Ctx, cells: [number, number][], threaded: boolean): void {
  const authors = threaded ? `<author>tc={00000000-0000-0000-0000-000000000001}</author>` : `<author>Dana Lee</author>`;
  const list = cells
    .map(
      ([r, c], i) =>
        `<comment ref="${cellAddress(r, c)}" authorId="0"${threaded ? ` shapeId="0" xr:uid="{00000000-0000-0000-0000-00000000000${i + 1}}"` : ""}><text><r><rPr><b/><sz val="9"/><rFont val="Tahoma"/></rPr><t>Dana Lee:</t></r><r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr><t xml:space="preserve">\nSource: finance close, note ${i + 1}</t></r></text></comment>`,
    )
    .join("");
  addPart(
    x.book,
    "xl/comments1.xml",
    XML_HEAD +
      `<comments xmlns="${MAIN_NS}"${threaded ? ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"` : ""}><authors>${authors}</authors><commentList>${list}</commentList></comments>`,
    `${CT}.spreadsheetml.comments+xml`,
  );
  addPart(x.book, "xl/drawings/vmlDrawing1.vml", vml(cells));
  x.book.defaults.vml = `${CT}.vmlDrawing`;
  relate(x.sheet, "comments", "../comments1.xml");
  const vmlId = relate(x.sheet, "vmlDrawing", "../drawings/vmlDrawing1.vml");
  x.sheet.after.legacyDrawing = `<legacyDrawing r:id="${vmlId}"/>`;
  if (threaded) {
    const tc =
      XML_HEAD +
      `<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN_NS}">` +
      cells
        .map(
          ([r, c], i) =>
            `<threadedComment ref="${cellAddress(r, c)}" dT="2024-06-30T09:00:00.00" personId="{00000000-0000-0000-0000-0000000000AA}" id="{00000000-0000-0000-0000-00000000000${i + 1}}"><text>Who owns this? (${i + 1})</text></threadedComment>`,
        )
        .join("") +
      `</ThreadedComments>`;
    addPart(x.book, "xl/threadedComments/threadedComment1.xml", tc, "application/vnd.ms-excel.threadedcomments+xml");
    relate(
      x.sheet,
      "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
      "../threadedComments/threadedComment1.xml",
    );
    addPart(
      x.book,
      "xl/persons/person.xml",
      XML_HEAD +
        `<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="${MAIN_NS}"><person displayName="Dana Lee" id="{00000000-0000-0000-0000-0000000000AA}" userId="dana@example.com" providerId="None"/></personList>`,
      "application/vnd.ms-excel.person+xml",
    );
    x.book.workbookRels.push({
      id: "",
      type: "http://schemas.microsoft.com/office/2017/10/relationships/person",
      target: "persons/person.xml",
    });
  }
}

const CHART =
  XML_HEAD +
  `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL_NS}"><c:chart><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>SHEETREF</c:f></c:numRef></c:val></c:ser><c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;

/** A 1×1 transparent PNG. */
const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";

const graphicFrame = (rid: string) =>
  `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>`;
const picture = (rid: string, id: number) =>
  `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${id}" name="Picture ${id}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/>`;
const shape = (id: number) =>
  `<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="${id}" name="Rectangle ${id}"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:sp><xdr:clientData/>`;
const marker = (r: number, c: number) =>
  `<xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;

/** A drawing with a chart (twoCellAnchor), a picture (oneCellAnchor) and a shape (absoluteAnchor). */
function addDrawing(x: Ctx, which: ("two" | "one" | "abs")[]): void {
  const dRels: Rel[] = [];
  const anchors: string[] = [];
  const c0 = right(x) + 2;
  if (which.includes("two")) {
    dRels.push({ id: "rId1", type: `${T}/chart`, target: "../charts/chart1.xml" });
    const sheetRef = `${quoteSheet(x.sheet.name)}!${abs(valueRange(x))}`;
    addPart(x.book, "xl/charts/chart1.xml", CHART.replace("SHEETREF", esc(sheetRef)), `${CT}.drawingml.chart+xml`);
    // Over the cells right of the data: two columns apart, rows 1..8.
    anchors.push(
      `<xdr:twoCellAnchor><xdr:from>${marker(0, c0)}</xdr:from><xdr:to>${marker(8, c0 + 5)}</xdr:to>${graphicFrame("rId1")}</xdr:twoCellAnchor>`,
    );
    // The "to" marker at offset 0 ends the chart on the edge of its column and row.
    x.forbidden.push({ what: "chart (twoCellAnchor)", range: { top: 0, left: c0, bottom: 7, right: c0 + 4 } });
  }
  if (which.includes("one")) {
    dRels.push({ id: "rId2", type: `${T}/image`, target: "../media/image1.png" });
    x.book.parts["xl/media/image1.png"] = { content: new Uint8Array(Buffer.from(PNG_1PX, "base64")) };
    x.book.defaults.png = "image/png";
    const r0 = bottom(x) + 3;
    // 3 columns × 4 rows of default size: 192 px × 80 px.
    anchors.push(
      `<xdr:oneCellAnchor><xdr:from>${marker(r0, 1)}</xdr:from><xdr:ext cx="1828800" cy="762000"/>${picture("rId2", 3)}</xdr:oneCellAnchor>`,
    );
    x.forbidden.push({ what: "picture (oneCellAnchor)", range: { top: r0, left: 1, bottom: r0 + 3, right: 3 } });
  }
  if (which.includes("abs")) {
    // Over columns D..F (192..384 px) and rows 20..24 (380..480 px).
    anchors.push(
      `<xdr:absoluteAnchor><xdr:pos x="${192 * 9525}" y="${380 * 9525}"/><xdr:ext cx="${192 * 9525}" cy="${100 * 9525}"/>${shape(4)}</xdr:absoluteAnchor>`,
    );
    x.forbidden.push({ what: "shape (absoluteAnchor)", range: { top: 19, left: 3, bottom: 23, right: 5 } });
  }
  addPart(
    x.book,
    "xl/drawings/drawing1.xml",
    XML_HEAD + `<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A_NS}" xmlns:r="${REL_NS}">${anchors.join("")}</xdr:wsDr>`,
    `${CT}.drawing+xml`,
  );
  if (dRels.length > 0) addPart(x.book, "xl/drawings/_rels/drawing1.xml.rels", relsXml(dRels));
  const id = relate(x.sheet, "drawing", "../drawings/drawing1.xml");
  x.sheet.after.drawing = `<drawing r:id="${id}"/>`;
}

function tableXml(
  id: number,
  name: string,
  r: CellRange,
  cols: string[],
  extra: {
    totals?: boolean;
    noHeader?: boolean;
    calc?: Record<string, string>;
    totalsFn?: Record<string, string>;
  } = {},
): string {
  const colEls = cols
    .map((c, i) => {
      const calc = extra.calc?.[c];
      const fn = extra.totalsFn?.[c];
      const tot = extra.totals ? (i === 0 ? ` totalsRowLabel="Total"` : fn ? ` totalsRowFunction="${fn}"` : "") : "";
      return `<tableColumn id="${i + 1}" name="${esc(c)}"${tot}${calc ? `><calculatedColumnFormula>${esc(calc)}</calculatedColumnFormula></tableColumn>` : "/>"}`;
    })
    .join("");
  const body = { ...r, bottom: r.bottom - (extra.totals ? 1 : 0) };
  const af = extra.noHeader ? "" : `<autoFilter ref="${ref(body)}"/>`;
  return (
    XML_HEAD +
    `<table xmlns="${MAIN_NS}" id="${id}" name="${name}" displayName="${name}" ref="${ref(r)}"${extra.noHeader ? ` headerRowCount="0"` : ""}${extra.totals ? ` totalsRowCount="1"` : ""}>${af}<tableColumns count="${cols.length}">${colEls}</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** The header texts of the data block (empty header cells get Column names). */
function headerTexts(x: Ctx, r: CellRange): string[] {
  const out: string[] = [];
  for (let c = r.left; c <= r.right; c++) {
    const v = getCell(x.sheet, r.top, c);
    let t: string;
    if (typeof v === "string") t = v;
    else if (typeof v === "number") t = String(v);
    else if (v && typeof v === "object" && v.v !== undefined && v.t === undefined) t = v.v;
    else t = `Column${c - r.left + 1}`;
    out.push(t);
  }
  return out;
}

/** Header cells that hold numbers (dates) are text in a table: Excel writes them as strings. */
function textHeaders(x: Ctx, r: CellRange): string[] {
  const names = headerTexts(x, r);
  names.forEach((n, i) => {
    const v = getCell(x.sheet, r.top, r.left + i);
    if (typeof v !== "string") setCell(x.sheet, r.top, r.left + i, n);
  });
  return names;
}

function addTable(x: Ctx, n: number, name: string, r: CellRange, opts: Parameters<typeof tableXml>[4] = {}): void {
  const names = opts.noHeader
    ? Array.from({ length: r.right - r.left + 1 }, (_, i) => `Column${i + 1}`)
    : textHeaders(x, r);
  addPart(x.book, `xl/tables/table${n}.xml`, tableXml(n, name, r, names, opts), `${CT}.spreadsheetml.table+xml`);
  const id = relate(x.sheet, "table", `../tables/table${n}.xml`);
  const existing = x.sheet.after.tableParts
    ? [...x.sheet.after.tableParts.matchAll(/<tablePart [^>]*\/>/g)].map((m) => m[0])
    : [];
  existing.push(`<tablePart r:id="${id}"/>`);
  x.sheet.after.tableParts = `<tableParts count="${existing.length}">${existing.join("")}</tableParts>`;
  x.forbidden.push({ what: `table ${name}`, range: r });
}

/** Month header cells as text ("Jan-24"), the way a table header holds them. */
function monthsAsText(x: Ctx): void {
  x.shape.periodCells.forEach(([r, c], j) => {
    if (r === x.shape.header) setCell(x.sheet, r, c, `${MONTH_NAMES[j % 6]}-24`);
  });
}

export const FEATURES: Record<string, Feature> = {
  "rich-text": (x) => {
    const [r, c] = firstName(x);
    const t = textOf(getCell(x.sheet, r, c))!;
    setCell(x.sheet, r, c, {
      si: `<r><t>${esc(t.slice(0, 4))}</t></r><r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="Calibri"/></rPr><t xml:space="preserve">${esc(t.slice(4))}</t></r>`,
    });
  },
  "inline-strings": (x) => allStrings(x, (t) => ({ is: t })),
  "formula-strings": (x) => {
    for (const [r, c] of x.shape.nameCells) {
      const t = textOf(getCell(x.sheet, r, c));
      if (t !== undefined) setCell(x.sheet, r, c, { t: "str", f: `"${t.replace(/"/g, '""')}"&""`, v: t });
    }
  },
  booleans: (x) => {
    const c = right(x) + 1;
    setCell(x.sheet, x.shape.header, c, "Reviewed");
    for (let r = x.shape.firstDataRow; r <= bottom(x); r++) setCell(x.sheet, r, c, r % 2 === 0);
    x.shape.data = { ...x.shape.data, right: c };
  },
  errors: (x) => {
    const v = x.shape.values;
    // Older periods only: the current values stay.
    if (x.layout === "rows") {
      setCell(x.sheet, v.top, v.left, { t: "e", f: "NA()", v: "#N/A" });
      setCell(x.sheet, v.top + 2, v.left + 1, { t: "e", f: "1/0", v: "#DIV/0!" });
    } else if (x.layout === "columns") {
      setCell(x.sheet, v.top, v.left, { t: "e", f: "NA()", v: "#N/A" });
      setCell(x.sheet, v.top + 1, v.left + 2, { t: "e", f: "1/0", v: "#DIV/0!" });
    } else {
      setCell(x.sheet, v.top, v.left, { t: "e", f: "NA()", v: "#N/A" });
      setCell(x.sheet, v.top + 4, v.left, { t: "e", f: "1/0", v: "#DIV/0!" });
    }
  },
  phonetic: (x) => {
    const [r, c] = firstName(x);
    const t = textOf(getCell(x.sheet, r, c))!;
    setCell(x.sheet, r, c, {
      si: `<t>${esc(t)}</t><rPh sb="0" eb="3"><t>ウリアゲ</t></rPh><phoneticPr fontId="0" type="noConversion"/>`,
    });
    x.sheet.after.phoneticPr = `<phoneticPr fontId="0" type="noConversion"/>`;
  },
  "merged-title": (x) => {
    insertRows(x, 0, 2);
    setCell(x.sheet, 0, 0, { si: `<t>KPI Scorecard — 2024</t>`, s: STYLE.bold });
    const m: CellRange = { top: 0, left: 0, bottom: 0, right: right(x) + 3 };
    x.sheet.after.mergeCells = `<mergeCells count="1"><mergeCell ref="${ref(m)}"/></mergeCells>`;
    x.forbidden.push({ what: "merged title", range: m });
  },
  "hidden-rows": (x) => {
    // One data row hidden (still data), and a hidden empty spacer row under the data.
    x.sheet.rowAttrs.set(x.shape.firstDataRow + 1, `hidden="1"`);
    x.sheet.rowAttrs.set(bottom(x) + 1, `hidden="1" ht="15"`);
  },
  "hidden-columns": (x) => {
    // The first value column hidden, and two hidden empty columns right of the data.
    const c0 = right(x) + 1;
    const v = x.shape.values.left;
    x.sheet.cols =
      `<cols><col min="${v + 1}" max="${v + 1}" width="9.14" hidden="1" customWidth="1"/>` +
      `<col min="${c0 + 1}" max="${c0 + 2}" width="9.14" hidden="1" customWidth="1"/></cols>`;
    x.forbidden.push({ what: "hidden columns", range: { top: 0, left: c0, bottom: 1048575, right: c0 + 1 } });
    x.forbidden.push({ what: "hidden column", range: { top: 0, left: v, bottom: 1048575, right: v } });
  },
  outline: (x) => {
    for (let r = x.shape.firstDataRow; r <= bottom(x) - 1; r++) x.sheet.rowAttrs.set(r, `outlineLevel="1"`);
    x.sheet.sheetFormatPr = `<sheetFormatPr defaultRowHeight="15" outlineLevelRow="1" outlineLevelCol="1" x14ac:dyDescent="0.25"/>`;
    const v = x.shape.values.left;
    x.sheet.cols = `<cols><col min="${v + 1}" max="${v + 2}" width="9.14" outlineLevel="1" customWidth="1"/></cols>`;
    x.sheet.sheetPr = `<sheetPr><outlinePr summaryBelow="0"/></sheetPr>`;
  },
  frozen: (x) => {
    const r = x.shape.header + 1;
    x.sheet.sheetViews = `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane xSplit="1" ySplit="${r}" topLeftCell="B${r + 1}" activePane="bottomRight" state="frozen"/><selection pane="topRight" activeCell="B1" sqref="B1"/><selection pane="bottomLeft" activeCell="A${r + 1}" sqref="A${r + 1}"/><selection pane="bottomRight" activeCell="B${r + 1}" sqref="B${r + 1}"/></sheetView></sheetViews>`;
  },
  autofilter: (x) => {
    const r = { ...x.shape.data, top: x.shape.header };
    x.sheet.after.autoFilter = `<autoFilter ref="${ref(r)}"/>`;
    x.book.definedNames.push(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${x.book.sheets.indexOf(x.sheet)}" hidden="1">${quoteSheet(x.sheet.name)}!${abs(r)}</definedName>`,
    );
    x.forbidden.push({ what: "autofilter", range: r });
  },
  sorted: (x) => {
    const r = { ...x.shape.data, top: x.shape.header };
    const body = { ...r, top: r.top + 1 };
    const key = { ...body, left: x.shape.keyColumn, right: x.shape.keyColumn };
    x.sheet.after.autoFilter = `<autoFilter ref="${ref(r)}"/>`;
    x.sheet.after.sortState = `<sortState ref="${ref(body)}"><sortCondition ref="${ref(key)}"/></sortState>`;
    x.forbidden.push({ what: "sorted range", range: r });
  },
  "table-totals": (x) => {
    const r = { ...x.shape.data, top: x.shape.header, bottom: bottom(x) + 1 };
    if (x.layout === "rows") monthsAsText(x);
    setCell(x.sheet, r.bottom, r.left, "Total");
    const fns: Record<string, string> = {};
    const names = headerTexts(x, r);
    for (let c = x.shape.values.left; c <= x.shape.values.right; c++) {
      const col = columnLetter(c);
      setCell(x.sheet, r.bottom, c, { f: `SUBTOTAL(109,[${names[c - r.left]}])`, v: "0" });
      fns[names[c - r.left]] = "sum";
      void col;
    }
    addTable(x, 1, "Kpis", r, { totals: true, totalsFn: fns });
  },
  "table-calculated": (x) => {
    if (x.layout === "rows") monthsAsText(x);
    const c = right(x) + 1;
    const names = headerTexts(x, { ...x.shape.data, top: x.shape.header });
    const a = names[x.shape.values.left - x.shape.data.left];
    setCell(x.sheet, x.shape.header, c, "Double");
    // Metrics as columns: a calculated column is one more metric.
    if (x.layout === "columns") x.expected = [...x.expected, { name: "Double", current: 300 }];
    for (let r = x.shape.firstDataRow; r <= bottom(x); r++) {
      const base = getCell(x.sheet, r, x.shape.values.left);
      const v = typeof base === "number" ? base : Number((base as CellX)?.v ?? 0);
      setCell(x.sheet, r, c, { f: `[@[${a}]]*2`, v: String(v * 2) });
    }
    x.shape.data = { ...x.shape.data, right: c };
    addTable(x, 1, "Kpis", { ...x.shape.data, top: x.shape.header }, { calc: { Double: `[@[${a}]]*2` } });
  },
  "table-no-header": (x) => {
    // The header row stays as cells above a table that has no header row of its own.
    const r = { ...x.shape.data, top: x.shape.firstDataRow };
    addTable(x, 1, "KpiBody", r, { noHeader: true });
  },
  "two-tables": (x) => {
    if (x.layout === "rows") monthsAsText(x);
    addTable(x, 1, "Kpis", { ...x.shape.data, top: x.shape.header });
    // A small lookup table under the data, two rows apart.
    const top = bottom(x) + 3;
    setCell(x.sheet, top, 0, "Owner");
    setCell(x.sheet, top, 1, "Email");
    setCell(x.sheet, top + 1, 0, "Dana Lee");
    setCell(x.sheet, top + 1, 1, "dana@example.com");
    setCell(x.sheet, top + 2, 0, "Sam Roe");
    setCell(x.sheet, top + 2, 1, "sam@example.com");
    addTable(x, 2, "People", { top, left: 0, bottom: top + 2, right: 1 });
  },
  validation: (x) => {
    const c = x.shape.ownerColumn ?? x.shape.keyColumn;
    const r: CellRange = { top: x.shape.firstDataRow, left: c, bottom: bottom(x) + 20, right: c };
    x.sheet.after.dataValidations = `<dataValidations count="2"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${ref(r)}"><formula1>"Dana Lee,Sam Roe,Ops team"</formula1></dataValidation><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" sqref="${ref(x.shape.values)}"><formula1>0</formula1></dataValidation></dataValidations>`;
  },
  notes: (x) => addNotes(x, [firstName(x), [x.shape.values.top, x.shape.values.right]], false),
  "threaded-comments": (x) => addNotes(x, [firstName(x)], true),
  hyperlinks: (x) => {
    const [r, c] = firstName(x);
    const id = relate(x.sheet, "hyperlink", "https://example.com/kpi/revenue", true);
    const [r2, c2] = x.shape.nameCells[x.shape.nameCells.length - 1];
    x.sheet.after.hyperlinks = `<hyperlinks><hyperlink ref="${cellAddress(r, c)}" r:id="${id}" display="Revenue definition"/><hyperlink ref="${cellAddress(r2, c2)}" location="${esc(quoteSheet(x.sheet.name))}!A1" display="Top"/></hyperlinks>`;
  },
  "defined-names": (x) => {
    const i = x.book.sheets.indexOf(x.sheet);
    const q = quoteSheet(x.sheet.name);
    x.book.definedNames.push(
      `<definedName name="CurrentValues">${esc(q)}!${abs(x.shape.values)}</definedName>`,
      `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${esc(q)}!${abs({ ...x.shape.data, top: 0 })}</definedName>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(q)}!$${x.shape.header + 1}:$${x.shape.header + 1}</definedName>`,
      `<definedName name="Target_Growth" comment="planning">0.05</definedName>`,
    );
  },
  "conditional-formats": (x) => {
    const v = ref(x.shape.values);
    x.sheet.after.conditionalFormatting =
      `<conditionalFormatting sqref="${v}"><cfRule type="colorScale" priority="3"><colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>` +
      `<conditionalFormatting sqref="${v}"><cfRule type="dataBar" priority="2"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar></cfRule></conditionalFormatting>` +
      `<conditionalFormatting sqref="${v}"><cfRule type="iconSet" priority="1"><iconSet iconSet="3Arrows"><cfvo type="percent" val="0"/><cfvo type="percent" val="33"/><cfvo type="percent" val="67"/></iconSet></cfRule></conditionalFormatting>`;
  },
  sparklines: (x) => {
    // A "Trend" column right of the data: its cells are empty, each shows a sparkline.
    const c = right(x) + 1;
    setCell(x.sheet, x.shape.header, c, "Trend");
    const q = quoteSheet(x.sheet.name);
    const items: string[] = [];
    const v = x.shape.values;
    if (x.layout === "rows") {
      for (let r = v.top; r <= v.bottom; r++)
        items.push(
          `<x14:sparkline><xm:f>${esc(q)}!${ref({ top: r, bottom: r, left: v.left, right: v.right })}</xm:f><xm:sqref>${cellAddress(r, c)}</xm:sqref></x14:sparkline>`,
        );
    } else {
      items.push(
        `<x14:sparkline><xm:f>${esc(q)}!${ref({ ...v, left: v.left, right: v.left })}</xm:f><xm:sqref>${cellAddress(x.shape.firstDataRow, c)}</xm:sqref></x14:sparkline>`,
      );
    }
    const last = x.layout === "rows" ? v.bottom : x.shape.firstDataRow;
    x.sheet.after.extLst = `<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs="gap" markers="1"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/><x14:sparklines>${items.join("")}</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>`;
    x.forbidden.push({ what: "sparklines", range: { top: x.shape.firstDataRow, left: c, bottom: last, right: c } });
    x.shape.data = { ...x.shape.data, right: c };
  },
  "chart-two-cell": (x) => addDrawing(x, ["two"]),
  "picture-one-cell": (x) => addDrawing(x, ["one"]),
  "shape-absolute": (x) => addDrawing(x, ["abs"]),
  date1904: (x) => {
    x.book.workbookPr = `<workbookPr date1904="1" defaultThemeVersion="166925"/>`;
    for (const [r, c] of x.shape.periodCells) {
      const v = getCell(x.sheet, r, c) as CellX;
      if (v && typeof v === "object" && v.v !== undefined)
        setCell(x.sheet, r, c, { ...v, v: String(Number(v.v) - 1462) });
    }
  },
  "date-formulas": (x) => {
    const cells = x.shape.periodCells;
    cells.forEach(([r, c], j) => {
      const v = getCell(x.sheet, r, c) as CellX;
      if (j === 0 || !v || typeof v !== "object") return;
      const [pr, pc] = cells[j - 1];
      const prevSame = x.layout === "long" ? j % 3 !== 0 : true;
      if (prevSame) setCell(x.sheet, r, c, { ...v, f: `EOMONTH(${cellAddress(pr, pc)},0)+1` });
    });
  },
  "custom-formats": (x) => {
    x.book.numFmts.push(
      { id: 165, code: "[$-409]mmm-yy;@" },
      { id: 166, code: `"$"#,##0.0,,"M"` },
      { id: 167, code: "0.0%" },
    );
    // Styles 5, 6, 7 (after the five base styles).
    for (const [r, c] of x.shape.periodCells) {
      const v = getCell(x.sheet, r, c) as CellX;
      if (v && typeof v === "object") setCell(x.sheet, r, c, { ...v, s: 5 });
    }
    // Revenue in dollars shown in millions; churn with the custom percent.
    const v = x.shape.values;
    for (let r = v.top; r <= v.bottom; r++)
      for (let c = v.left; c <= v.right; c++) {
        const cell = getCell(x.sheet, r, c);
        if (typeof cell === "object" && cell && cell.s === STYLE.percent) setCell(x.sheet, r, c, { ...cell, s: 7 });
      }
  },
  "several-sheets": (x) => {
    // A very hidden sheet with a KPI-like table first, a chart sheet, a customXml part.
    const hidden = sheet("Calc", [
      ["Metric", "Jan", "Feb", "Mar"],
      ["Secret A", 1, 2, 3],
      ["Secret B", 4, 5, 6],
      ["Secret C", 7, 8, 9],
    ]);
    hidden.state = "veryHidden";
    x.book.sheets.unshift(hidden);
    x.book.activeTab = 1;
    const chartSheet: SheetModel = {
      ...sheet("Trend chart", []),
      chartsheet:
        XML_HEAD +
        `<chartsheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`,
    };
    chartSheet.rels.push({ id: "rId1", type: `${T}/drawing`, target: "../drawings/drawing9.xml" });
    x.book.sheets.push(chartSheet);
    addPart(
      x.book,
      "xl/drawings/drawing9.xml",
      XML_HEAD +
        `<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A_NS}" xmlns:r="${REL_NS}"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8666049" cy="6293304"/>${graphicFrame("rId1")}</xdr:absoluteAnchor></xdr:wsDr>`,
      `${CT}.drawing+xml`,
    );
    addPart(
      x.book,
      "xl/drawings/_rels/drawing9.xml.rels",
      relsXml([{ id: "rId1", type: `${T}/chart`, target: "../charts/chart9.xml" }]),
    );
    addPart(
      x.book,
      "xl/charts/chart9.xml",
      CHART.replace("SHEETREF", esc(`${quoteSheet(x.sheet.name)}!${abs(x.shape.values)}`)),
      `${CT}.drawingml.chart+xml`,
    );
    addPart(
      x.book,
      "customXml/item1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="" StyleName=""/>`,
    );
    addPart(
      x.book,
      "customXml/itemProps1.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem ds:itemID="{11111111-2222-3333-4444-555555555555}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/></ds:schemaRefs></ds:datastoreItem>`,
      `${CT}.customXmlProperties+xml`,
    );
    addPart(
      x.book,
      "customXml/_rels/item1.xml.rels",
      relsXml([{ id: "rId1", type: `${T}/customXmlProps`, target: "itemProps1.xml" }]),
    );
    x.book.workbookRels.push({ id: "", type: `${T}/customXml`, target: "../customXml/item1.xml" });
  },
  "sheet-name": (x) => {
    x.sheet.name = `Q2 KPI's – Übersicht 📈`;
  },
  "row-heights": (x) => {
    x.sheet.cols = undefined;
    x.sheet.sheetFormatPr = `<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>`;
    x.sheet.rowAttrs.set(x.shape.header, `ht="30" customHeight="1"`);
    x.sheet.rowAttrs.set(x.shape.firstDataRow + 1, `ht="24.75" customHeight="1"`);
  },
  "many-styles": (x) => {
    x.book.extraXfs = 600;
    // Cells that use a high style index.
    const [r, c] = firstName(x);
    const t = textOf(getCell(x.sheet, r, c));
    if (t !== undefined) setCell(x.sheet, r, c, { si: `<t>${esc(t)}</t>`, s: 5 + 599 });
  },
  "shared-formulas": (x) => {
    // The last metric's (or record's) later values computed by one shared formula.
    const v = x.shape.values;
    if (x.layout === "rows") {
      const r = v.bottom;
      for (let c = v.left + 1; c <= v.right; c++) {
        const cached = getCell(x.sheet, r, c) as number;
        const first = c === v.left + 1;
        setCell(x.sheet, r, c, {
          f: first ? `${cellAddress(r, c - 1)}-10` : undefined,
          fAttrs: first
            ? ` t="shared" ref="${ref({ top: r, bottom: r, left: c, right: v.right })}" si="0"`
            : ` t="shared" si="0"`,
          v: String(cached),
        });
      }
    } else {
      const c = v.left;
      for (let r = v.top + 1; r <= v.bottom; r++) {
        const cached = getCell(x.sheet, r, c);
        const first = r === v.top + 1;
        const cachedV = typeof cached === "number" ? cached : Number((cached as CellX).v);
        setCell(x.sheet, r, c, {
          f: first ? `${cellAddress(r - 1, c)}+0` : undefined,
          fAttrs: first
            ? ` t="shared" ref="${ref({ top: r, bottom: v.bottom, left: c, right: c })}" si="0"`
            : ` t="shared" si="0"`,
          v: String(cachedV),
        });
      }
    }
  },
  "array-formulas": (x) => {
    // One current value from an array formula, with its cached value.
    const cur =
      x.layout === "rows"
        ? [x.shape.values.top + 2, x.shape.values.right]
        : x.layout === "columns"
          ? [x.shape.values.bottom, x.shape.values.left + 2]
          : [x.shape.values.top + 2, x.shape.values.left];
    const [r, c] = cur;
    const cached = getCell(x.sheet, r, c);
    const v = typeof cached === "number" ? cached : Number((cached as CellX).v);
    setCell(x.sheet, r, c, {
      f: `MAX(${cellAddress(r, c)}*{1})`.replace(cellAddress(r, c), String(v)),
      fAttrs: ` t="array" ref="${cellAddress(r, c)}"`,
      v: String(v),
    });
  },
  "styled-empty-cells": (x) => {
    // A bordered area prepared right of the data: styled cells that hold nothing.
    for (let r = x.shape.header; r <= bottom(x); r++)
      for (let c = right(x) + 1; c <= right(x) + 4; c++) setCell(x.sheet, r, c, { s: STYLE.bold });
  },
  "col-span-to-end": (x) => {
    x.sheet.cols = `<cols><col min="1" max="1" width="24.7109375" customWidth="1"/><col min="2" max="16384" width="11.28515625" customWidth="1"/></cols>`;
  },
  "printer-settings": (x) => {
    addPart(x.book, "xl/printerSettings/printerSettings1.bin", "");
    x.book.parts["xl/printerSettings/printerSettings1.bin"] = {
      content: new Uint8Array([0, 1, 2, 3, 4, 5, 250, 251, 252]),
    };
    x.book.defaults.bin = `${CT}.spreadsheetml.printerSettings`;
    const id = relate(x.sheet, "printerSettings", "../printerSettings/printerSettings1.bin");
    x.sheet.after.pageSetup = `<pageSetup paperSize="9" orientation="landscape" r:id="${id}"/>`;
  },
  "filtered-rows": (x) => {
    // An AutoFilter that hides one record: the row is hidden by the filter, the sheet in filter mode.
    const r = { ...x.shape.data, top: x.shape.header };
    const hiddenRow = x.shape.firstDataRow + 1;
    const keep = x.layout === "columns" ? null : textOf(getCell(x.sheet, hiddenRow, x.shape.keyColumn));
    x.sheet.sheetPr = `<sheetPr filterMode="1"/>`;
    x.sheet.rowAttrs.set(hiddenRow, `hidden="1"`);
    const values = new Set<string>();
    for (let row = x.shape.firstDataRow; row <= bottom(x); row++) {
      const t = textOf(getCell(x.sheet, row, x.shape.keyColumn));
      if (t !== undefined && t !== keep) values.add(t);
    }
    const filters =
      x.layout === "columns"
        ? `<filterColumn colId="1"><customFilters><customFilter operator="notEqual" val="110"/></customFilters></filterColumn>`
        : `<filterColumn colId="0"><filters>${[...values].map((v) => `<filter val="${esc(v)}"/>`).join("")}</filters></filterColumn>`;
    x.sheet.after.autoFilter = `<autoFilter ref="${ref(r)}">${filters}</autoFilter>`;
    x.book.definedNames.push(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${x.book.sheets.indexOf(x.sheet)}" hidden="1">${esc(quoteSheet(x.sheet.name))}!${abs(r)}</definedName>`,
    );
    x.forbidden.push({ what: "filtered range", range: r });
  },
  "rich-header": (x) => {
    const run = (a: string, b: string) =>
      `<r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t>${esc(a)}</t></r><r><rPr><sz val="11"/><rFont val="Calibri"/></rPr><t xml:space="preserve">${esc(b)}</t></r>`;
    if (x.layout === "rows")
      x.shape.periodCells.forEach(([r, c], j) => setCell(x.sheet, r, c, { si: run(MONTH_NAMES[j], " 2024") }));
    else
      setCell(x.sheet, x.shape.header, x.layout === "columns" ? 0 : 2, {
        si: run(x.layout === "columns" ? "Mon" : "Val", x.layout === "columns" ? "th" : "ue"),
      });
  },
  "section-row": (x) => {
    // A section label across the table between the header and the metrics, merged.
    insertRows(x, x.shape.firstDataRow, 1);
    const r = x.shape.firstDataRow - 1;
    setCell(x.sheet, r, 0, { si: `<t>Customer metrics</t>`, s: STYLE.bold });
    const m: CellRange = { top: r, left: 0, bottom: r, right: x.shape.values.right };
    x.sheet.after.mergeCells = `<mergeCells count="1"><mergeCell ref="${ref(m)}"/></mergeCells>`;
    x.forbidden.push({ what: "merged section row", range: m });
    x.shape.firstDataRow = r;
  },
  "empty-string-formulas": (x) => {
    // Formulas that show nothing, right of the data: the cells look empty and are not.
    const c = right(x) + 1;
    for (let r = x.shape.header; r <= bottom(x); r++)
      setCell(x.sheet, r, c, { t: "str", f: `IF(${cellAddress(r, 0)}="zz","x","")`, v: "" });
    x.forbidden.push({
      what: "formulas showing nothing",
      range: { top: x.shape.header, left: c, bottom: bottom(x), right: c },
    });
  },
  "external-link": (x) => {
    addPart(
      x.book,
      "xl/externalLinks/externalLink1.xml",
      XML_HEAD +
        `<externalLink xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><externalBook r:id="rId1"><sheetNames><sheetName val="Plan"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
      `${CT}.spreadsheetml.externalLink+xml`,
    );
    addPart(
      x.book,
      "xl/externalLinks/_rels/externalLink1.xml.rels",
      relsXml([
        { id: "rId1", type: `${T}/externalLinkPath`, target: "file:///C:/Finance/Plan%202024.xlsx", external: true },
      ]),
    );
    x.book.workbookRels.push({ id: "", type: `${T}/externalLink`, target: "externalLinks/externalLink1.xml" });
    const n = x.book.sheets.length + 3 + x.book.workbookRels.length - 1;
    x.book.afterSheets = `<externalReferences><externalReference r:id="rId${n}"/></externalReferences>`;
    x.book.definedNames.push(`<definedName name="PlanTarget">[1]Plan!$A$1</definedName>`);
    // An older value read from the other workbook (its cached value as before).
    const [r, c] = [x.shape.values.top, x.shape.values.left];
    const old = getCell(x.sheet, r, c);
    const v = typeof old === "number" ? old : Number((old as CellX).v);
    setCell(x.sheet, r, c, { ...(typeof old === "object" ? old : {}), f: "[1]Plan!$A$1", v: String(v) });
  },
  "note-on-empty-cell": (x) => {
    // A note on the empty cell right of the header: the person's, though it holds no value.
    const cell: [number, number] = [x.shape.header, right(x) + 1];
    addNotes(x, [cell], false);
    x.forbidden.push({ what: "noted cell", range: { top: cell[0], left: cell[1], bottom: cell[0], right: cell[1] } });
  },
  "merged-beside": (x) => {
    // A merged notes block beside the data.
    const m: CellRange = {
      top: x.shape.firstDataRow,
      left: right(x) + 1,
      bottom: x.shape.firstDataRow + 1,
      right: right(x) + 3,
    };
    setCell(x.sheet, m.top, m.left, "Notes: figures are preliminary");
    x.sheet.after.mergeCells = `<mergeCells count="1"><mergeCell ref="${ref(m)}"/></mergeCells>`;
    x.forbidden.push({ what: "merged notes", range: m });
  },
};

/** Features that only make sense in some layouts. */
export const ONLY: Record<string, LayoutName[]> = { "section-row": ["rows"] };

/** Probes that combine several features. */
export const COMBOS: Record<string, string[]> = {
  "title+table+frozen+cf+notes": ["merged-title", "table-totals", "frozen", "conditional-formats", "notes"],
  "1904+custom-formats+shared-formulas+date-formulas": [
    "date1904",
    "custom-formats",
    "shared-formulas",
    "date-formulas",
  ],
  "hidden-cols+validation+sparklines+chart": ["hidden-columns", "validation", "sparklines", "chart-two-cell"],
  "sheets+name+defined-names+hyperlinks+rich": [
    "several-sheets",
    "sheet-name",
    "defined-names",
    "hyperlinks",
    "rich-text",
  ],
  "filter+outline+inline+errors+row-heights": ["autofilter", "outline", "inline-strings", "errors", "row-heights"],
  "styled+cols-to-end+printer+filtered+rich-header": [
    "styled-empty-cells",
    "col-span-to-end",
    "printer-settings",
    "filtered-rows",
    "rich-header",
  ],
};

export function makeProbe(layout: LayoutName, features: string[]): Probe {
  const b = baseLayout(layout);
  const x: Ctx = { ...b, layout, forbidden: [] };
  for (const f of features) FEATURES[f](x);
  return {
    id: `${layout}: ${features.join("+") || "base"}`,
    layout,
    features,
    book: x.book,
    sheet: x.sheet.name,
    expected: x.expected,
    period: "Jun",
    ownerColumn: x.shape.ownerColumn,
    forbidden: x.forbidden,
  };
}

export function allProbes(): Probe[] {
  const out: Probe[] = [];
  for (const layout of ["rows", "columns", "long"] as LayoutName[]) {
    out.push(makeProbe(layout, []));
    for (const f of Object.keys(FEATURES)) if (!ONLY[f] || ONLY[f].includes(layout)) out.push(makeProbe(layout, [f]));
    for (const fs of Object.values(COMBOS)) out.push(makeProbe(layout, fs));
  }
  return out;
}
