/**
 * Generated sheets for property-based tests: random sizes, blanks, merged areas, error values,
 * dates, long and unicode strings, formula-like text and numbers stored as text, laid out
 * (most of the time) like a KPI table so that detection, the audit and the plan all run.
 */
import fc from "fast-check";
import { cellAddress, rangeAddress, type CellRange, type CellValue, type Grid } from "../../src/governance/grid";
import { grid } from "../helpers/grids";
import { STYLES, buildXlsx } from "../xlsx/build";

/** Runs per property: FUZZ_RUNS, else 200. The seed: FUZZ_SEED, else a fixed one (CI is repeatable). */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
export const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

const METRIC_NAMES = [
  "Churn",
  "MRR",
  "NRR",
  "Gross Margin",
  "CAC",
  "NPS",
  "Lead Quality",
  "Bug Density",
  "Cash runway",
  "On-time delivery %",
  "Revenue",
  "Headcount",
  "Efficiency ratio",
  "Days sales outstanding",
];
const ANSWER_TEXT = [
  "Dana Lee",
  "Sales team",
  "CEO",
  "Priya Shah & Sam Roe",
  "TBD",
  '=HYPERLINK("http://x","Dana")',
  "@Dana",
  "-5",
  "+1",
  "'quoted",
  "> 3%",
  "below 40",
  "at or above 0.5",
  "high",
  "escalate to CEO",
  "authorize up to $10k in credits",
  "pause the rollout for 30 days",
  "_x0041_ literal",
  "Zoë Ågren",
  "数据负责人",
  "line\nbreak",
  "tab\there",
];
const ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?"];

/**
 * One character or short unit repeated up to Excel's 32,767-character cell limit, with an
 * optional last character: the shapes that made backtracking patterns and per-word rescans
 * take minutes ("((((", ",,,,", "....x", "1 1 1", "1,1,1", "a & a & ").
 */
export const repeatedText = fc
  .tuple(
    fc.constantFrom("(", "[", ")", ",", ".", ":", "-", "%", "$", " ", "x", "1 ", "1,", "1.", "a & ", "- ", "(5%) "),
    fc.integer({ min: 500, max: 32767 }),
    fc.constantFrom("", "x", ")", "%", " 3%"),
  )
  .map(([unit, length, last]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length - last.length) + last);

const LONG_WORDS = [
  "monitor",
  "and",
  "cut",
  "spend",
  "by",
  "20%",
  "Dana",
  "Lee",
  "&",
  "/",
  "escalate",
  "to",
  "CEO",
  "$10k",
  "for",
  "30",
  "days",
  "(",
  ")",
  "-",
  "team",
  "below",
  "> 3%",
];

/** Prose of a few hundred to a few thousand words, as a notes column or a long lever holds. */
export const longText = fc
  .array(fc.constantFrom(...LONG_WORDS), { minLength: 300, maxLength: 5000 })
  .map((ws) => ws.join(" ").slice(0, 32767));

export const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ANSWER_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 400 }) },
  { weight: 1, arbitrary: fc.constantFrom("=SUM(A1:A3)", "=1/0", "+", "-", "@", "=", "12%", "1,234", " 42 ", "1e3") },
  { weight: 1, arbitrary: repeatedText },
  { weight: 1, arbitrary: longText },
);

export const value: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS).map((e) => ({ error: e })) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: text },
);

export interface SheetSpec {
  grid: Grid;
  /** Cells that are dates (a serial number shown with a date format). */
  dates: Set<string>;
}

const key = (r: number, c: number) => `${r},${c}`;

