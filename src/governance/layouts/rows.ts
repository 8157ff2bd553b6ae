/**
 * The rows layout reader: Grid → KpiTable. Finds the header row, the metric-name column, the value
 * (period) columns and the current one, reference and governance columns, and tells metric
 * rows from titles, sections, blanks, totals and notes. Pure and deterministic.
 *
 * How it reads a sheet:
 * 1. Header candidates are the rows near the top of the sheet (and the header row of each
 *    Excel table). Each header cell is classified once (headers.ts); a candidate is scored by
 *    its header words and by a sample of the rows under it (text labels with numbers).
 * 2. When no candidate reads as "one metric per row" but a row of metric names sits above a
 *    column of dates, months or sprint numbers, the sheet is a time series with metrics as
 *    columns: that is reported (metrics-in-columns), never read as metrics named by dates.
 * 3. The body is read in one linear pass (no regex per cell), then sections are resolved
 *    with one look-ahead pass.
 *
 * Judgement calls:
 * - A row with only a label (nothing in any other table column, formulas included) is a
 *   section when the next non-blank row is labelled; at the end of the table it is a metric
 *   with no data yet (or a note when it reads like a sentence). A row with Owner / Threshold
 *   / Lever cells filled is never a section.
 * - A label that is a number, a date or a period ("Q1", "Jan-24") does not name a metric;
 *   such rows are skipped as notes.
 * - A row with values but no label is skipped as blank (there is no metric to name).
 */
import {
  cellAt,
  columnLetter,
  gridRowEnd,
  isCellError,
  mergeAt,
  numberFormatAt,
  type CellRange,
  type CellValue,
  type Grid,
} from "../grid";
import { formatCellValue } from "../format";
import {
  classifyHeader,
  governanceKindOf,
  isAggregateCaption,
  isAmbiguousMonth,
  isDateFormat,
  withoutCopyNumber,
  isIdLike,
  isLabelHeader,
  isNotePrefixLower,
  isPercentFormat,
  isPeriodText,
  isSectionKey,
  isStructureKey,
  isTotalKey,
  isTotalLabel,
  labelKey,
  isValueKind,
  normalizeHeader,
  periodPart,
  periodRank,
  type HeaderClass,
  type HeaderKind,
} from "../headers";
import { directionFromText, trailingUnitLabel, unitLabelFrom } from "../lexicon";
import { clampRegion, isNumber, percentStorage, textOf, type Region } from "./region";
import type {
  CellRef,
  DetectHints,
  DetectResult,
  GovernanceColumns,
  KpiTable,
  MetricRow,
  SkippedRow,
  SkippedRowKind,
} from "../types";

/** How many rows from the top of the region are tried as header rows. */
const HEADER_SCAN_ROWS = 120;
/** How many rows under a header candidate are sampled to score it. */
const SAMPLE_ROWS = 80;
/** This many blank rows in a row end the table body. */
const BLANK_RUN_END = 4;

interface Candidate {
  headerRow: number;
  region: Region;
  classes: HeaderClass[]; // index: col - region.left
  metricColumn: number;
  left: number;
  right: number;
  score: number;
  sampleMetrics: number;
  sampleDataRows: number;
  tableName: string | null;
  tableBottom: number | null;
  hasTotalsRow: boolean;
}

export interface ColumnsCandidate {
  headerRow: number;
  names: string[];
  axis: "dates" | "months" | "sprint numbers" | "numbers" | "periods";
  score: number;
}

// ---------------------------------------------------------------------------------------
// Small cell helpers

function isBlankCell(grid: Grid, v: CellValue, row: number, col: number): boolean {
  if (v === null) return !isFormulaCell(grid, row, col);
  if (typeof v === "string" && v.trim() === "") return !isFormulaCell(grid, row, col);
  return false;
}

function isFormulaCell(grid: Grid, row: number, col: number): boolean {
  return grid.formulas?.[row - grid.origin.row]?.[col - grid.origin.col] === true;
}

function rowArray(grid: Grid, row: number): CellValue[] | undefined {
  return grid.values[row - grid.origin.row];
}

function regionHasContent(grid: Grid, region: Region): boolean {
  for (let r = region.top; r <= region.bottom; r++) {
    const arr = rowArray(grid, r);
    if (!arr) continue;
    const end = Math.min(arr.length - 1, region.right - grid.origin.col);
    for (let j = region.left - grid.origin.col; j <= end; j++) {
      const v = arr[j];
      if (v === null || v === undefined) continue;
      if (typeof v === "string" && v.trim() === "") continue;
      return true;
    }
    const f = grid.formulas?.[r - grid.origin.row];
    if (f)
      for (let j = region.left - grid.origin.col; j <= Math.min(f.length - 1, region.right - grid.origin.col); j++)
        if (f[j]) return true;
  }
  return false;
}

/** Text that can name a metric: not a number, date, period or placeholder. */
export function isNameLike(s: string): boolean {
  return isNameLikeLower(s, s);
}

/** isNameLike for a trimmed text and the same in lower case (or the text itself). */
function isNameLikeLower(s: string, lower: string): boolean {
  if (s === "") return false;
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43) {
    // Starts with a digit or sign: a number or date typed as text?
    if (!Number.isNaN(Number(s.replace(/[,$%€£\s]/g, "")))) return false;
  }
  if (s.length <= 24 && isPeriodText(lower)) return false;
  if (s.charCodeAt(0) === 60 || s.charCodeAt(0) === 61) return false; // "<Enter name>", "=< YTD <"
  return /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u4E00-\u9FFF]/.test(s);
}

// ---------------------------------------------------------------------------------------
// Header classification

function classifyRow(grid: Grid, row: number, left: number, right: number): HeaderClass[] {
  const out: HeaderClass[] = [];
  let prev: HeaderClass | null = null;
  const mergedAbove = headersMergedDown(grid, row, left, right);
  for (let c = left; c <= right; c++) {
    const v = cellAt(grid, row, c) ?? mergedAbove?.get(c) ?? null;
    let cls = classifyHeader(v, typeof v === "number" && isDateFormat(numberFormatAt(grid, row, c)));
    // "(%)" beside "Var ($M)": a bracketed unit alone reads with its left neighbour.
    if (
      cls.kind === "other" &&
      typeof v === "string" &&
      /^\s*[([].*[)\]]\s*$/.test(v) &&
      prev &&
      prev.kind === "reference"
    ) {
      cls = { ...cls, kind: "reference" };
    }
    out.push(cls);
    prev = cls;
  }
  // "set" and "out" (Portuguese, Italian months) among other months are months.
  if (out.some((c) => c.kind === "period" && periodRank(c.text) === 1 && /\p{L}/u.test(c.text))) {
    for (let i = 0; i < out.length; i++)
      if (out[i].kind === "other" && isAmbiguousMonth(out[i].text)) out[i] = { ...out[i], kind: "period" };
  }
  // Bare numbers in the Excel date range, increasing across the row, are dates without a format.
  let run = 0;
  for (let i = 0; i < out.length; i++) {
    const v = cellAt(grid, row, left + i);
    if (out[i].kind === "other" && isNumber(v) && Number.isInteger(v) && v > 20000 && v < 80000) run++;
    else run = 0;
  }
  if (run >= 3) {
    for (let i = 0; i < out.length; i++) {
      const v = cellAt(grid, row, left + i);
      if (out[i].kind === "other" && isNumber(v) && Number.isInteger(v) && v > 20000 && v < 80000)
        out[i] = { ...out[i], kind: "period" };
    }
  }
  // Header dates written as formulas (=EOMONTH(B1,1)) that the file holds no result for:
  // beside a period typed as such, with no plain number in the row, they are periods whose
  // text is unknown. (A row of label + uncached formulas alone is data, not a header.)
  let formulas = 0;
  let periods = 0;
  let numbers = 0;
  for (let i = 0; i < out.length; i++) {
    const v = cellAt(grid, row, left + i);
    if (out[i].kind === "blank" && v === null && isFormulaCell(grid, row, left + i)) formulas++;
    if (out[i].kind === "period") periods++;
    else if (typeof v === "number") numbers++;
  }
  if (formulas >= 1 && periods >= 1 && numbers === 0) {
    for (let i = 0; i < out.length; i++) {
      if (out[i].kind === "blank" && cellAt(grid, row, left + i) === null && isFormulaCell(grid, row, left + i))
        out[i] = { kind: "period", text: "", percent: false, uncached: true };
    }
  }
  return out;
}

/**
 * A two-row header with the measures above the periods: "Actual" merged (or written once)
 * over Jan | Feb | Mar and "Budget" over Jan | Feb | Mar again. The period columns under an
 * Actual word become current columns, those under a target, variance or total word reference
 * columns, each reading "Jan Actual", "Jan Budget"; so the latest actual is current and the
 * same month's budget its target. Needs an actual group of two or more periods and another
 * group beside it (one "Actual 2024" title over all the months is a title). Changes `classes`
 * in place; whether it did.
 */
