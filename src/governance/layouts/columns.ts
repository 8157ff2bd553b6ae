/**
 * The columns layout reader: one metric per column, periods down the rows. A header row of
 * metric names ("MRR ($) | Churn | NPS") sits above a period axis column (dates, "Jan-24",
 * weekly dates, sprint numbers, quarters); each metric's values run down its column, oldest
 * first, and its current value is its latest number in a period row.
 *
 * Judgement calls:
 * - Axis columns (Month, Quarter, Date, Week, Sprint), text or ID columns and totals are not
 *   metrics. Forecast-like columns ("X Target", "Estimated X", "Forecast X", "Projected X",
 *   "X Budget", "Plan", "Objetivo X", "Prévision X", "X Ziel"…) are never metrics of their own:
 *   when a metric X matches by name, its value in X's current row is X's threshold hint
 *   (a target word wins over a plan, a plan over a forecast); otherwise the column is set
 *   aside and a note names it as no metric.
 * - Two blocks of metric columns on one header row: after a run of empty columns, a block
 *   with no period column of its own shares the first block's period rows and is read into
 *   the same table; a block that starts with its own period column is another table (the
 *   reader returns it too, so detection offers it in `others`).
 * - A metric whose cell in the table's latest period row holds no number (#N/A, "-", an
 *   empty string, nothing): its current value is its last number, that row's period is its
 *   current period, and `latestMissing` names the latest period so the audit warns.
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
import { formatCellValue } from "../format";
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

/**
 * Words of a forecast-like column, by rank as a threshold hint (a target beats a plan, a plan
 * a forecast), in the languages the headers module reads. Accents are taken off first.
 */
const TARGET_WORDS =
  "targets?|tgt|goals?|objectives?|quota|objectifs?|cibles?|objetivos?|metas?|ziele?|soll|obiettivi|obiettivo|doel(?:en)?|doelstelling";
const PLAN_WORDS = "plan|budget|budgeted|bud|bgt|presupuesto|orcamento|begroting|budget(?:e|s)?|planwert|piano";
const FORECAST_WORDS =
  "forecast|forecasted|fcst|estimated|estimate|est\\.?|projected|projection|expected|previsions?|previsionnel(?:le)?|prevision|prevu|pronostico|previsao|previsto|projecao|previsione|prognose|erwartet|geschatzt|verwachting|verwacht";
/** "Year ICI Target", "CV goal", "Target: NPS", "Estimated Hires", "Revenue (Plan)". */
const FORECAST_SUFFIX = new RegExp(
  `^(.*?\\S)(?:[\\s_\\-:–]+[([]?|\\s*[([])\\s*(${TARGET_WORDS}|${PLAN_WORDS}|${FORECAST_WORDS})\\s*[)\\]]?$`,
  "i",
);
const FORECAST_PREFIX = new RegExp(`^(${TARGET_WORDS}|${PLAN_WORDS}|${FORECAST_WORDS})[\\s_\\-:–]+(\\S.*)$`, "i");
const FORECAST_ALONE = new RegExp(`^(${TARGET_WORDS}|${PLAN_WORDS}|${FORECAST_WORDS})$`, "i");
/** Prefix words that also begin real metrics' names ("Budget Utilisation", "Meta Ads Spend"): only a name match makes them a forecast. */
const WEAK_PREFIX = /^(?:plan|budget|budgeted|bud|bgt|metas?|targets?|goals?|soll|piano)$/i;

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

