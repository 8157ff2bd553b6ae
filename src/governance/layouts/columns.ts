/**
 * The columns layout reader: one metric per column, periods down the rows. A header row of
 * metric names ("MRR ($) | Churn | NPS") sits above a period axis column (dates, "Jan-24",
 * weekly dates, sprint numbers, quarters); each metric's values run down its column, oldest
 * first, and its current value is its latest number in a period row.
 *
 * Judgement calls:
 * - Axis columns (Month, Quarter, Date, Week, Sprint), text or ID columns, totals and
 *   unpaired Target / Plan / Forecast columns are not metrics. "X Target" (Goal, Plan,
 *   Budget) beside a metric X is X's target: its value in X's current row is a threshold hint.
 * - A row whose axis cell is empty but holds values is history without a period (it is read,
 *   never current). A row whose axis cell is a total, an average, YTD or full year, or any
 *   text that is no period, ends the data: rows under the data are not data.
 * - Our own side table (Metric | Owner | Threshold | Lever | Governance, beside the data) ends
 *   the header and gives each metric its row and its answer cells; it is never read as data.
 */
import {
  cellAt,
  cellText,
  columnLetter,
  gridColumnEnd,
  gridRowEnd,
  isCellError,
  isEmptyValue,
  isFormulaAt,
  numberFormatAt,
  type Grid,
} from "../grid";
import {
  classifyHeader,
  governanceKindOf,
  isDateFormat,
  isPercentFormat,
  isPeriodText,
  isTotalLabel,
  normalizeHeader,
} from "../headers";
import { metricKey } from "../audit";
import type { CellRef, DetectHints, KpiTable, MetricRow } from "../types";
import { clampRegion, isNumber, percentStorage, type Region } from "./region";
import { axisKind, isNameLike } from "./rows";
import type { LayoutReader } from "./types";

/** How many rows from the top are tried as header rows. */
const HEADER_SCAN_ROWS = 60;
/** How many rows under a header are sampled to tell the axis. */
const SAMPLE_ROWS = 80;
/** This many blank rows in a row end the data. */
const BLANK_RUN_END = 3;
/** This many empty columns in a row end the header. */
const BLANK_COLUMNS_END = 3;
/** The axis is one of the first few columns. */
const AXIS_SEARCH = 6;

/** The side table's header, as Decision Map writes it. */
export const SIDE_TABLE_HEADER = ["Metric", "Owner", "Threshold", "Lever", "Governance"] as const;

type Axis = "dates" | "months" | "sprint numbers" | "numbers" | "periods";

/** "Year ICI Target", "CV goal", "Target: NPS" → the metric it belongs to ("Year ICI", "CV", "NPS"). */
const TARGET_SUFFIX = /^(.*?\S)[\s_\-:–]*(?:targets?|tgt|goals?|plan|budget|objective|quota)$/i;
const TARGET_PREFIX = /^(?:targets?|tgt|goals?|plan|budget|objective|quota)[\s_\-:–]+(\S.*)$/i;