function measuresAbove(grid: Grid, row: number, region: Region, classes: HeaderClass[]): boolean {
  const above = row - 1;
  if (above < Math.max(region.top, grid.origin.row)) return false;
  let periodCount = 0;
  for (const c of classes) if (c.kind === "period" && !c.uncached) periodCount++;
  if (periodCount < 3) return false;
  const found: { i: number; kind: HeaderKind; measure: string }[] = [];
  let carry: { kind: HeaderKind; text: string } | null = null;
  let currents = 0;
  let others = 0;
  for (let i = 0; i < classes.length; i++) {
    const c = region.left + i;
    const merged = mergeAt(grid, above, c);
    const v = merged ? cellAt(grid, merged.top, merged.left) : cellAt(grid, above, c);
    if (typeof v === "string" && v.trim() !== "") {
      const k = classifyHeader(v, false).kind;
      carry =
        k === "current" || k === "reference" || k === "current-weak" || k === "total"
          ? { kind: k, text: v.trim() }
          : null;
    } else if (v !== null) carry = null;
    else if (classes[i].kind === "blank") carry = null; // a spacer column ends a group written once
    if (carry === null || classes[i].kind !== "period" || classes[i].uncached) continue;
    found.push({ i, kind: carry.kind, measure: carry.text });
    if (carry.kind === "current") currents++;
    else others++;
  }
  if (currents < 2 || others < 1) return false;
  for (const f of found) {
    const cls = classes[f.i];
    const v = cellAt(grid, row, region.left + f.i);
    const period = isNumber(v) ? (numericPeriod(grid, row, region.left + f.i, v) ?? cls.text) : cls.text;
    // "Jan Actual" reads as an actual of January; a Total / YTD group reads as a total.
    const kind: HeaderKind =
      f.kind === "current" ? "current" : f.kind === "current-weak" ? "current-weak" : "reference";
    classes[f.i] = { ...cls, kind, text: `${period} ${f.measure}`, measure: f.measure };
  }
  return true;
}

/**
 * Whether a value or reference word of row `row` ("Actual", "Budget 2025") heads a run of two
 * or more periods in the row below: merged across them, or written once with blanks after it.
 */
function groupsOverPeriods(grid: Grid, row: number, region: Region, classes: HeaderClass[]): boolean {
  const below = row + 1;
  if (below > region.bottom) return false;
  const periodBelow = (c: number) => {
    const v = cellAt(grid, below, c);
    if (typeof v === "string") return v.length <= 40 && classifyHeader(v, false).kind === "period";
    return isNumber(v) && isDateFormat(numberFormatAt(grid, below, c));
  };
  for (let i = 0; i < classes.length; i++) {
    const k = classes[i].kind;
    if (!(isValueKind(k) || k === "reference")) continue;
    const c = region.left + i;
    if (typeof cellAt(grid, row, c) !== "string") continue;
    let end = c;
    for (const m of grid.merges)
      if (m.top <= row && row <= m.bottom && m.left === c && m.right > c && m.bottom < below) end = m.right;
    if (end === c)
      while (
        end + 1 <= region.right &&
        classes[end + 1 - region.left].kind === "blank" &&
        !isBlankCell(grid, cellAt(grid, below, end + 1), below, end + 1)
      )
        end++;
    if (end === c) continue;
    let n = 0;
    for (let cc = c; cc <= Math.min(end, region.right); cc++) if (periodBelow(cc)) n++;
    if (n >= 2) return true;
  }
  return false;
}

/**
 * Header words merged down over a two-row header ("KPI", "Unit", "Owner" merged over the
 * period row and the Actual / Target row): per column, the text of a one-column merge of at
 * most three rows that starts above `row` and covers it; null when there is none.
 */