/** A sheet laid out like a KPI table, with noise around it. */
export const kpiSheet: fc.Arbitrary<SheetSpec> = fc
  .record({
    titleRows: fc.integer({ min: 0, max: 3 }),
    metricCol: fc.integer({ min: 0, max: 2 }),
    valueCols: fc.integer({ min: 1, max: 6 }),
    answerCols: fc.subarray(["Owner", "Threshold", "Lever", "Governance"] as const),
    names: fc.array(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...METRIC_NAMES) }, { weight: 1, arbitrary: text }),
      {
        minLength: 1,
        maxLength: 14,
      },
    ),
    seed: fc.array(value, { minLength: 200, maxLength: 200 }),
    answers: fc.array(fc.option(text, { nil: null }), { minLength: 60, maxLength: 60 }),
    noise: fc.array(fc.tuple(fc.nat(30), fc.nat(14), value), { maxLength: 6 }),
    mergeTitle: fc.boolean(),
    mergeHeader: fc.boolean(),
    dateCol: fc.boolean(),
    sheetName: fc.constantFrom("Dashboard", "KPIs 2026", "O'Brien's \"Q3\" sheet", "Données", "Sheet 1"),
  })
  .map((p) => {
    const values: CellValue[][] = [];
    const set = (r: number, c: number, v: CellValue) => {
      while (values.length <= r) values.push([]);
      while (values[r].length <= c) values[r].push(null);
      values[r][c] = v;
    };
    const dates = new Set<string>();
    const merges: CellRange[] = [];
    for (let t = 0; t < p.titleRows; t++) set(t, 0, t === 0 ? "Executive KPIs" : (p.seed[t] ?? "note"));
    if (p.mergeTitle && p.titleRows > 0) merges.push({ top: 0, left: 0, bottom: 0, right: 3 });
    const header = p.titleRows;
    set(header, p.metricCol, "Metric");
    const months = ["Oct", "Nov", "Dec", "Jan", "Feb", "Mar"];
    for (let v = 0; v < p.valueCols; v++) set(header, p.metricCol + 1 + v, months[v]);
    if (p.mergeHeader)
      merges.push({ top: header, left: p.metricCol + 1, bottom: header, right: p.metricCol + p.valueCols });
    const answersAt = p.metricCol + p.valueCols + 1;
    p.answerCols.forEach((h, i) => set(header, answersAt + i, h));
    let s = 0;
    let a = 0;
    p.names.forEach((name, i) => {
      const r = header + 1 + i;
      set(r, p.metricCol, name);
      for (let v = 0; v < p.valueCols; v++) {
        const x = p.seed[s++ % p.seed.length];
        set(r, p.metricCol + 1 + v, x);
        if (p.dateCol && v === 0 && typeof x === "number") {
          set(r, p.metricCol + 1, 45000 + (Math.abs(Math.trunc(x)) % 2000));
          dates.add(key(r, p.metricCol + 1));
        }
      }
      p.answerCols.forEach((_, k) => set(r, answersAt + k, p.answers[a++ % p.answers.length]));
    });
    for (const [r, c, v] of p.noise) set(header + 1 + p.names.length + 1 + r, c, v);
    const width = Math.max(...values.map((r) => r.length));
    for (const row of values) while (row.length < width) row.push(null);
    const sheet = grid(values, {
      sheetName: p.sheetName,
      numberFormats: values.map((row, r) => row.map((_, c) => (dates.has(key(r, c)) ? "m/d/yyyy" : undefined))),
      merges,
    });
    return { grid: sheet, dates };
  });

/** Any small grid at all: the audit must not throw on it either. */
export const anyGrid: fc.Arbitrary<Grid> = fc
  .array(fc.array(value, { maxLength: 8 }), { maxLength: 12 })
  .map((values) => grid(values, { sheetName: "Sheet1" }));

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** XML cannot hold most control characters: a person's workbook never has them, so neither do ours. */
const xmlSafe = (s: string) =>
  s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "?").replace(/[\uD800-\uDFFF]/g, (c, i, all) => {
    const code = c.charCodeAt(0);
    const next = all.charCodeAt(i + 1);
    const prev = all.charCodeAt(i - 1);
    const paired =
      (code < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) || (code >= 0xdc00 && prev >= 0xd800 && prev < 0xdc00);
    return paired ? c : "?";
  });

/** The grid as a one-sheet .xlsx workbook, as Excel would store it (inline strings, dates styled). */
export function sheetToXlsx(spec: SheetSpec): Uint8Array {
  const { grid } = spec;
  const rows: string[] = [];
  grid.values.forEach((row, r) => {
    const cells: string[] = [];
    row.forEach((v, c) => {
      const ref = cellAddress(r, c);
      if (v === null) return;
      if (typeof v === "number") {
        const style = spec.dates.has(key(r, c)) ? ' s="3"' : "";
        cells.push(`<c r="${ref}"${style}><v>${v}</v></c>`);
      } else if (typeof v === "boolean") cells.push(`<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`);
      else if (typeof v === "object") cells.push(`<c r="${ref}" t="e"><v>${escapeXml(v.error)}</v></c>`);
      else cells.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(xmlSafe(v))}</t></is></c>`);
    });
    if (cells.length > 0) rows.push(`<row r="${r + 1}">${cells.join("")}</row>`);
  });
  const merges = grid.merges.length
    ? `<mergeCells count="${grid.merges.length}">${grid.merges.map((m) => `<mergeCell ref="${rangeAddress(m)}"/>`).join("")}</mergeCells>`
    : "";
  return buildXlsx({
    sheets: [{ name: grid.sheetName, xml: `<sheetData>${rows.join("")}</sheetData>${merges}` }],
    styles: STYLES,
  });
}

/** The grid with every string made XML-safe, as it will read back from sheetToXlsx. */
export function xmlSafeGrid(spec: SheetSpec): SheetSpec {
  const values = spec.grid.values.map((row) => row.map((v) => (typeof v === "string" ? xmlSafe(v) : v)));
  return { ...spec, grid: { ...spec.grid, values } };
}