/** A unit stated in brackets at the end of a header: "MRR ($)", "Rate (%)", "Time [days]". */
const UNIT_IN_HEADER =
  /[([]\s*((?:[$€£¥]\s?[kmb]?n?)|%|#|k|m|bn|x|days?|hours?|hrs?|mins?|minutes?|weeks?|months?|mo|pts|points|thousands?|millions?)\s*[)\]]\s*$/i;

/** Whether the cell holds anything: a value or a formula (even one showing nothing). */
function filled(grid: Grid, row: number, col: number): boolean {
  return !isEmptyValue(cellAt(grid, row, col)) || isFormulaAt(grid, row, col);
}

/** Whether the cell holds a value of a metric: a number, an error, or a formula not yet computed. */
function holdsValue(grid: Grid, row: number, col: number): boolean {
  const v = cellAt(grid, row, col);
  return isNumber(v) || isCellError(v) || (isEmptyValue(v) && isFormulaAt(grid, row, col));
}

/** A date serial as "2019-10-14". */
function isoDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Axis cells that sum up periods rather than name one: never data, never current. */
function isSummaryPeriod(text: string): boolean {
  const t = normalizeHeader(text);
  return (
    isTotalLabel(t) ||
    /^(?:annual|full year|fy|ytd|qtd|mtd|year to date|total.*|average.*|avg.*|mean|median|sum|overall)$/.test(t)
  );
}

/**
 * The period an axis cell names, as the sheet shows it ("Dec-24", "2019-10-14", "66"), "" when
 * the cell is empty, or null when it holds something that is no period (a total, a note).
 */
function periodText(grid: Grid, row: number, col: number, axis: Axis): string | null {
  const v = cellAt(grid, row, col);
  if (isEmptyValue(v)) return "";
  if (typeof v === "number") {
    if (isDateFormat(numberFormatAt(grid, row, col))) return isoDate(v);
    if (axis === "dates" && v > 20000 && v < 80000 && Number.isInteger(v)) return isoDate(v);
    if (Number.isInteger(v)) return String(v);
    return null;
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (isSummaryPeriod(t)) return null;
    if (isPeriodText(t)) return t;
    // "Sprint 66", "Week 3 2024": isPeriodText already; "2024-01-14 00:00:00" too.
    return null;
  }
  return null;
}

/** The axis column: the first of the leftmost columns whose cells read as periods. */
function findAxis(grid: Grid, headerRow: number, region: Region, end: number): { col: number; axis: Axis } | null {
  for (let c = region.left; c <= region.right && c < region.left + AXIS_SEARCH; c++) {
    const header = cellAt(grid, headerRow, c);
    const cls = classifyHeader(header, typeof header === "number" && isDateFormat(numberFormatAt(grid, headerRow, c)));
    if (cls.kind === "label") return null; // "Metric | Jan | Feb": one metric per row
    const a = axisKind(grid, headerRow, c, end);
    if (a !== null && (a !== "numbers" || cls.kind === "axis" || cls.kind === "blank")) {
      // "Sr no | Month": a running number beside the dates; the dates are what a person reads.
      if (a === "numbers" || a === "sprint numbers") {
        const b = c + 1 <= region.right ? axisKind(grid, headerRow, c + 1, end) : null;
        if (b === "dates" || b === "months" || b === "periods") return { col: c + 1, axis: b };
      }
      return { col: c, axis: a };
    }
    if (cls.kind !== "blank" && cls.kind !== "axis") {
      // A named column that is not an axis: only a label column may come before it.
      const first = cellText(cellAt(grid, headerRow + 1, c)).trim();
      if (first !== "" && isNameLike(first)) return null;
    }
  }
  return null;
}

interface Layout {
  axisCol: number;
  axis: Axis;
  /** Rows holding data, top to bottom, with their period ("" when the row names none). */
  rows: { row: number; period: string }[];
  lastRow: number;
}

/** The data rows under the header: down to the last period row, stopping at a summary or note. */
function dataRows(grid: Grid, headerRow: number, region: Region, axisCol: number, axis: Axis): Layout | null {
  const rows: { row: number; period: string }[] = [];
  let blanks = 0;
  for (let r = headerRow + 1; r <= region.bottom; r++) {
    let any = false;
    for (let c = region.left; c <= region.right && !any; c++) if (filled(grid, r, c)) any = true;
    if (!any) {
      if (++blanks >= BLANK_RUN_END) break;
      continue;
    }
    blanks = 0;
    const period = periodText(grid, r, axisCol, axis);
    if (period === null) break; // a total, an average or a note: the data ended above
    rows.push({ row: r, period });
  }
  // Rows after the last period row (values with no period, at the end) are not data.
  let last = rows.length - 1;
  while (last >= 0 && rows[last].period === "") last--;
  const kept = rows.slice(0, last + 1);
  if (kept.filter((x) => x.period !== "").length < 2) return null;
  return { axisCol, axis, rows: kept, lastRow: kept[kept.length - 1].row };
}

/** Where our side table's header stands in the header row (its Metric column), or null. */
export function findSideTable(grid: Grid, headerRow: number, from: number): number | null {
  const end = gridColumnEnd(grid);
  for (let c = from; c + SIDE_TABLE_HEADER.length - 1 < end; c++) {
    if (normalizeHeader(cellText(cellAt(grid, headerRow, c))) !== "metric") continue;
    const kinds = SIDE_TABLE_HEADER.slice(1).map((_, i) =>
      governanceKindOf(cellText(cellAt(grid, headerRow, c + 1 + i))),
    );
    if (kinds.join() === "owner,threshold,lever,governance") return c;
  }
  return null;
}

/** The rows of a side table under its header: metric name per row, down to the first empty name. */
export function sideTableRows(grid: Grid, headerRow: number, metricCol: number): { row: number; name: string }[] {
  const out: { row: number; name: string }[] = [];
  for (let r = headerRow + 1; r < gridRowEnd(grid); r++) {
    const name = cellText(cellAt(grid, r, metricCol)).trim();
    if (name === "") break;
    out.push({ row: r, name });
  }
  return out;
}

function unitOf(grid: Grid, name: string, cells: CellRef[], current: CellRef | null): MetricRow["unit"] {
  const fmtCell = current ?? cells.find((c) => isNumber(cellAt(grid, c.row, c.col))) ?? null;
  if (fmtCell && isPercentFormat(numberFormatAt(grid, fmtCell.row, fmtCell.col))) return "percent-fraction";
  if (name.includes("%")) {
    return percentStorage(cells.map((c) => cellAt(grid, c.row, c.col)));
  }
  return "number";
}

/** The base metric name a target header belongs to, or null when it names no target. */
function targetOf(header: string): string | null {
  const t = header.trim();
  const m = TARGET_SUFFIX.exec(t) ?? TARGET_PREFIX.exec(t);
  return m ? m[1].trim() : null;
}

/** Reads one candidate header row; null when it is not a columns table. */
function readAt(grid: Grid, headerRow: number, region: Region, tableName: string | null): KpiTable | null {
  const end = Math.min(region.bottom, headerRow + SAMPLE_ROWS);
  if (end <= headerRow) return null;
  const found = findAxis(grid, headerRow, region, end);
  if (found === null) return null;
  const layout = dataRows(grid, headerRow, region, found.col, found.axis);
  if (layout === null) return null;
  const { axisCol, axis } = layout;
  const periodRows = layout.rows.filter((x) => x.period !== "");

  interface Col {
    col: number;
    name: string;
  }
  const metrics: Col[] = [];
  const references: Col[] = [];
  let gap = 0;
  let lastColumn = axisCol;
  let sideTable: number | null = null;
  for (let c = axisCol + 1; c <= region.right; c++) {
    const header = cellAt(grid, headerRow, c);
    const text = cellText(header).trim();
    const cls = classifyHeader(header, typeof header === "number" && isDateFormat(numberFormatAt(grid, headerRow, c)));
    const body = layout.rows.some((x) => filled(grid, x.row, c));
    if (cls.kind === "blank") {
      if (body) continue; // values without a name: nothing to call them
      if (++gap >= BLANK_COLUMNS_END) break;
      continue;
    }
    gap = 0;
    if (cls.kind === "label" && findSideTable(grid, headerRow, c) === c) {
      sideTable = c;
      break;
    }
    if (cls.kind === "owner" || cls.kind === "threshold" || cls.kind === "lever" || cls.kind === "governance") break;
    if (cls.kind === "label") break;
    const axisLike =
      cls.kind === "axis" ||
      (() => {
        const a = axisKind(grid, headerRow, c, end);
        return a === "dates" || a === "months" || a === "periods";
      })();
    if (axisLike) {
      if (metrics.length > 0) break; // another table's axis
      continue; // "Month | Quarter": a second axis
    }
    if (!body) continue;
    if (cls.kind === "total" || cls.kind === "current-weak" || cls.kind === "period") continue;
    if (cls.kind === "reference") {
      references.push({ col: c, name: text });
      lastColumn = c;
      continue;
    }
    if (!isNameLike(text) || text.length > 60) continue;
    // A text or ID column, or a column of dates, holds no metric.
    let numbers = 0;
    let strings = 0;
    let dates = 0;
    for (const x of layout.rows) {
      const v = cellAt(grid, x.row, c);
      if (holdsValue(grid, x.row, c)) {
        numbers++;
        if (isNumber(v) && isDateFormat(numberFormatAt(grid, x.row, c))) dates++;
      } else if (typeof v === "string" && v.trim() !== "") strings++;
    }
    if (numbers === 0 || strings > numbers || dates * 2 > numbers) continue;
    metrics.push({ col: c, name: text });
    lastColumn = c;
  }
  if (metrics.length === 0) return null;

  // Targets: "X Target" beside X.
  const targetCol = new Map<number, number>();
  for (const ref of references) {
    const base = targetOf(ref.name);
    if (base === null) continue;
    const key = metricKey(base);
    const m = metrics.find((x) => metricKey(x.name) === key && !targetCol.has(x.col));
    if (m) targetCol.set(m.col, ref.col);
  }

  const rows: MetricRow[] = metrics.map((m) => {
    const values = layout.rows.map((x) => ({ row: x.row, col: m.col }));
    let current: CellRef | null = null;
    let currentPeriod: string | undefined;
    for (let i = periodRows.length - 1; i >= 0; i--) {
      if (isNumber(cellAt(grid, periodRows[i].row, m.col))) {
        current = { row: periodRows[i].row, col: m.col };
        currentPeriod = periodRows[i].period;
        break;
      }
    }
    const unitLabel = UNIT_IN_HEADER.exec(m.name)?.[1];
    const out: MetricRow = {
      row: 0,
      name: m.name,
      unit: unitOf(grid, m.name, values, current),
      cell: { row: headerRow, col: m.col },
      values,
      current,
      ...(currentPeriod !== undefined ? { currentPeriod } : {}),
      ...(unitLabel ? { unitLabel: unitLabel.replace(/\s+/g, "") } : {}),
    };
    const tc = targetCol.get(m.col);
    if (tc !== undefined && current !== null) {
      const t = cellAt(grid, current.row, tc);
      if (isNumber(t)) out.target = t;
    }
    return out;
  });

  // Each metric's row is its row of the side table: the one already there, else the next.
  const side = sideTable ?? findSideTable(grid, headerRow, lastColumn + 1);
  if (side !== null) {
    const sideRows = sideTableRows(grid, headerRow, side);
    const taken = new Set<number>();
    let next = (sideRows.length > 0 ? sideRows[sideRows.length - 1].row : headerRow) + 1;
    for (const m of rows) {
      const key = metricKey(m.name);
      const at = sideRows.find((s) => !taken.has(s.row) && metricKey(s.name) === key);
      const row = at ? at.row : next++;
      taken.add(row);
      m.row = row;
      m.answerCells = {
        owner: { row, col: side + 1 },
        threshold: { row, col: side + 2 },
        lever: { row, col: side + 3 },
        governance: { row, col: side + 4 },
      };
    }
    rows.sort((a, b) => a.row - b.row);
  } else rows.forEach((m, i) => (m.row = headerRow + 1 + i));

  const headers: string[] = [];
  for (let c = 0; c <= lastColumn; c++)
    headers.push(c >= region.left ? cellText(cellAt(grid, headerRow, c)).trim() : "");
  const left = Math.min(axisCol, region.left);
  const axisHeader = classifyHeader(cellAt(grid, headerRow, axisCol), false).kind;
  let confidence = 0.6;
  if (axisHeader === "axis" || axisHeader === "blank") confidence += 0.1;
  if (metrics.length >= 2) confidence += 0.05;
  if (periodRows.length >= 3) confidence += 0.05;
  if (tableName !== null) confidence += 0.05;
  const first = periodRows[0].period;
  const last = periodRows[periodRows.length - 1].period;
  return {
    sheetName: grid.sheetName,
    orientation: "columns",
    area: { top: headerRow, left, bottom: layout.lastRow, right: lastColumn },
    headerRow,
    headers,
    metricColumn: axisCol,
    valueColumns: metrics.map((m) => m.col),
    currentColumn: null,
    referenceColumns: references.map((r) => r.col),
    governance: { owner: null, threshold: null, lever: null, governance: null },
    firstRow: headerRow + 1,
    lastRow: layout.lastRow,
    lastColumn,
    metrics: rows,
    skipped: [],
    tableName,
    confidence: Math.round(Math.min(0.9, confidence) * 100) / 100,
    notes: [
      `Metrics across row ${headerRow + 1} (${columnLetter(metrics[0].col)}:${columnLetter(lastColumn)}), ` +
        `${axis} down column ${columnLetter(axisCol)} (${first} to ${last}).`,
      ...(targetCol.size > 0
        ? [`${targetCol.size} target column${targetCol.size === 1 ? "" : "s"} read as threshold hints.`]
        : []),
    ],
  };
}

/** The columns tables on a sheet, best first. */
export function readColumns(grid: Grid, hints: DetectHints = {}): KpiTable[] {
  const region = clampRegion(grid, hints.within);
  if (region === null) return [];
  const found: KpiTable[] = [];
  const seen = new Set<number>();
  const consider = (t: KpiTable | null) => {
    if (t === null || seen.has(t.headerRow)) return;
    seen.add(t.headerRow);
    found.push(t);
  };
  // Excel tables first: the person's own statement of where a table is (clamped: a ref may
  // run to row 1,048,576).
  for (const t of grid.tables) {
    if (!t.hasHeaderRow) continue;
    const r = clampRegion(grid, t.range);
    if (r === null || t.range.top !== r.top) continue;
    if (r.top < region.top || r.top > region.bottom || r.left < region.left || r.left > region.right) continue;
    if (hints.headerRow !== undefined && hints.headerRow !== r.top) continue;
    const bottom = t.hasTotalsRow && t.range.bottom === r.bottom ? r.bottom - 1 : r.bottom;
    consider(
      readAt(
        grid,
        r.top,
        { ...r, bottom: Math.min(bottom, region.bottom), right: Math.min(r.right, region.right) },
        t.name,
      ),
    );
  }
  const firstRow = hints.headerRow ?? region.top;
  const lastRow = hints.headerRow ?? Math.min(region.bottom, region.top + HEADER_SCAN_ROWS);
  for (let h = firstRow; h <= lastRow; h++) {
    if (seen.has(h)) continue;
    let n = 0;
    for (let c = region.left; c <= region.right && n < 2; c++) if (!isEmptyValue(cellAt(grid, h, c))) n++;
    if (n < 2 && hints.headerRow === undefined) continue;
    consider(readAt(grid, h, region, null));
  }
  // Tables inside another's rows are read twice (once per header guess): keep the outermost.
  const kept = found.filter(
    (t) => !found.some((o) => o !== t && o.headerRow < t.headerRow && t.headerRow <= o.lastRow && overlaps(o, t)),
  );
  const strength = (t: KpiTable) => t.confidence * 1000 + t.metrics.length;
  kept.sort((a, b) => strength(b) - strength(a));
  if (hints.orientation === "columns") for (const t of kept) t.confidence = Math.max(t.confidence, 0.9);
  return kept;
}

function overlaps(a: KpiTable, b: KpiTable): boolean {
  const x = a.area!;
  const y = b.area!;
  return x.left <= y.right && y.left <= x.right;
}

export const columnsReader: LayoutReader = { orientation: "columns", read: readColumns };