function headersMergedDown(grid: Grid, row: number, left: number, right: number): Map<number, string> | null {
  let out: Map<number, string> | null = null;
  for (const m of grid.merges) {
    if (m.top >= row || m.bottom < row || m.left !== m.right || m.left < left || m.left > right) continue;
    if (m.bottom - m.top > 2) continue;
    const v = cellAt(grid, m.top, m.left);
    if (typeof v !== "string" || v.trim() === "") continue;
    (out ??= new Map()).set(m.left, v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Candidates

interface CandidateOptions {
  headerRow: number;
  region: Region;
  metricColumn?: number;
  tableName: string | null;
  tableBottom: number | null;
  hasTotalsRow: boolean;
}

/** Whether the cells under a header hold words and no number (two or more, in its first rows). */
function wordsOnly(grid: Grid, headerRow: number, col: number, bottom: number): boolean {
  let words = 0;
  const end = Math.min(bottom, headerRow + 30);
  for (let r = headerRow + 1; r <= end; r++) {
    const v = cellAt(grid, r, col);
    if (typeof v === "number") return false;
    if (typeof v === "string" && /\p{L}{2}/u.test(v) && !isNumericText(v)) words++;
  }
  return words >= 2;
}

/** "12%", "$1,200", "(5)": a number typed as text. */
function isNumericText(v: string): boolean {
  return /^[\s$€£¥₹(+-]*[\d.,]+\s*(?:%|[kmb]n?|x)?\)?\s*$/i.test(v);
}

/** Scores `headerRow` as the header of a metrics-in-rows table; null when it is not one. */
function rowsCandidate(grid: Grid, o: CandidateOptions): Candidate | null {
  const { region, headerRow } = o;
  const classes = classifyRow(grid, headerRow, region.left, region.right);
  measuresAbove(grid, headerRow, region, classes);
  // A reference word over words is no reference column: "Objective" over "Grow revenue",
  // "Improve margin" on a balanced scorecard is a column of text (and the Measure column
  // right of it holds the metrics).
  for (let i = 0; i < classes.length; i++)
    if (classes[i].kind === "reference" && wordsOnly(grid, headerRow, region.left + i, region.bottom))
      classes[i] = { ...classes[i], kind: "other" };
  let nonBlank = 0;
  let firstValue = -1;
  let values = 0;
  let refs = 0;
  let govs = 0;
  let strong = 0;
  for (let i = 0; i < classes.length; i++) {
    const k = classes[i].kind;
    if (k === "blank") continue;
    nonBlank++;
    const col = region.left + i;
    if (isValueKind(k) || k === "reference") {
      if (firstValue < 0) firstValue = col;
      if (isValueKind(k)) values++;
      else refs++;
      if (k === "current") strong++;
    } else if (k === "owner" || k === "threshold" || k === "lever" || k === "governance") {
      govs++;
    }
  }
  if (nonBlank < 2 && o.tableName === null) return null;
  // A header is words: a row with several plain numbers, or a single date among them, is data.
  let plainNumbers = 0;
  let numericPeriods = 0;
  for (let i = 0; i < classes.length; i++) {
    const v = cellAt(grid, headerRow, region.left + i);
    if (typeof v !== "number") continue;
    if (classes[i].kind === "period" || classes[i].measure !== undefined) numericPeriods++;
    else plainNumbers++;
  }
  if (plainNumbers >= 2) return null;
  // (Unless the dates after it are formulas with no saved result: then it starts the run.)
  if (numericPeriods === 1 && !classes.some((c) => c.uncached)) {
    for (let i = 0; i < classes.length; i++) {
      if (classes[i].kind === "period" && typeof cellAt(grid, headerRow, region.left + i) === "number") {
        classes[i] = { ...classes[i], kind: "other" };
        if (firstValue === region.left + i) firstValue = -1;
        values--;
      }
    }
    if (firstValue < 0) {
      for (let i = 0; i < classes.length; i++) {
        if (isValueKind(classes[i].kind) || classes[i].kind === "reference") {
          firstValue = region.left + i;
          break;
        }
      }
    }
  }
  if (values + refs + govs === 0) return null;
  // "Actual" or "Actual 2025" over a run of periods in the row below is the upper row of a
  // two-row header: the row below is the header.
  if (o.tableName === null && groupsOverPeriods(grid, headerRow, region, classes)) return null;

  const sampleEnd = sampleEndFrom(
    grid,
    headerRow,
    Math.min(o.tableBottom ?? region.bottom, region.bottom, headerRow + SAMPLE_ROWS),
    region,
  );

  // The metric column: a column left of the first value column (or any non-value column)
  // whose cells under the header are names. A "Metric"/"KPI" header wins when it holds names.
  let metricColumn = -1;
  if (o.metricColumn !== undefined) {
    metricColumn = o.metricColumn;
  } else {
    const limit = firstValue >= 0 ? firstValue - 1 : region.right;
    let best = -1;
    let bestCount = 0;
    let labelCol = -1;
    let labelCount = 0;
    for (let c = region.left; c <= limit; c++) {
      const k = classes[c - region.left].kind;
      if (k !== "blank" && k !== "other" && k !== "label" && k !== "axis") continue;
      let names = 0;
      const distinct = new Set<string>();
      for (let r = headerRow + 1; r <= sampleEnd; r++) {
        const v = cellAt(grid, r, c);
        if (typeof v === "string" && isNameLike(v.trim())) {
          names++;
          distinct.add(v.trim().toLowerCase());
        }
      }
      // Names that repeat ("NY", "AZ" on every row) name a slice, not a metric.
      const count = names === 0 ? 0 : names + distinct.size;
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
      if (k === "label" && count > labelCount) {
        labelCol = c;
        labelCount = count;
      }
    }
    metricColumn = labelCol >= 0 && labelCount * 2 >= bestCount ? labelCol : best;
  }
  if (metricColumn < 0) return null;

  // Table columns: from the metric column (or contiguous headers left of it) to the right
  // until a column with neither a header nor data.
  let left = metricColumn;
  while (left - 1 >= region.left && classes[left - 1 - region.left].kind !== "blank") left--;
  let right = metricColumn;
  for (let c = metricColumn + 1; c <= region.right; c++) {
    if (classes[c - region.left].kind !== "blank") {
      right = c;
      continue;
    }
    // Data counts on rows that have a label: a stray cell under the table (a note, a total
    // elsewhere) does not widen it, or writing governance columns beside it would move the
    // table's edge from one run to the next.
    // Governance columns are written at the table's right edge: a column without a header
    // beyond them is outside the table (else our own columns would bridge the gap to it).
    const before = classes[c - 1 - region.left].kind;
    const after = c + 1 <= region.right ? classes[c + 1 - region.left].kind : "blank";
    if (
      (before === "owner" || before === "threshold" || before === "lever" || before === "governance") &&
      after === "blank"
    )
      break;
    let data = false;
    for (let r = headerRow + 1; r <= sampleEnd && !data; r++)
      if (
        !isBlankCell(grid, cellAt(grid, r, metricColumn), r, metricColumn) &&
        !isBlankCell(grid, cellAt(grid, r, c), r, c)
      )
        data = true;
    if (!data) {
      // One empty column may separate parts of a header ("Jan..Dec | | Target"); two end it.
      const next = c + 1 <= region.right ? classes[c + 1 - region.left].kind : "blank";
      // In a two-row header, an empty column between two periods' groups is a spacer.
      const spacer = next !== "blank" && periodGroupsAround(grid, headerRow - 1, c, region);
      // A narrow empty column between the names (and their Unit or Owner) and the first values
      // is a spacer too: "Week ending | | 2025-06-06 | 2025-06-13".
      let leading = isValueKind(next);
      for (let k = metricColumn + 1; k < c && leading; k++) {
        const kind = classes[k - region.left].kind;
        if (isValueKind(kind) || kind === "reference") leading = false;
      }
      if (next === "blank" || (o.tableName === null && !spacer && !leading)) break;
    }
    right = c;
  }

  let metrics = 0;
  let dataRows = 0;
  for (let r = headerRow + 1; r <= sampleEnd; r++) {
    const label = cellAt(grid, r, metricColumn);
    if (typeof label !== "string") continue;
    const t = label.trim();
    if (!isNameLike(t) || isTotalLabel(t)) continue;
    metrics++;
    for (let c = left; c <= right; c++) {
      if (c === metricColumn) continue;
      const k = classes[c - region.left].kind;
      if (!(isValueKind(k) || k === "reference")) continue;
      const v = cellAt(grid, r, c);
      if (isNumber(v) || isCellError(v) || (v === null && isFormulaCell(grid, r, c))) {
        dataRows++;
        break;
      }
    }
  }
  if (metrics === 0) return null;
  if (dataRows === 0 && govs < 2) return null;

  const score =
    Math.min(dataRows, 40) * 4 +
    Math.min(metrics, 40) +
    Math.min(values, 12) +
    2 * refs +
    3 * strong +
    3 * govs +
    (isLabelHeader(textOf(cellAt(grid, headerRow, metricColumn))) ? 4 : 0) +
    (o.tableName !== null ? 4 : 0);

  return {
    headerRow,
    region,
    classes,
    metricColumn,
    left,
    right,
    score,
    sampleMetrics: metrics,
    sampleDataRows: dataRows,
    tableName: o.tableName,
    tableBottom: o.tableBottom,
    hasTotalsRow: o.hasTotalsRow,
  };
}

/**
 * Whether column `col` of a two-row header is an empty spacer between two periods' groups:
 * in the row above, a period over the next column and one over a column just before it (the
 * period merged over its group, or written over the group's first column).
 */
function periodGroupsAround(grid: Grid, above: number, col: number, region: Region): boolean {
  if (above < region.top || col + 1 > region.right) return false;
  if (!isBlankCell(grid, cellAt(grid, above, col), above, col) || inMerge(grid, above, col)) return false;
  if (periodTextAt(grid, above, col + 1) === null) return false;
  for (let c = col - 1; c >= Math.max(region.left, col - 4); c--) {
    if (periodTextAt(grid, above, c) !== null) return true;
    if (!isBlankCell(grid, cellAt(grid, above, c), above, c)) return false;
  }
  return false;
}

function inMerge(grid: Grid, row: number, col: number): boolean {
  for (const m of grid.merges) if (m.top <= row && row <= m.bottom && m.left <= col && col <= m.right) return true;
  return false;
}

/** The last row to sample under a header: `limit`, or earlier at a run of blank rows. */
function sampleEndFrom(grid: Grid, headerRow: number, limit: number, region: Region): number {
  let blank = 0;
  let lastFilled = headerRow;
  for (let r = headerRow + 1; r <= limit; r++) {
    const arr = rowArray(grid, r);
    let filled = false;
    if (arr) {
      for (let j = region.left - grid.origin.col; j < arr.length && j <= region.right - grid.origin.col; j++) {
        const v = arr[j];
        if (v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "")) {
          filled = true;
          break;
        }
      }
    }
    if (filled) {
      blank = 0;
      lastFilled = r;
    } else if (++blank >= BLANK_RUN_END) break;
  }
  return lastFilled;
}

/** Whether the cells under `col` read as a time axis: dates, periods or a run of integers. */
export function axisKind(grid: Grid, headerRow: number, col: number, end: number): ColumnsCandidate["axis"] | null {
  let filled = 0;
  let dates = 0;
  let months = 0;
  let periods = 0;
  let ints = 0;
  let steps = 0;
  let prev: number | null = null;
  for (let r = headerRow + 1; r <= end; r++) {
    const v = cellAt(grid, r, col);
    if (v === null || (typeof v === "string" && v.trim() === "")) continue;
    filled++;
    if (typeof v === "number") {
      if (isDateFormat(numberFormatAt(grid, r, col))) dates++;
      else if (Number.isInteger(v)) {
        ints++;
        if (prev !== null && Math.abs(v - prev) >= 1 && Math.abs(v - prev) <= 31) steps++;
        prev = v;
      }
    } else if (typeof v === "string") {
      const t = v.trim();
      if (isPeriodText(t)) {
        if (/^[a-z]{3}/i.test(t) && !/^(q|h|fy|cy|w|sprint|week|period|day)/i.test(t)) months++;
        else if (/^\d{4}-\d|^\d{1,2}[-/.]\d/.test(t)) dates++;
        else periods++;
      }
    }
  }
  if (filled < 2) return null;
  const need = Math.ceil(filled * 0.6);
  if (dates + months + periods >= need) {
    if (dates >= months && dates >= periods) return "dates";
    if (months >= periods) return "months";
    return "periods";
  }
  if (ints >= need && steps >= Math.max(1, ints - 2)) {
    return /sprint/i.test(textOf(cellAt(grid, headerRow, col))) ? "sprint numbers" : "numbers";
  }
  if (dates + months + periods + ints >= need && dates + months + periods > 0) return "periods";
  return null;
}

/** Scores `headerRow` as a header of metric names over a time axis running down the rows. */
export function columnsCandidate(
  grid: Grid,
  headerRow: number,
  region: CellRange,
  bottom: number,
): ColumnsCandidate | null {
  const end = Math.min(bottom, headerRow + SAMPLE_ROWS);
  if (end <= headerRow) return null;
  const classes = classifyRow(grid, headerRow, region.left, region.right);
  // The axis is the first column (left to right) whose cells read as periods.
  let axisCol = -1;
  let axis: ColumnsCandidate["axis"] | null = null;
  for (let i = 0; i < classes.length && i < 6; i++) {
    const c = region.left + i;
    const k = classes[i].kind;
    if (k === "reference" || k === "period") continue;
    const a = axisKind(grid, headerRow, c, end);
    if (a) {
      axisCol = c;
      axis = a;
      // "Sr no | Month": a running number beside the dates; say what the person sees.
      if (a === "numbers" && c + 1 <= region.right) {
        const b = axisKind(grid, headerRow, c + 1, end);
        if (b === "dates" || b === "months" || b === "periods") {
          axisCol = c + 1;
          axis = b;
        }
      }
      break;
    }
    if (k !== "blank" && k !== "axis") {
      // A named column that is not an axis: only a label column may come before it.
      const firstText = textOf(cellAt(grid, headerRow + 1, c));
      if (firstText !== "" && isNameLike(firstText)) return null;
    }
  }
  if (axisCol < 0 || axis === null) return null;
  const names: string[] = [];
  let blanks = 0;
  for (let i = 0; i < classes.length; i++) {
    const c = region.left + i;
    if (c <= axisCol) continue;
    const k: HeaderKind = classes[i].kind;
    if (k === "blank") {
      if (++blanks >= 2) break; // the end of this table
      continue;
    }
    blanks = 0;
    if (k === "reference" || k === "period" || k === "axis" || k === "total") continue;
    const text = classes[i].text;
    if (!isNameLike(text) || text.length > 40 || text.includes(":")) continue;
    let data = false;
    for (let r = headerRow + 1; r <= end && !data; r++) {
      const v = cellAt(grid, r, c);
      if (isNumber(v) || isCellError(v) || (v === null && isFormulaCell(grid, r, c))) data = true;
    }
    if (data) names.push(text);
  }
  if (names.length < 1) return null;
  const axisHeader = classes[axisCol - region.left].kind === "axis" ? 3 : 0;
  return { headerRow, names, axis, score: names.length + axisHeader };
}

// ---------------------------------------------------------------------------------------
// Detection

/** The rows reader: one metric per row under a header row; why not, when the sheet holds no such table. */
export function readRows(grid: Grid, hints: DetectHints = {}): DetectResult {
  const region = clampRegion(grid, hints.within ?? null);
  const sheet = grid.sheetName;
  if (!region || !regionHasContent(grid, region)) {
    return {
      ok: false,
      code: "empty-sheet",
      message: hints.within
        ? `The selected range on sheet '${sheet}' is empty. Select the KPI table (its header row and metric rows) and run again.`
        : `Sheet '${sheet}' is empty. Choose the sheet that holds your KPI table, or add one metric per row under a header row.`,
    };
  }

  const found = findTable(grid, region, hints);
  if (found.kind === "columns") {
    const c = found.candidate;
    const list = c.names.slice(0, 3).join(", ") + (c.names.length > 3 ? ", …" : "");
    return {
      ok: false,
      code: "metrics-in-columns",
      message:
        `Sheet '${sheet}' lists metrics across the top (${list}) and ${c.axis} down the rows (header in row ${c.headerRow + 1}). ` +
        `Decision Map reads one metric per row: choose a sheet with one metric per row, or transpose this one.`,
    };
  }
  if (found.kind === "none") {
    return {
      ok: false,
      code: "no-kpi-table",
      message:
        `No KPI table found on sheet '${sheet}': Decision Map looks for a header row (months, Actual, Target, Owner, …) ` +
        `with one metric name per row under it. Choose another sheet, or select the table and run again.`,
    };
  }
  return { ok: true, table: readBody(grid, found.candidate, hints) };
}

type Found =
  { kind: "rows"; candidate: Candidate } | { kind: "columns"; candidate: ColumnsCandidate } | { kind: "none" };

function findTable(grid: Grid, region: Region, hints: DetectHints): Found {
  let best: Candidate | null = null;
  let bestColumns: ColumnsCandidate | null = null;
  // An Excel table is the person's own statement of where a table is: a table candidate
  // beats a free one.
  const consider = (c: Candidate | null) => {
    if (!c) return;
    const b = best as Candidate | null;
    if (b === null) best = c;
    else if ((c.tableName !== null) !== (b.tableName !== null)) {
      if (c.tableName !== null) best = c;
    } else if (c.score > b.score) best = c;
  };
  const considerColumns = (c: ColumnsCandidate | null) => {
    if (c && (bestColumns === null || c.score > bestColumns.score)) bestColumns = c;
  };

  // Excel tables inside the region, clamped to the grid (a ref may run to row 1,048,576).
  for (const t of grid.tables) {
    if (!t.hasHeaderRow) continue;
    const tr = clampRegion(grid, t.range);
    if (!tr) continue;
    if (tr.top < region.top || tr.left < region.left || tr.top > region.bottom || tr.left > region.right) continue;
    const r: Region = {
      top: tr.top,
      left: tr.left,
      bottom: Math.min(tr.bottom, region.bottom),
      right: Math.min(tr.right, region.right),
    };
    if (t.range.top !== tr.top) continue; // the header row is outside the grid
    if (hints.headerRow !== undefined && hints.headerRow !== tr.top) continue;
    const bottom = t.hasTotalsRow && t.range.bottom === tr.bottom ? tr.bottom - 1 : r.bottom;
    consider(
      rowsCandidate(grid, {
        headerRow: tr.top,
        region: r,
        metricColumn: hints.metricColumn,
        tableName: t.name,
        tableBottom: t.range.bottom <= gridRowEnd(grid) - 1 ? t.range.bottom : r.bottom,
        hasTotalsRow: t.hasTotalsRow && t.range.bottom <= gridRowEnd(grid) - 1,
      }),
    );
    considerColumns(columnsCandidate(grid, tr.top, r, bottom));
  }

  const first = hints.headerRow ?? region.top;
  const last = hints.headerRow ?? Math.min(region.bottom, region.top + HEADER_SCAN_ROWS);
  for (let h = first; h <= last; h++) {
    const arr = rowArray(grid, h);
    if (!arr) continue;
    let n = 0;
    for (let j = region.left - grid.origin.col; j < arr.length && j <= region.right - grid.origin.col; j++) {
      const v = arr[j];
      if (v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "")) n++;
    }
    if (n < 2 && hints.headerRow === undefined) continue;
    consider(
      rowsCandidate(grid, {
        headerRow: h,
        region,
        metricColumn: hints.metricColumn,
        tableName: null,
        tableBottom: null,
        hasTotalsRow: false,
      }),
    );
    if (hints.metricColumn === undefined) considerColumns(columnsCandidate(grid, h, region, region.bottom));
  }

  const rows = best as Candidate | null;
  const cols = bestColumns as ColumnsCandidate | null;
  if (
    rows &&
    (rows.sampleMetrics >= 2 || cols === null || hints.headerRow !== undefined || hints.metricColumn !== undefined)
  ) {
    return { kind: "rows", candidate: rows };
  }
  if (cols) return { kind: "columns", candidate: cols };
  if (rows) return { kind: "rows", candidate: rows };
  return { kind: "none" };
}

// ---------------------------------------------------------------------------------------
// The body

const K_METRIC = 0;
const K_BLANK = 1;
const K_SECTION_OR_METRIC = 2; // a label alone; resolved in the second pass
const K_TOTAL = 3;
const K_NOTE = 4;
const K_HEADER = 5;
const K_UNLABELLED = 6;
const K_SECTION = 7; // a heading of a text block ("HIGHLIGHTS"), whatever is beside it

const KIND_NAMES: Record<number, SkippedRowKind> = {
  [K_BLANK]: "blank",
  [K_TOTAL]: "total",
  [K_NOTE]: "note",
  [K_HEADER]: "header",
  [K_UNLABELLED]: "blank",
  [K_SECTION]: "section",
};

function looksLikeSentence(s: string): boolean {
  if (s.length > 80) return true;
  let spaces = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) spaces++;
  return spaces >= 7 || (spaces >= 5 && /[.!?]$/.test(s));
}