/** A date serial as "2019-10-14": for a date with no date format to show it by (a bare serial). */
function isoDate(serial: number): string {
  const ms = Math.round((Math.floor(serial) - 25569) * 86400000);
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A date serial as its cell shows it: "Oct-25" for "mmm-yy", "01/10/2025" for "dd/mm/yyyy",
 * "10/1/2025" for built-in format 14 (which both hosts report as "m/d/yyyy"), the time part
 * too when the format has one. A format that shows no day (a time alone: "h:mm") cannot tell
 * one period from the next: the ISO date leads then (with the time it shows when the serial
 * holds one), as it does when nothing is shown at all.
 */
export function shownDate(serial: number, format: string): string {
  const shown = formatCellValue(serial, format);
  if (shown === "" || !Number.isFinite(serial) || serial < 0) return isoDate(serial);
  // The same text a day later: the format names no date.
  if (shown === formatCellValue(serial + 1, format) && shown === formatCellValue(serial + 400, format))
    return Number.isInteger(serial) ? isoDate(serial) : `${isoDate(serial)} ${shown}`;
  return shown;
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
 * The period an axis cell names, as the sheet shows it ("Dec-24", "Oct 2025", "14/10/2019", "66";
 * a bare serial on a date axis, with no date format, as "2019-10-14"), "" when
 * the cell is empty, or null when it holds something that is no period (a total, a note).
 */
function periodText(grid: Grid, row: number, col: number, axis: Axis): string | null {
  const v = cellAt(grid, row, col);
  if (isEmptyValue(v)) return "";
  if (typeof v === "number") {
    const format = numberFormatAt(grid, row, col);
    if (isDateFormat(format)) return shownDate(v, format);
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

/** A header that names dates: "Date", "Week ending", "Month", "Fecha", "Datum". */
const DATE_HEADER =
  /\b(?:dates?|day|week(?:\s+ending)?|w\/e|month|period|as of|fecha|datum|data|jour|semaine|mois|mes|semana|monat|woche)\b/i;

/**
 * Whether an axis of plain numbers is dates stored without a date format: whole serials of
 * 1954 to 2119 under a header that names dates ("Date | Open | New" with 43731, 43738…).
 */
function bareSerials(grid: Grid, headerRow: number, col: number, end: number): boolean {
  if (!DATE_HEADER.test(cellText(cellAt(grid, headerRow, col)))) return false;
  let n = 0;
  for (let r = headerRow + 1; r <= end; r++) {
    const v = cellAt(grid, r, col);
    if (typeof v !== "number") continue;
    if (!Number.isInteger(v) || v <= 20000 || v >= 80000) return false;
    n++;
  }
  return n >= 2;
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

/** What a forecast-like header says: the metric it belongs to ("" when it names none) and its rank. */
export interface ForecastHeader {
  /** The metric's name as the header gives it, without accents ("Hires" for "Estimated Hires"), "" for "Budget" alone. */
  base: string;
  /** 0 a target, 1 a plan or budget, 2 a forecast or estimate: the lower wins as a threshold hint. */
  rank: number;
  /** A prefix that also begins real metrics' names ("Budget Utilisation"): a forecast only when X matches. */
  weak: boolean;
}

/** Text without accents ("Prévision" → "Prevision"), for matching words and names. */
function plain(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function rankOf(word: string): number {
  const w = word.toLowerCase();
  if (new RegExp(`^(?:${TARGET_WORDS})$`, "i").test(w)) return 0;
  if (new RegExp(`^(?:${PLAN_WORDS})$`, "i").test(w)) return 1;
  return 2;
}

/**
 * The longest header read as a forecast-like one: a column header is a few words, and the
 * patterns' nested runs of spaces backtrack for ever on a cell of thousands of spaces.
 */
const MAX_FORECAST_HEADER = 120;

/** The metric a forecast-like header belongs to, or null when it is no forecast, plan or target. */
export function forecastOf(header: string): ForecastHeader | null {
  const trimmed = header.trim();
  if (trimmed === "" || trimmed.length > MAX_FORECAST_HEADER) return null;
  const t = plain(trimmed);
  if (t === "") return null;
  let m = FORECAST_ALONE.exec(t);
  if (m) return { base: "", rank: rankOf(m[1]), weak: false };
  m = FORECAST_SUFFIX.exec(t);
  if (m) return { base: m[1].trim(), rank: rankOf(m[2]), weak: false };
  m = FORECAST_PREFIX.exec(t);
  if (m) return { base: m[2].trim(), rank: rankOf(m[1]), weak: WEAK_PREFIX.test(m[1]) };
  return null;
}

/** What a cell in a metric's column shows when it holds no number, for a warning: "#N/A", "'-'", "nothing". */
function holdsInstead(grid: Grid, row: number, col: number): string {
  const v = cellAt(grid, row, col);
  if (isCellError(v)) return v.error;
  if (typeof v === "string" && v.trim() !== "")
    return `'${v.trim().length > 20 ? `${v.trim().slice(0, 19)}…` : v.trim()}'`;
  if (isFormulaAt(grid, row, col)) return "a formula with no value";
  if (typeof v === "string" && v !== "") return "an empty string";
  return "nothing";
}

/** A columns table read from one header row, and where a further table on the row starts (or null). */
interface Read {
  table: KpiTable;
  /** The first column after this table (and its side table) where another one may start. */
  resume: number | null;
}

/** Reads one candidate header row; null when it is not a columns table. */
function readAt(grid: Grid, headerRow: number, region: Region, tableName: string | null): Read | null {
  const end = Math.min(region.bottom, headerRow + SAMPLE_ROWS);
  if (end <= headerRow) return null;
  const found = findAxis(grid, headerRow, region, end);
  if (found === null) return null;
  if (found.axis === "numbers" && bareSerials(grid, headerRow, found.col, end)) found.axis = "dates";
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
  /** Blocks of metric columns after the first, each after a run of empty columns: [first, last]. */
  const blocks: [number, number][] = [];
  let gap = 0;
  let gapStart = -1;
  let lastColumn = axisCol;
  let sideTable: number | null = null;
  let resume: number | null = null;
  for (let c = axisCol + 1; c <= region.right; c++) {
    const header = cellAt(grid, headerRow, c);
    const text = cellText(header).trim();
    const cls = classifyHeader(header, typeof header === "number" && isDateFormat(numberFormatAt(grid, headerRow, c)));
    const body = layout.rows.some((x) => filled(grid, x.row, c));
    if (cls.kind === "blank") {
      if (body) continue; // values without a name: nothing to call them
      if (gap++ === 0) gapStart = c;
      continue;
    }
    // After a run of empty columns, a further block of metric columns may follow: it shares
    // these period rows unless it starts with a period column of its own (another table).
    const afterGap = gap >= BLANK_COLUMNS_END && metrics.length > 0;
    gap = 0;
    if (cls.kind === "label" && findSideTable(grid, headerRow, c) === c) {
      sideTable = c;
      resume = c + SIDE_TABLE_HEADER.length;
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
      if (metrics.length > 0) {
        resume = c; // another table's axis
        break;
      }
      continue; // "Month | Quarter": a second axis
    }
    if (!body) continue;
    if (afterGap && metrics[metrics.length - 1].col < gapStart) blocks.push([c, c]);
    if (cls.kind === "total" || cls.kind === "current-weak" || cls.kind === "period") continue;
    // Targets, plans, budgets and forecasts ("Estimated Hires") are never metrics of their own.
    const forecast = forecastOf(text);
    if (cls.kind === "reference" || (forecast !== null && !forecast.weak)) {
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
    if (forecast !== null) {
      // "Budget Utilisation", "Plan Adherence": a metric, unless a metric of its base name is here too.
      references.push({ col: c, name: text });
    }
    metrics.push({ col: c, name: text });
    lastColumn = c;
    if (blocks.length > 0) blocks[blocks.length - 1][1] = c;
  }

  // Forecast-like columns: the target of the metric of their name, else set aside.
  const keyOf = (name: string) => metricKey(plain(name));
  const weakPaired = new Set<number>();
  const paired = new Map<number, { col: number; rank: number }>();
  const setAside: string[] = [];
  for (const ref of references) {
    const f = forecastOf(ref.name);
    if (f === null) continue; // Variance, PY, Δ: known, never current, no target
    const key = f.base === "" ? null : keyOf(f.base);
    // The metric of that name nearest on its left ("Year ICI | Year ICI | Year ICI Target"), else any.
    const candidates = key === null ? [] : metrics.filter((m) => m.col !== ref.col && keyOf(m.name) === key);
    const left = candidates.filter((m) => m.col < ref.col);
    const m = left.length > 0 ? left[left.length - 1] : candidates[0];
    if (m === undefined) {
      if (!metrics.some((x) => x.col === ref.col)) setAside.push(ref.name);
      continue;
    }
    if (metrics.some((x) => x.col === ref.col)) weakPaired.add(ref.col);
    const had = paired.get(m.col);
    if (had === undefined || f.rank < had.rank) paired.set(m.col, { col: ref.col, rank: f.rank });
  }
  // A weak prefix that matched ("Plan Revenue" beside "Revenue") is no metric after all.
  for (let i = metrics.length - 1; i >= 0; i--) if (weakPaired.has(metrics[i].col)) metrics.splice(i, 1);
  const referenceCols = references.filter((r) => !metrics.some((m) => m.col === r.col)).map((r) => r.col);
  if (metrics.length === 0) return null;
  const targetCol = new Map<number, number>();
  for (const [col, p] of paired) if (metrics.some((m) => m.col === col)) targetCol.set(col, p.col);

  // The table's latest period: the last period row where any metric holds a number.
  let latest = -1;
  for (let i = periodRows.length - 1; i >= 0 && latest < 0; i--)
    if (metrics.some((m) => isNumber(cellAt(grid, periodRows[i].row, m.col)))) latest = i;
  const stale: string[] = [];

  const rows: MetricRow[] = metrics.map((m) => {
    const values = layout.rows.map((x) => ({ row: x.row, col: m.col }));
    let current: CellRef | null = null;
    let currentPeriod: string | undefined;
    let at = -1;
    for (let i = periodRows.length - 1; i >= 0; i--) {
      if (isNumber(cellAt(grid, periodRows[i].row, m.col))) {
        current = { row: periodRows[i].row, col: m.col };
        currentPeriod = periodRows[i].period;
        at = i;
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
    if (current !== null && at < latest) {
      const row = periodRows[latest].row;
      out.latestMissing = { period: periodRows[latest].period, holds: holdsInstead(grid, row, m.col) };
      stale.push(m.name);
    }
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
    if (resume === null) resume = side + SIDE_TABLE_HEADER.length;
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
  const span = (a: number, b: number) => (a === b ? columnLetter(a) : `${columnLetter(a)}:${columnLetter(b)}`);
  const table: KpiTable = {
    sheetName: grid.sheetName,
    orientation: "columns",
    area: { top: headerRow, left, bottom: layout.lastRow, right: lastColumn },
    headerRow,
    headers,
    metricColumn: axisCol,
    valueColumns: metrics.map((m) => m.col),
    currentColumn: null,
    referenceColumns: referenceCols,
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
      ...blocks
        .filter(([a]) => metrics.some((m) => m.col >= a))
        .map(
          ([a, b]) =>
            `Metrics in ${span(a, b)}, after empty columns, share the periods of column ${columnLetter(axisCol)}: read as the same table.`,
        ),
      ...(targetCol.size > 0
        ? [`${targetCol.size} target column${targetCol.size === 1 ? "" : "s"} read as threshold hints.`]
        : []),
      ...(setAside.length > 0
        ? [
            `Not metrics: ${setAside.map((n) => `'${n}'`).join(", ")} (a target, plan or forecast with no metric of ${setAside.length === 1 ? "its" : "their"} name on the sheet).`,
          ]
        : []),
      ...(stale.length > 0 && latest >= 0
        ? [
            `No number for ${periodRows[latest].period} in ${stale.map((n) => `'${n}'`).join(", ")}: ` +
              `${stale.length === 1 ? "its" : "their"} current value is ${stale.length === 1 ? "its" : "each one's"} last number, from an earlier period.`,
          ]
        : []),
    ],
  };
  return { table, resume };
}

/** Whether a column holds nothing in the header row and the rows sampled under it. */
function emptyColumn(grid: Grid, headerRow: number, col: number, end: number): boolean {
  for (let r = headerRow; r <= end; r++) if (filled(grid, r, col)) return false;
  return true;
}

/** The most tables read side by side on one header row. */
const MAX_TABLES_PER_ROW = 8;

/** The columns tables on a sheet, best first. */
export function readColumns(grid: Grid, hints: DetectHints = {}): KpiTable[] {
  const region = clampRegion(grid, hints.within);
  if (region === null) return [];
  const found: KpiTable[] = [];
  const seen = new Set<string>();
  const rowsDone = new Set<number>();
  const consider = (t: KpiTable | null) => {
    const key = t === null ? "" : `${t.headerRow}:${t.area!.left}`;
    if (t === null || seen.has(key)) return;
    seen.add(key);
    rowsDone.add(t.headerRow);
    found.push(t);
  };
  /** The tables on one header row, left to right: after each, the next may start past it. */
  const readRow = (h: number, r: Region, name: string | null) => {
    let left = r.left;
    for (let n = 0; n < MAX_TABLES_PER_ROW && left <= r.right; n++) {
      const got = readAt(grid, h, { ...r, left }, name);
      if (got === null) return;
      consider(got.table);
      if (got.resume === null) return;
      // Past the empty columns between this table (or its side table) and the next.
      const end = Math.min(r.bottom, h + SAMPLE_ROWS);
      left = got.resume;
      while (left <= r.right && emptyColumn(grid, h, left, end)) left++;
    }
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
      )?.table ?? null,
    );
  }
  const firstRow = hints.headerRow ?? region.top;
  const lastRow = hints.headerRow ?? Math.min(region.bottom, region.top + HEADER_SCAN_ROWS);
  for (let h = firstRow; h <= lastRow; h++) {
    if (rowsDone.has(h)) continue;
    let n = 0;
    for (let c = region.left; c <= region.right && n < 2; c++) if (!isEmptyValue(cellAt(grid, h, c))) n++;
    if (n < 2 && hints.headerRow === undefined) continue;
    readRow(h, region, null);
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