function readBody(grid: Grid, cand: Candidate, hints: DetectHints): KpiTable {
  const { headerRow, metricColumn, left, right, classes, region } = cand;
  const width = right - left + 1;
  const kinds: HeaderKind[] = new Array(width);
  const headerTexts: string[] = new Array(width);
  for (let c = left; c <= right; c++) {
    const cls = classes[c - region.left];
    kinds[c - left] = c === metricColumn ? "label" : cls.kind;
    headerTexts[c - left] = cls.text.toLowerCase();
  }
  let bodyEnd = Math.min(region.bottom, gridRowEnd(grid) - 1);
  if (cand.tableBottom !== null) bodyEnd = Math.min(bodyEnd, cand.tableBottom);
  // A Unit or Direction column holds words per metric; one holding numbers is data ("Units").
  for (let i = 0; i < width; i++) {
    if (kinds[i] !== "unit" && kinds[i] !== "direction") continue;
    let words = 0;
    let nums = 0;
    for (let r = headerRow + 1; r <= Math.min(bodyEnd, headerRow + SAMPLE_ROWS); r++) {
      const v = cellAt(grid, r, left + i);
      if (typeof v === "number") nums++;
      else if (typeof v === "string" && v.trim() !== "") words++;
    }
    if (nums > words) kinds[i] = "other";
  }
  const periods = columnPeriods(grid, cand, kinds);
  const isValueCol = new Uint8Array(width);
  const isDataCol = new Uint8Array(width); // value or reference columns
  for (let i = 0; i < width; i++) if (isValueKind(kinds[i])) isValueCol[i] = 1;
  // Totals among the periods (FY, Annual, a year beside its months, YTD beside months) are
  // known values, never the current period: they read as reference columns.
  const ranks: (number | null)[] = new Array(width).fill(null);
  let minRank = Infinity;
  for (let i = 0; i < width; i++) {
    if (!isValueCol[i]) continue;
    ranks[i] = kinds[i] === "current-weak" ? 5 : periods.rank[i];
    if (ranks[i] !== null && ranks[i]! < minRank) minRank = ranks[i]!;
  }
  const aggregates: number[] = [];
  if (minRank < 5) {
    for (let i = 0; i < width; i++) {
      if (ranks[i] !== null && ranks[i]! > minRank) {
        isValueCol[i] = 0;
        kinds[i] = "reference";
        aggregates.push(left + i);
      }
    }
  }
  for (let i = 0; i < width; i++) if (isValueCol[i] || kinds[i] === "reference") isDataCol[i] = 1;
  // Actual columns with a period ("Q3 Actual", or "Actual" under "Mar 2024"): the current
  // value is the latest of them with data, its period's target a threshold hint.
  const paired: number[] = [];
  for (let i = 0; i < width; i++) if (isValueCol[i] && kinds[i] === "current" && periods.text[i]) paired.push(i);
  const pairedMode = paired.length >= 2 || (paired.length === 1 && periods.fromAbove);
  if (pairedMode) {
    // Beside actuals by period, an Actual under "Total" or "Full year" (no period of its own)
    // is a total: known, never the current value.
    for (let i = 0; i < width; i++) {
      if (!isValueCol[i] || periods.text[i] || (kinds[i] !== "current" && kinds[i] !== "current-weak")) continue;
      isValueCol[i] = 0;
      kinds[i] = "reference";
      aggregates.push(left + i);
    }
    aggregates.sort((a, b) => a - b);
  }
  // The columns left of the first value column that may hold a "Total" label beside the name.
  let labelAreaEnd = right;
  for (let i = 0; i < width; i++) {
    if (isDataCol[i]) {
      labelAreaEnd = left + i - 1;
      break;
    }
  }

  const start = headerRow + 1;
  const n = Math.max(0, bodyEnd - start + 1);
  const rowKind = new Uint8Array(n);
  /** Rows whose label stands alone, nothing beside it (a section, or a metric with no values yet). */
  const bare = new Uint8Array(n);
  const labels: string[] = new Array(n);
  const colHasNumber = new Uint8Array(width);
  const oc = grid.origin.col;
  const or = grid.origin.row;
  const formulas = grid.formulas;
  let blankRun = 0;
  let lastContent = -1;

  for (let i = 0; i < n; i++) {
    const r = start + i;
    const arr = grid.values[r - or];
    const farr = formulas ? formulas[r - or] : undefined;
    let label = "";
    let labelCell: CellValue = null;
    let content = false; // anything in a table column besides the label
    let numbers = false;
    let stringsInData = 0;
    let headerMatches = 0;
    let totalBeside = false;
    if (arr) {
      const lo = left - oc;
      const hi = Math.min(right - oc, arr.length - 1);
      for (let j = lo; j <= hi; j++) {
        const v = arr[j];
        const idx = j + oc - left;
        if (j + oc === metricColumn) {
          labelCell = v === undefined ? null : v;
          if (typeof v === "string") label = v.trim();
          continue;
        }
        if (v === null || v === undefined) {
          if (farr && farr[j]) content = true;
          continue;
        }
        if (typeof v === "number") {
          content = true;
          if (isDataCol[idx]) {
            numbers = true;
            if (isValueCol[idx]) colHasNumber[idx] = 1;
          }
          continue;
        }
        if (typeof v === "string") {
          if (v.length === 0) {
            if (farr && farr[j]) content = true;
            continue;
          }
          const t = v.length < 64 ? v.trim() : v;
          if (t.length === 0) continue;
          content = true;
          if (isDataCol[idx]) stringsInData++;
          if (headerTexts[idx] !== "" && t.length === headerTexts[idx].length && t.toLowerCase() === headerTexts[idx])
            headerMatches++;
          if (j + oc <= labelAreaEnd && t.length <= 14 && isTotalLabel(t)) totalBeside = true;
          continue;
        }
        content = true; // booleans and error values
        if (isDataCol[idx]) numbers = true;
      }
    }
    labels[i] = label;
    const labelPresent = label !== "" || (labelCell !== null && typeof labelCell !== "string");
    if (!labelPresent && !content) {
      rowKind[i] = K_BLANK;
      blankRun++;
      if (blankRun >= BLANK_RUN_END && cand.tableName === null) break;
      continue;
    }
    blankRun = 0;
    lastContent = i;
    if (headerMatches >= 2 && !numbers) {
      rowKind[i] = K_HEADER;
      continue;
    }
    if (label === "") {
      rowKind[i] = labelCell !== null ? K_NOTE : K_UNLABELLED;
      continue;
    }
    // The label in lower case, and its key, made once for the label tests below.
    const lower = label.toLowerCase();
    const key = label.length <= 40 ? labelKey(lower) : "";
    if (totalBeside || (label.length <= 24 && isTotalKey(key)) || (label.length <= 80 && isAggregateCaption(lower))) {
      rowKind[i] = K_TOTAL;
      continue;
    }
    if (label.length <= 40 && isStructureKey(key)) {
      rowKind[i] = K_HEADER;
      continue;
    }
    if (label.length <= 40 && isSectionKey(key, numbers)) {
      rowKind[i] = K_SECTION;
      continue;
    }
    if (isIdLike(label)) {
      rowKind[i] = K_NOTE;
      continue;
    }
    if (isNotePrefixLower(lower) || (!numbers && looksLikeSentence(label))) {
      rowKind[i] = K_NOTE;
      continue;
    }
    if (!isNameLikeLower(label, lower)) {
      rowKind[i] = K_NOTE;
      continue;
    }
    if (!content) {
      rowKind[i] = K_SECTION_OR_METRIC;
      bare[i] = 1;
      continue;
    }
    if (
      stringsInData >= 2 &&
      !numbers &&
      kinds.length > 2 &&
      i > 0 &&
      looksLikeNewHeader(grid, r, left, right, metricColumn)
    ) {
      // A new table starts here (another header under this one): stop.
      lastContent = i - 1;
      break;
    }
    rowKind[i] = K_METRIC;
  }
  const last = lastContent; // index of the last row with content

  // Sections: a lone label followed (after blanks) by another labelled row.
  let anyData = false;
  for (let i = 0; i <= last; i++) if (rowKind[i] === K_METRIC) anyData = true;
  let nextLabelled = false; // scanning upwards: is the next non-blank row below labelled?
  for (let i = last; i >= 0; i--) {
    const k = rowKind[i];
    if (k === K_BLANK) continue;
    if (k === K_SECTION_OR_METRIC) {
      const section = anyData && nextLabelled;
      if (!section) rowKind[i] = looksLikeSentence(labels[i]) ? K_NOTE : K_METRIC;
      nextLabelled = true;
      continue;
    }
    nextLabelled = k === K_METRIC || k === K_HEADER;
  }
  // Under a heading of a text block ("PRIORITIES", "Next steps"), labels with nothing beside
  // them are its lines ("Hire VP Sales"), not metrics, until a row holds values again.
  let inText = false;
  for (let i = 0; i <= last; i++) {
    const k = rowKind[i];
    if (k === K_SECTION) inText = true;
    else if (k === K_METRIC && bare[i] === 1) {
      if (inText) rowKind[i] = K_NOTE;
    } else if (k === K_METRIC) inText = false;
  }

  // Columns.
  const valueColumns: number[] = [];
  const referenceColumns: number[] = [];
  const governance: GovernanceColumns = { owner: null, threshold: null, lever: null, governance: null };
  let strong = -1;
  let weak = -1;
  for (let i = 0; i < width; i++) {
    const c = left + i;
    const k = kinds[i];
    if (isValueCol[i]) valueColumns.push(c);
    if (k === "reference") referenceColumns.push(c);
    if ((k === "owner" || k === "threshold" || k === "lever" || k === "governance") && governance[k] === null)
      governance[k] = c;
    if (k === "current" && strong < 0) strong = c;
    if (k === "current-weak" && weak < 0) weak = c;
  }
  adoptGovernanceBeyond(grid, headerRow, left + width, region.right, governance);
  let currentColumn: number | null = null;
  let currentWhy = "";
  if (hints.currentColumn !== undefined) {
    currentColumn = hints.currentColumn;
    currentWhy = "as given";
  } else if (pairedMode) {
    let pick = paired[paired.length - 1];
    for (let j = paired.length - 1; j >= 0; j--) {
      if (colHasNumber[paired[j]]) {
        pick = paired[j];
        break;
      }
    }
    currentColumn = left + pick;
    currentWhy = "latest period with data";
  } else if (strong >= 0) {
    currentColumn = strong;
    currentWhy = "designated";
  } else {
    for (let i = width - 1; i >= 0; i--) {
      if (kinds[i] === "period" && colHasNumber[i]) {
        currentColumn = left + i;
        currentWhy = "latest period with data";
        break;
      }
    }
    if (currentColumn === null && weak >= 0) {
      currentColumn = weak;
      currentWhy = "designated";
    }
  }

  // Last column: the header or sampled body content reaches it.
  const lastColumn = right;
  const headers: string[] = [];
  for (let c = 0; c <= lastColumn; c++) {
    const own = c >= region.left && c <= region.right ? cellAt(grid, headerRow, c) : null;
    // A header merged down from the row above ("Unit" over both rows) reads as its text.
    const v =
      own === null && c >= left && c <= right && classes[c - region.left].text !== ""
        ? classes[c - region.left].text
        : own;
    headers.push(
      typeof v === "string"
        ? v.trim()
        : v === null
          ? ""
          : typeof v === "number"
            ? String(v)
            : isCellError(v)
              ? v.error
              : String(v),
    );
  }
  // A two-row header's columns read with their period ("Mar 2024 Actual").
  let measureMajor = false;
  for (let i = 0; i < width; i++) {
    if (periods.fromAboveAt[i] && periods.text[i]) headers[left + i] = `${periods.text[i]} ${headers[left + i]}`;
    const cls = classes[left + i - region.left];
    if (cls.measure !== undefined && left + i !== metricColumn) {
      headers[left + i] = cls.text;
      measureMajor = true;
    }
  }
  // A total's pair ("Total" over "Actual | Target") reads with its caption too.
  if (periods.fromAbove) {
    for (const c of aggregates) {
      if (periods.fromAboveAt[c - left]) continue;
      const above = captionAbove(grid, headerRow - 1, c, left);
      if (above !== "" && !headers[c].toLowerCase().includes(above.toLowerCase()))
        headers[c] = `${above} ${headers[c]}`;
    }
  }

  // Metrics and skipped rows.
  const metrics: MetricRow[] = [];
  const skipped: SkippedRow[] = [];
  for (let r = region.top; r < headerRow; r++) {
    const arr = rowArray(grid, r);
    if (!arr) continue;
    for (let j = left - oc; j < arr.length && j <= right - oc; j++) {
      const v = arr[j];
      if (v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "")) {
        skipped.push({
          row: r,
          kind: (periods.fromAbove || measureMajor) && r === headerRow - 1 ? "header" : "title",
        });
        break;
      }
    }
  }
  const fmtCol = currentColumn ?? (valueColumns.length > 0 ? valueColumns[valueColumns.length - 1] : null);
  let unitCol = -1;
  let directionCol = -1;
  for (let i = 0; i < width; i++) {
    if (kinds[i] === "unit" && unitCol < 0) unitCol = left + i;
    if (kinds[i] === "direction" && directionCol < 0) directionCol = left + i;
  }
  // The header's text per column as a person reads it: "Mar 2024 Actual" in a two-row
  // header, "Dec 2024" for a date, the column when the header is an uncalculated formula.
  const periodLabels: string[] = new Array(width).fill("");
  let labelled = false;
  for (let i = 0; i < width; i++) {
    if (!isValueCol[i] && kinds[i] !== "reference") continue;
    const own = classes[left + i - region.left];
    if (own.uncached) {
      periodLabels[i] = `column ${columnLetter(left + i)} (its header is a formula with no saved result)`;
      labelled = true;
    } else if (own.measure !== undefined) {
      periodLabels[i] = own.text;
      labelled = true;
    } else if (periods.text[i] && periods.fromAboveAt[i]) {
      periodLabels[i] = `${periods.text[i]} ${own.text}`;
      labelled = true;
    } else if (typeof cellAt(grid, headerRow, left + i) === "number" && periods.text[i]) {
      periodLabels[i] = periods.text[i]!;
      labelled = true;
    }
  }
  // A unit the header states for every metric ("Actual ($M)"), when the current column has one.
  const headerUnit =
    fmtCol !== null && fmtCol >= left && fmtCol <= right
      ? unitLabelFrom(classes[fmtCol - region.left].text, true)
      : null;
  // One Target column beside one current column (KPI | Actual | Target): its value is a hint.
  let singleTarget = -1;
  if (!pairedMode) {
    let bestRank = Infinity;
    let count = 0;
    for (const c of referenceColumns) {
      if (c < left || c > right) continue;
      const rank = TARGET_RANK(normalizeHeader(headerTexts[c - left]));
      if (rank === null || rank > bestRank) continue;
      if (rank < bestRank) {
        bestRank = rank;
        count = 0;
        singleTarget = c;
      }
      count++;
    }
    // Beside months with no Actual column, one Target column may be the month's or the year's:
    // it is offered as a suggestion by its column (suggest.ts), not taken as the month's target.
    if (count !== 1 || strong < 0) singleTarget = -1;
  }
  const currentHeaderPercent =
    fmtCol !== null && fmtCol >= left && fmtCol <= right ? classes[fmtCol - region.left].percent : false;
  const hasFormats = grid.numberFormats !== undefined;
  let firstMetricRow = -1;
  let lastBodyRow = headerRow;
  const counts: Record<string, number> = {};
  for (let i = 0; i <= last; i++) {
    const r = start + i;
    const k = rowKind[i];
    lastBodyRow = r;
    if (k === K_METRIC) {
      if (firstMetricRow < 0) firstMetricRow = r;
      const name = labels[i];
      const unitLabel =
        (unitCol >= 0 ? unitLabelFrom(textOf(cellAt(grid, r, unitCol)), false) : null) ??
        unitLabelFrom(name, true) ??
        trailingUnitLabel(name) ??
        headerUnit;
      const percentLabel = unitLabel !== null && /%|percent|pct/i.test(unitLabel);
      const metric: MetricRow = {
        row: r,
        name,
        unit: unitOf(grid, r, name, fmtCol, valueColumns, hasFormats, currentHeaderPercent || percentLabel),
      };
      if (unitLabel !== null) metric.unitLabel = unitLabel;
      if (directionCol >= 0) {
        const d = directionFromText(textOf(cellAt(grid, r, directionCol)));
        if (d !== null) metric.direction = d;
      }
      if (hints.currentColumn === undefined && (pairedMode || labelled)) {
        const at = currentCellOf(grid, r, currentColumn, valueColumns);
        if (at !== null) {
          metric.current = at;
          metric.currentPeriod = periodLabels[at.col - left] || (headers[at.col] ?? "");
          if (pairedMode) {
            const t = targetFor(grid, r, at.col - left, periods.text, kinds, headerTexts, left);
            if (t !== null) metric.target = t;
          }
        }
      } else if (singleTarget >= 0) {
        const v = cellAt(grid, r, singleTarget);
        if (isNumber(v)) metric.target = v;
      }
      metrics.push(metric);
      continue;
    }
    const kind: SkippedRowKind = k === K_SECTION_OR_METRIC ? "section" : KIND_NAMES[k];
    skipped.push({ row: r, kind });
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  if (cand.hasTotalsRow && cand.tableBottom !== null && cand.tableBottom > lastBodyRow) {
    skipped.push({ row: cand.tableBottom, kind: "total" });
    counts.total = (counts.total ?? 0) + 1;
  }

  const notes = describe(
    cand,
    valueColumns,
    referenceColumns,
    governance,
    currentColumn,
    currentWhy,
    kinds,
    metrics.length,
    counts,
  );
  if (measureMajor) {
    const measures = [...new Set(classes.filter((c) => c.measure !== undefined).map((c) => c.measure))].join(" / ");
    notes.push(`Two-row header: ${measures} in row ${headerRow} over periods in row ${headerRow + 1}`);
  }
  if (periods.fromAbove) {
    const measures = [...new Set(paired.map((i) => classes[left + i - region.left].text))].join(" / ");
    notes.push(`Two-row header: periods in row ${headerRow} over ${measures || "values"} in row ${headerRow + 1}`);
  }
  if (aggregates.length > 0) {
    const named = aggregates
      .map((c) => `${columnLetter(c)} (${headers[c] || classes[c - region.left].text})`)
      .join(", ");
    notes.push(
      aggregates.length === 1
        ? `Column ${named} is a total, never the current period`
        : `Columns ${named} are totals, never the current period`,
    );
  }
  if (unitCol >= 0) notes.push(`Units in column ${columnLetter(unitCol)}`);
  if (directionCol >= 0) notes.push(`Directions in column ${columnLetter(directionCol)}`);
  const uncached = [];
  for (let i = 0; i < width; i++) if (classes[left + i - region.left].uncached) uncached.push(left + i);
  if (uncached.length > 0)
    notes.push(
      `Header ${uncached.length === 1 ? "cell" : "cells"} ${span(uncached.map((c) => c))} in row ${headerRow + 1} ${uncached.length === 1 ? "is a formula" : "are formulas"} with no saved result: the periods are read by position; open and save the workbook in Excel to store them`,
    );
  let confidence = 0.35;
  if (valueColumns.length > 0) confidence += 0.2;
  if (currentColumn !== null) confidence += 0.1;
  if (
    referenceColumns.length > 0 ||
    governance.owner !== null ||
    governance.threshold !== null ||
    governance.lever !== null
  )
    confidence += 0.1;
  if (isLabelHeader(headers[metricColumn] ?? "") || cand.tableName !== null) confidence += 0.1;
  if (cand.sampleMetrics > 0 && cand.sampleDataRows / cand.sampleMetrics >= 0.5) confidence += 0.15;
  if (metrics.length === 0) confidence = Math.min(confidence, 0.2);
  // Names that repeat row after row ("Sales" for AZ, NY, TX…) are one metric per slice or
  // period, not many metrics of one name: a reading the long layout reader makes better.
  const repeats = repeatedNames(metrics);
  if (repeats > 0 && repeats * 4 >= metrics.length) {
    confidence = Math.min(confidence, 0.6);
    notes.push(`Metric names repeat: ${metrics.length} rows share ${metrics.length - repeats} names`);
  }
  if (hints.headerRow !== undefined || hints.metricColumn !== undefined) confidence = Math.max(confidence, 0.9);

  return {
    sheetName: grid.sheetName,
    orientation: "rows",
    headerRow,
    headers,
    metricColumn,
    valueColumns,
    currentColumn,
    referenceColumns,
    governance,
    firstRow: start,
    lastRow: Math.max(start, lastBodyRow),
    lastColumn,
    metrics,
    skipped,
    tableName: cand.tableName,
    confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
    notes,
  };
}

/** The caption over a column in the row above a header: its own, its merge's, or its left neighbour's (a pair). */
function captionAbove(grid: Grid, row: number, col: number, left: number): string {
  for (let c = col; c >= Math.max(left, col - 1); c--) {
    const merged = mergeAt(grid, row, c);
    const v = merged ? cellAt(grid, merged.top, merged.left) : cellAt(grid, row, c);
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    if (v !== null) return "";
  }
  return "";
}

interface ColumnPeriods {
  /** Per table column: the period it is for, as a person reads it ("Q3", "Mar 2024"), or null. */
  text: (string | null)[];
  /** Per table column: how long its period is (periodRank), or null. */
  rank: (number | null)[];
  /** Per table column: the period came from the row above the header (a two-row header). */
  fromAboveAt: boolean[];
  fromAbove: boolean;
}

/**
 * A header cell's period as text: a period typed as text, a date as its format shows it, a
 * year; "set" / "out" when `amongMonths` (the row names other months).
 */
function periodTextAt(grid: Grid, row: number, col: number, amongMonths = false): string | null {
  let r = row;
  let c = col;
  for (const m of grid.merges) {
    if (m.top <= row && row <= m.bottom && m.left <= col && col <= m.right) {
      r = m.top;
      c = m.left;
      break;
    }
  }
  const v = cellAt(grid, r, c);
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return null;
    if (amongMonths && isAmbiguousMonth(t)) return t;
    return isPeriodText(t) ? t : periodPart(t);
  }
  if (isNumber(v)) return numericPeriod(grid, r, c, v);
  return null;
}

/** A number in a header as the period it names: a date (by its format, else "mmm yyyy") or a year. */
function numericPeriod(grid: Grid, row: number, col: number, v: number): string | null {
  const fmt = numberFormatAt(grid, row, col);
  if (isDateFormat(fmt)) return formatCellValue(v, fmt);
  if (Number.isInteger(v) && v >= 1900 && v <= 2100) return String(v);
  if (Number.isInteger(v) && v > 20000 && v < 80000) return formatCellValue(v, "mmm yyyy");
  return null;
}

/**
 * Each value and reference column's period: its own header's ("Q3 Actual" → Q3, "Jan"), or
 * in a two-row header the period written above it (a period over "Actual | Target", the
 * period cell merged across the pair or written once over its first column).
 */
function columnPeriods(grid: Grid, cand: Candidate, kinds: HeaderKind[]): ColumnPeriods {
  const { headerRow, left, region } = cand;
  const width = kinds.length;
  const out: ColumnPeriods = {
    text: new Array(width).fill(null),
    rank: new Array(width).fill(null),
    fromAboveAt: new Array(width).fill(false),
    fromAbove: false,
  };
  // An Excel table's header is one row: the periods over it sit in the row above the table.
  const top = cand.tableName !== null ? grid.origin.row : region.top;
  const above = headerRow - 1 >= top ? headerRow - 1 : -1;
  let amongMonths = false;
  for (let i = 0; i < width && above >= 0 && !amongMonths; i++) {
    const t = periodTextAt(grid, above, left + i);
    if (t !== null && /\p{L}/u.test(t) && periodRank(t) === 1) amongMonths = true;
  }
  let carry: string | null = null;
  for (let i = 0; i < width; i++) {
    const c = left + i;
    const k = kinds[i];
    if (k !== "current" && k !== "reference" && k !== "period" && k !== "current-weak") {
      carry = null;
      continue;
    }
    const cls = cand.classes[c - region.left];
    const v = cellAt(grid, headerRow, c);
    if (k === "period") {
      if (cls.uncached) {
        out.rank[i] = 1;
        continue;
      }
      const t = isNumber(v) ? numericPeriod(grid, headerRow, c, v) : cls.text;
      out.text[i] = t;
      out.rank[i] = isNumber(v) ? (Number.isInteger(v) && v >= 1900 && v <= 2100 ? 4 : 1) : periodRank(cls.text);
      continue;
    }
    const own = periodPart(cls.text);
    if (own !== null) {
      out.text[i] = own;
      out.rank[i] = periodRank(own);
      continue;
    }
    if (above < 0 || k === "current-weak") continue;
    const t = periodTextAt(grid, above, c, amongMonths);
    if (t !== null) {
      carry = t;
    } else {
      const a = cellAt(grid, above, c);
      if (!(a === null || (typeof a === "string" && a.trim() === ""))) carry = null;
    }
    if (carry === null) continue;
    out.text[i] = carry;
    const n = cellAt(grid, above, c);
    out.rank[i] =
      isNumber(n) && Number.isInteger(n) && n >= 1900 && n <= 2100 ? 4 : isNumber(n) ? 1 : periodRank(carry);
    out.fromAboveAt[i] = true;
    out.fromAbove = true;
  }
  // One period over one column is a title, not a two-row header: two or more Actual / Target
  // columns under periods make one.
  let under = 0;
  for (let i = 0; i < width; i++) if (out.fromAboveAt[i]) under++;
  if (under < 2) {
    for (let i = 0; i < width; i++) {
      if (!out.fromAboveAt[i]) continue;
      out.text[i] = null;
      out.rank[i] = null;
      out.fromAboveAt[i] = false;
    }
    out.fromAbove = false;
  }
  return out;
}

/**
 * How good a reference header is as the target of an Actual: 0 for target / goal / objective
 * words, 1 for plan / budget, 2 for forecast; null for anything else (variance, prior year).
 */
const TARGET_WORDS = new Set([
  "target",
  "targets",
  "tgt",
  "goal",
  "goals",
  "objective",
  "quota",
  "objectif",
  "objectifs",
  "cible",
  "soll",
  "ziel",
  "meta",
  "metas",
  "objetivo",
  "obiettivo",
  "doel",
  "sasaran",
]);
const PLAN_WORDS = new Set([
  "plan",
  "planned",
  "budget",
  "bud",
  "bgt",
  "budgété",
  "planwert",
  "presupuesto",
  "presupuestado",
  "previsto",
  "orçamento",
  "orcamento",
  "orçado",
  "orcado",
  "ppto",
  "budgetiert",
  "begroting",
  "rencana",
  "anggaran",
]);
const FORECAST_WORDS = new Set([
  "forecast",
  "fcst",
  "fc",
  "prévision",
  "prévisions",
  "prevision",
  "previsión",
  "prognose",
]);
function TARGET_RANK(norm: string): number | null {
  const ws = norm
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "")
    .map(withoutCopyNumber);
  if (ws.some((w) => w === "vs" || w === "var" || w === "variance" || w === "diff" || w === "gap" || w === "δ"))
    return null;
  if (ws.some((w) => TARGET_WORDS.has(w))) return 0;
  if (ws.some((w) => PLAN_WORDS.has(w))) return 1;
  if (ws.some((w) => FORECAST_WORDS.has(w))) return 2;
  return null;
}

/** A metric's current value cell: the current column when it holds a number, else its latest value. */
function currentCellOf(grid: Grid, row: number, currentColumn: number | null, valueColumns: number[]): CellRef | null {
  if (currentColumn !== null && isNumber(cellAt(grid, row, currentColumn))) return { row, col: currentColumn };
  for (let i = valueColumns.length - 1; i >= 0; i--)
    if (isNumber(cellAt(grid, row, valueColumns[i]))) return { row, col: valueColumns[i] };
  return null;
}

/** The metric's target for the period of table column `index`: the best target word of that period. */
function targetFor(
  grid: Grid,
  row: number,
  index: number,
  periods: (string | null)[],
  kinds: HeaderKind[],
  headerTexts: string[],
  left: number,
): number | null {
  const period = periods[index];
  if (!period) return null;
  let best: number | null = null;
  let bestRank = Infinity;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== "reference" || periods[i] !== period) continue;
    const rank = TARGET_RANK(normalizeHeader(headerTexts[i]));
    if (rank === null || rank >= bestRank) continue;
    const v = cellAt(grid, row, left + i);
    if (!isNumber(v)) continue;
    best = v;
    bestRank = rank;
  }
  return best;
}

/**
 * How many metrics repeat an earlier metric's name (without case), exact when at least a
 * quarter do; the count stops once so many can no longer be reached.
 */
function repeatedNames(metrics: MetricRow[]): number {
  const n = metrics.length;
  const need = Math.ceil(n / 4);
  // A first count on 32-bit hashes of the lower-case names, in a typed table, allocates no
  // string per name: names that differ may share a hash, never the other way round, so it
  // counts at least every repeat, and when even that is short of a quarter the answer is known.
  if (n >= 64) {
    const upper = hashRepeats(metrics);
    if (upper < need) return upper;
  }
  const seen = new Set<string>();
  let repeats = 0;
  for (let i = 0; i < n; i++) {
    const size = seen.size;
    seen.add(metrics[i].name.toLowerCase());
    if (seen.size === size) repeats++;
    else if (repeats + (n - i - 1) < need) break;
  }
  return repeats;
}

/** How many names hash like an earlier one (without case): at least the number of repeated names. */
function hashRepeats(metrics: MetricRow[]): number {
  let size = 1;
  while (size < metrics.length * 2) size *= 2;
  const mask = size - 1;
  // Slot value: hash + 1 (0 is empty); hashes are kept 31-bit so +1 stays positive.
  const table = new Int32Array(size);
  let repeats = 0;
  for (const m of metrics) {
    const h = lowerHash(m.name);
    const stored = h + 1;
    let slot = h & mask;
    for (;;) {
      const v = table[slot];
      if (v === 0) {
        table[slot] = stored;
        break;
      }
      if (v === stored) {
        repeats++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return repeats;
}

/** A 31-bit FNV-1a hash of `name.toLowerCase()` (ASCII folded in place; other names are lowered first). */
function lowerHash(name: string): number {
  let text = name;
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) > 127) {
      text = name.toLowerCase();
      break;
    }
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h & 0x7fffffff;
}

/** A row of header words under the header: the start of another table. */
function looksLikeNewHeader(grid: Grid, row: number, left: number, right: number, metricColumn: number): boolean {
  let headerish = 0;
  for (let c = left; c <= right; c++) {
    if (c === metricColumn) continue;
    const v = cellAt(grid, row, c);
    if (typeof v !== "string" || v.trim() === "") continue;
    const k = classifyHeader(v, false).kind;
    if (k !== "other" && k !== "blank" && k !== "label") headerish++;
  }
  return headerish >= 2;
}

function unitOf(
  grid: Grid,
  row: number,
  name: string,
  fmtCol: number | null,
  valueColumns: number[],
  hasFormats: boolean,
  headerPercent: boolean,
): MetricRow["unit"] {
  if (hasFormats && fmtCol !== null) {
    const v = cellAt(grid, row, fmtCol);
    if (isPercentFormat(numberFormatAt(grid, row, fmtCol))) return "percent-fraction";
    if (!isNumber(v)) {
      for (let i = valueColumns.length - 1; i >= 0; i--) {
        const c = valueColumns[i];
        if (isNumber(cellAt(grid, row, c))) {
          if (isPercentFormat(numberFormatAt(grid, row, c))) return "percent-fraction";
          break;
        }
      }
    }
  }
  if (headerPercent || name.includes("%")) {
    // A "%" in the name with a General format usually means points (3 for 3%), but data-frame
    // exports write fractions (0.08 for 8%) under a "%" name: when every number in the row is
    // a fraction with at least one non-integer, read them as fractions.
    return percentStorage(valueColumns.map((c) => cellAt(grid, row, c)));
  }
  return "number";
}

function span(cols: number[]): string {
  if (cols.length === 0) return "";
  const first = cols[0];
  const last = cols[cols.length - 1];
  const contiguous = last - first + 1 === cols.length;
  if (cols.length === 1) return columnLetter(first);
  return contiguous ? `${columnLetter(first)}:${columnLetter(last)}` : cols.map(columnLetter).join(", ");
}

function describe(
  cand: Candidate,
  valueColumns: number[],
  referenceColumns: number[],
  governance: GovernanceColumns,
  currentColumn: number | null,
  currentWhy: string,
  kinds: HeaderKind[],
  metricCount: number,
  counts: Record<string, number>,
): string[] {
  const notes: string[] = [];
  const header = (c: number) => cand.classes[c - cand.region.left]?.text ?? "";
  notes.push(`Header in row ${cand.headerRow + 1}`);
  if (cand.tableName) notes.push(`Excel table '${cand.tableName}'`);
  notes.push(
    `Metric names in column ${columnLetter(cand.metricColumn)}; ${metricCount} metric${metricCount === 1 ? "" : "s"}`,
  );
  const periods = valueColumns.filter((c) => kinds[c - cand.left] === "period");
  const months = periods.filter((c) => /^[a-z]{3}/i.test(header(c)) && isPeriodText(header(c)));
  const what = periods.length === 0 ? "Values" : months.length === periods.length ? "Months" : "Periods";
  let line = valueColumns.length > 0 ? `${what} across ${span(valueColumns)}` : "No period or value columns";
  if (currentColumn !== null) {
    line += `; current value in ${columnLetter(currentColumn)}`;
    const h = currentColumn >= cand.region.left && currentColumn <= cand.region.right ? header(currentColumn) : "";
    if (h) line += ` (${h})`;
    if (currentWhy === "latest period with data") line += ", the latest period with data";
  } else {
    line += "; no current-value column";
  }
  notes.push(line);
  if (referenceColumns.length > 0) {
    notes.push(`Reference columns: ${referenceColumns.map((c) => `${columnLetter(c)} (${header(c)})`).join(", ")}`);
  }
  const gov = (["owner", "threshold", "lever", "governance"] as const).filter((k) => governance[k] !== null);
  if (gov.length > 0) {
    notes.push(`Existing ${gov.map((k) => `${k} column ${columnLetter(governance[k]!)}`).join(", ")}`);
  }
  const parts = Object.keys(counts)
    .filter((k) => k !== "blank")
    .map((k) => `${counts[k]} ${k} row${counts[k] === 1 ? "" : "s"}`);
  if (parts.length > 0) notes.push(`Skipped ${parts.join(", ")}`);
  return notes;
}

/**
 * Governance columns written past a gap (a spacer, a chart, a column of the person's that
 * placement moved past) still belong to the table. Along the header row to the right: the
 * first 'Governance' header, with the governance headers right before it, is this table's;
 * when the table already has its Governance column, the first run of the still-missing
 * Owner / Threshold / Lever headers, in that order, is. Requiring one of these shapes keeps
 * another table's lone "Owner" column from being taken.
 */
export function adoptGovernanceBeyond(
  grid: Grid,
  headerRow: number,
  from: number,
  to: number,
  governance: GovernanceColumns,
): void {
  const row = rowArray(grid, headerRow);
  if (!row) return;
  const oc = grid.origin.col;
  const kindAt = (c: number) => {
    const v = row[c - oc];
    return typeof v === "string" && v.length < 64 ? governanceKindOf(v) : null;
  };
  const end = Math.min(to, oc + row.length - 1);
  if (governance.governance === null) {
    for (let c = Math.max(from, oc); c <= end; c++) {
      if (kindAt(c) !== "governance") continue;
      governance.governance = c;
      for (let b = c - 1; b >= from; b--) {
        const k = kindAt(b);
        if (k === null || k === "governance" || governance[k] !== null) break;
        governance[k] = b;
      }
      return;
    }
    return;
  }
  const missing = (["owner", "threshold", "lever"] as const).filter((k) => governance[k] === null);
  if (missing.length === 0) return;
  for (let c = Math.max(from, oc); c <= end; c++) {
    if (kindAt(c) === null) continue;
    if (missing.every((k, i) => kindAt(c + i) === k)) missing.forEach((k, i) => (governance[k] = c + i));
    return;
  }
}
