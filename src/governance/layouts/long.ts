/**
 * The long layout reader: tidy exports and dimension columns. A metric is its name plus the
 * values of the sheet's dimension columns (Service, Site, State, Region…), not one name
 * shared by dozens of rows.
 *
 * Two shapes are read:
 * - Tidy exports: a metric-name column (Metric, Metric_Name, KPI, Measure, Indicator…),
 *   dimension columns, one value column (value, value_rounded, Actual, Amount…), and
 *   optionally a Target, a Status and a Period column. Each row is one reading of one metric
 *   for one slice; when several rows share name and dimensions, the latest period's row is
 *   the metric and the earlier ones are its history.
 * - Suffix families: rows named "<base> PY" / "<base> Act" / "<base> Plan" (also Actual,
 *   Budget, Target, Forecast…) beside a dimension column (State), values across period
 *   columns. One metric per base and dimension: its Act row (or the bare "<base>" row) holds
 *   its values and its governance; the Plan (else Target, Budget, Forecast) row's value in
 *   the current period is its target; PY and Plan rows are never metrics themselves.
 *
 * The same wide shape without suffixes ("KPI | Region | Jan … Dec", each KPI once per
 * region) is read too: each row is a metric named with its region.
 *
 * Names: `<name> · <dimension value> · <dimension value>`, the dimension values in the
 * sheet's column order (left to right), joined by " · " (a middle dot with a space either
 * side; see `dimensionName`). A dimension column whose value is the same on every row says
 * nothing about which slice a row is and is left out of the name. Column order, not the
 * number of distinct values, decides the order, so a name stays the same from one month's
 * export to the next.
 *
 * Roll-ups are not metrics: a row whose dimension value is a total ("Total", "All", "Grand
 * Total") is the sum or average of the slices above it and is skipped as a total row.
 *
 * When does it claim a sheet: only when the rows reader would be wrong, that is when metric
 * names repeat and the dimension columns (or periods) tell the rows apart, or when suffix
 * families are present. A plain table with one row per metric name is left to the rows
 * reader (this reader returns nothing for it).
 */
import { cellAt, columnLetter, isCellError, numberFormatAt, type CellValue, type Grid } from "../grid";
import {
  classifyHeader,
  governanceKindOf,
  isDateFormat,
  isLabelHeader,
  isPercentFormat,
  isPeriodText,
  isTotalLabel,
  normalizeHeader,
  type HeaderKind,
} from "../headers";
import type { DetectHints, GovernanceColumns, KpiTable, MetricRow, SkippedRow } from "../types";
import { clampRegion, isNumber, percentStorage, textOf, type Region } from "./region";
import { adoptGovernanceBeyond } from "./rows";
import type { LayoutReader } from "./types";

/** What joins a metric's name and its dimension values: "Sales · AZ", "Overtime % · ED · MSB". */
export const DIMENSION_SEPARATOR = " · ";

/** A metric's name with its dimension values, as the long reader writes it. */
export function dimensionName(base: string, values: readonly string[]): string {
  return values.length === 0 ? base : [base, ...values].join(DIMENSION_SEPARATOR);
}

/**
 * The name without its dimension values ("Sales · AZ" → "Sales"), or null when the metric
 * has no dimensions or its name does not end with them.
 */
export function baseNameOf(name: string, dimensions: readonly { value: string }[] | undefined): string | null {
  if (!dimensions || dimensions.length === 0) return null;
  const tail = DIMENSION_SEPARATOR + dimensions.map((d) => d.value).join(DIMENSION_SEPARATOR);
  if (!name.endsWith(tail) || name.length === tail.length) return null;
  return name.slice(0, name.length - tail.length);
}

/** Rows from the top of the region tried as the header. */
const HEADER_SCAN_ROWS = 30;
/** Rows under a header candidate read first to tell whether it is a long table at all. */
const SAMPLE_ROWS = 200;
/** This many blank rows in a row end the body. */
const BLANK_RUN_END = 4;
/** Widest table considered. */
const MAX_COLUMNS = 256;
/** A dimension has at most this many distinct values (more is a record column: IDs, comments). */
const MAX_DIMENSION_VALUES = 200;
/** Text longer than this on average is a comment, not a dimension value. */
const MAX_DIMENSION_LENGTH = 40;

/** Suffixes of a family's rows, longest first within a role, and the role each plays. */
type Role = "actual" | "prior" | "plan" | "budget" | "target" | "forecast";
const SUFFIXES: [RegExp, Role][] = [
  [/^(.*\S)[\s_-]+(?:act|actual|actuals)\.?$/i, "actual"],
  [/^(.*\S)[\s_-]+(?:py|ly|prior year|last year|previous year)\.?$/i, "prior"],
  [/^(.*\S)[\s_-]+(?:plan|pln)\.?$/i, "plan"],
  [/^(.*\S)[\s_-]+(?:budget|bud|bgt)\.?$/i, "budget"],
  [/^(.*\S)[\s_-]+(?:target|tgt|goal)\.?$/i, "target"],
  [/^(.*\S)[\s_-]+(?:forecast|fcst|fc)\.?$/i, "forecast"],
];
/** The longest row name read for a family suffix ("sales PY"); longer text is a note. */
const MAX_FAMILY_NAME = 200;
/** Which reference row sets an actual's target, best first. PY is history, never a target. */
const TARGET_ROLES: Role[] = ["target", "plan", "budget", "forecast"];
const ROLE_WORDS: Record<Role, string> = {
  actual: "Act",
  prior: "PY",
  plan: "Plan",
  budget: "Budget",
  target: "Target",
  forecast: "Forecast",
};

/** Header words of a dimension column, for slices that appear once (2 regions, 2 rows). */
const DIMENSION_WORDS = new Set([
  "service",
  "services",
  "site",
  "sites",
  "state",
  "states",
  "region",
  "regions",
  "country",
  "department",
  "dept",
  "division",
  "team",
  "location",
  "city",
  "store",
  "branch",
  "segment",
  "channel",
  "product",
  "category",
  "business unit",
  "entity",
  "facility",
  "hospital",
  "ward",
  "area",
  "territory",
  "market",
  "group",
  "line of business",
  "cost centre",
  "cost center",
  "plant",
  "program",
  "programme",
  "customer",
  "client",
  "brand",
  "zone",
  "province",
  "county",
]);

/** Headers of columns that are neither dimensions nor values. */
const STATUS_HEADER = /^(?:status|rag|rag status|rating|health|flag|colour|color|trend|traffic light)$/;
const ASIDE_HEADER =
  /^(?:unit|units|uom|direction|polarity|better|comment|comments|commentary|note|notes|description|definition|source|formula|calculation|frequency|id|key|code)$/;
const RAG_WORDS = new Set([
  "red",
  "amber",
  "yellow",
  "green",
  "blue",
  "grey",
  "gray",
  "on track",
  "off track",
  "at risk",
  "r",
  "a",
  "g",
  "y",
  "met",
  "not met",
  "ok",
  "n/a",
  "na",
]);
/** Words of a value column's header in a tidy export. */
const VALUE_WORDS = new Set(["value", "values", "amount", "actual", "actuals", "result", "score", "count", "val"]);
/** Words of a name column's header beyond the label headers ("Metric_Name" is one already). */
const NAME_WORDS = new Set(["metric", "kpi", "measure", "indicator"]);
const NOT_NAME_WORDS = new Set(["group", "category", "type", "id", "code", "unit", "value", "owner", "area", "family"]);

interface ColumnProfile {
  col: number;
  header: string;
  norm: string;
  kind: HeaderKind;
  texts: number;
  numbers: number;
  dates: number;
  periodTexts: number;
  rag: number;
  distinct: Map<string, string>;
  length: number;
}

interface Entry {
  row: number;
  base: string;
  role: Role;
  dims: string[];
  /** Sort key of the row's period (tidy), or null. */
  period: number | null;
  periodText: string | null;
}

function regionOf(grid: Grid, hints: DetectHints): Region | null {
  return clampRegion(grid, hints.within, MAX_COLUMNS);
}

function rowIsBlank(grid: Grid, row: number, left: number, right: number): boolean {
  const arr = grid.values[row - grid.origin.row];
  if (!arr) return true;
  for (let c = left; c <= right; c++) {
    const v = arr[c - grid.origin.col];
    if (v === null || v === undefined) continue;
    if (typeof v === "string" && v.trim() === "") continue;
    return false;
  }
  return true;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAMES_SHORT = Object.keys(MONTHS);

/** A date serial as a person reads a period: "Dec 2022" (or "2022-12-15" when the format shows days). */
export function serialLabel(serial: number, format: string): string {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const code = format
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .toLowerCase();
  const mon = MONTH_NAMES_SHORT[m].charAt(0).toUpperCase() + MONTH_NAMES_SHORT[m].slice(1);
  if (/d/.test(code)) return `${y}-${String(m + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
  return /y/.test(code) ? `${mon} ${y}` : mon;
}

/**
 * A sortable key for a period cell (year × 10000 + month × 100 + day), or null when the cell
 * does not read as a period: date serials, "2021-09", "09-2021", "Sep 2021", "Q3 2021", "2021".
 */
export function periodKey(v: CellValue, format: string): number | null {
  if (isNumber(v)) {
    if (isDateFormat(format)) {
      const d = new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86400000);
      return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
    }
    if (Number.isInteger(v) && v >= 1900 && v <= 2100) return v * 10000;
    return null;
  }
  const t = textOf(v).toLowerCase();
  if (t === "" || t.length > 24) return null;
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?/.exec(t);
  if (m) return Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3] ?? 0);
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return Number(m[2]) * 10000 + Number(m[1]) * 100;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return Number(m[3]) * 10000 + Number(m[2]) * 100 + Number(m[1]);
  m = /^([a-z]{3})[a-z]*\.?[\s\-/']*(\d{2}|\d{4})$/.exec(t);
  if (m && MONTHS[m[1]] !== undefined) {
    const y = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    return y * 10000 + MONTHS[m[1]] * 100;
  }
  m = /^q([1-4])[\s\-/']*(?:fy)?(\d{2}|\d{4})$/.exec(t) ?? /^(?:fy)?(\d{2}|\d{4})[\s\-/']*q([1-4])$/.exec(t);
  if (m) {
    const [q, y] = /^q/.test(t) ? [m[1], m[2]] : [m[2], m[1]];
    return (y.length === 2 ? 2000 + Number(y) : Number(y)) * 10000 + Number(q) * 300;
  }
  m = /^(?:fy|cy)?\s?'?(\d{4}|\d{2})$/.exec(t);
  if (m && (m[1].length === 4 || /^(?:fy|cy)/.test(t))) {
    const y = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
    return y >= 1900 && y <= 2100 ? y * 10000 : null;
  }
  return null;
}

function words(norm: string): string[] {
  return norm.split(/[^a-z0-9%]+/).filter((w) => w !== "");
}

/** The family a row name belongs to: "sales Act" → sales / actual; "sales" → sales / actual (bare). */
function familyOf(name: string): { base: string; role: Role; suffixed: boolean } {
  // The patterns backtrack over the name: a name longer than any row label is no family's.
  if (name.length > MAX_FAMILY_NAME) return { base: name, role: "actual", suffixed: false };
  for (const [re, role] of SUFFIXES) {
    const m = re.exec(name);
    if (m) return { base: m[1].trim(), role, suffixed: true };
  }
  return { base: name, role: "actual", suffixed: false };
}

const ROLE_OF_WORD: Record<string, Role> = {
  act: "actual",
  actual: "actual",
  actuals: "actual",
  py: "prior",
  ly: "prior",
  "prior year": "prior",
  "last year": "prior",
  plan: "plan",
  budget: "budget",
  bud: "budget",
  target: "target",
  tgt: "target",
  forecast: "forecast",
  fcst: "forecast",
};

/** The role a scenario word names ("Actual", "Budget"), or null. */
function roleOfWord(text: string): Role | null {
  return ROLE_OF_WORD[text.trim().toLowerCase()] ?? null;
}

/** A Scenario column: every value a role word, an actual among them and another role. */
function scenarioRoles(p: ColumnProfile): Set<Role> | null {
  if (p.texts === 0 || p.numbers > 0 || p.distinct.size < 2) return null;
  const roles = new Set<Role>();
  for (const low of p.distinct.keys()) {
    const role = ROLE_OF_WORD[low];
    if (role === undefined) return null;
    roles.add(role);
  }
  return roles.has("actual") && roles.size >= 2 ? roles : null;
}

/**
 * The body's last row: before a run of blank rows, or the region's end. Past a blank row the
 * records go on only in a row shaped like the last one: a number where it had a number (a
 * lookup block "Owner | Email" under the export is no record).
 */
function bodyEnd(grid: Grid, headerRow: number, region: Region, left: number, right: number, limit: number): number {
  let last = headerRow;
  let blank = 0;
  for (let r = headerRow + 1; r <= Math.min(region.bottom, limit); r++) {
    if (rowIsBlank(grid, r, left, right)) {
      if (++blank >= BLANK_RUN_END) break;
      continue;
    }
    if (blank > 0 && last > headerRow && !sameShape(grid, last, r, left, right)) break;
    blank = 0;
    last = r;
  }
  return last;
}

/** Whether row `next` holds a number (or nothing) wherever record row `record` holds a number. */
function sameShape(grid: Grid, record: number, next: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    if (typeof cellAt(grid, record, c) !== "number") continue;
    const v = cellAt(grid, next, c);
    if (v !== null && typeof v !== "number" && !(typeof v === "string" && v.trim() === "")) return false;
  }
  return true;
}

function profile(grid: Grid, headerRow: number, col: number, first: number, last: number): ColumnProfile {
  const hv = cellAt(grid, headerRow, col);
  const headerFormat = numberFormatAt(grid, headerRow, col);
  const cls = classifyHeader(hv, typeof hv === "number" && isDateFormat(headerFormat));
  const header =
    typeof hv === "number" && isDateFormat(headerFormat)
      ? serialLabel(hv, headerFormat)
      : typeof hv === "string"
        ? hv.trim()
        : hv === null || typeof hv === "boolean"
          ? ""
          : isCellError(hv)
            ? hv.error
            : String(hv);
  const p: ColumnProfile = {
    col,
    header,
    norm: typeof hv === "string" ? normalizeHeader(hv) : "",
    kind: cls.kind,
    texts: 0,
    numbers: 0,
    dates: 0,
    periodTexts: 0,
    rag: 0,
    distinct: new Map(),
    length: 0,
  };
  for (let r = first; r <= last; r++) {
    const v = cellAt(grid, r, col);
    if (isNumber(v)) {
      p.numbers++;
      if (isDateFormat(numberFormatAt(grid, r, col))) p.dates++;
      continue;
    }
    const t = textOf(v);
    if (t === "") continue;
    p.texts++;
    p.length += t.length;
    const low = t.toLowerCase();
    if (RAG_WORDS.has(low)) p.rag++;
    if (isPeriodText(t)) p.periodTexts++;
    if (p.distinct.size <= MAX_DIMENSION_VALUES && !p.distinct.has(low)) p.distinct.set(low, t);
  }
  return p;
}

interface Layout {
  headerRow: number;
  left: number;
  right: number;
  first: number;
  last: number;
  profiles: ColumnProfile[];
}

/** The header row's columns: contiguous non-blank headers around the region's left part. */
function layoutAt(grid: Grid, region: Region, headerRow: number, limit: number): Layout | null {
  let left = -1;
  let right = -1;
  let gap = 0;
  for (let c = region.left; c <= region.right; c++) {
    const v = cellAt(grid, headerRow, c);
    const blank = v === null || (typeof v === "string" && v.trim() === "");
    if (blank) {
      if (left >= 0 && ++gap >= 2) break;
      continue;
    }
    if (left < 0) left = c;
    right = c;
    gap = 0;
  }
  if (left < 0 || right - left < 2) return null;
  // Headers are words and periods: a row of plain numbers is data.
  let plain = 0;
  for (let c = left; c <= right; c++) {
    const v = cellAt(grid, headerRow, c);
    if (typeof v === "number" && classifyHeader(v, isDateFormat(numberFormatAt(grid, headerRow, c))).kind !== "period")
      plain++;
  }
  if (plain >= 2) return null;
  const last = bodyEnd(grid, headerRow, region, left, right, limit);
  if (last <= headerRow + 1) return null;
  const first = headerRow + 1;
  const profiles: ColumnProfile[] = [];
  for (let c = left; c <= right; c++) profiles.push(profile(grid, headerRow, c, first, last));
  return { headerRow, left, right, first, last, profiles };
}

function isGovernance(p: ColumnProfile): boolean {
  return p.kind === "owner" || p.kind === "threshold" || p.kind === "lever" || p.kind === "governance";
}

function isStatus(p: ColumnProfile): boolean {
  if (STATUS_HEADER.test(p.norm)) return true;
  // Words of a RAG scale, one of them a "good" word: Blue / Red teams are no status.
  if (p.texts === 0 || p.rag < p.texts * 0.8) return false;
  return ["green", "g", "on track", "met", "ok"].some((w) => p.distinct.has(w));
}

function isAside(p: ColumnProfile): boolean {
  return ASIDE_HEADER.test(p.norm) || /\b(?:id|comment|comments|notes?)$/.test(p.norm);
}

function isPeriodColumn(p: ColumnProfile): boolean {
  const filled = p.texts + p.numbers;
  if (filled === 0) return false;
  if (p.kind === "axis" && p.numbers + p.texts > 0) return p.periodTexts + p.dates >= filled * 0.6;
  const ws = words(p.norm);
  const named = ws.some((w) => w === "period" || w === "month" || w === "date" || w === "quarter" || w === "week");
  return (named || p.kind === "other") && p.periodTexts + p.dates >= filled * 0.8;
}

/** The metric-name column of a tidy export: a "Metric" / "KPI" header over text. */
function nameColumnByHeader(layout: Layout): ColumnProfile | null {
  let best: ColumnProfile | null = null;
  for (const p of layout.profiles) {
    if (p.texts < (p.texts + p.numbers) * 0.8 || p.texts === 0) continue;
    if (isLabelHeader(p.header)) return p;
    const ws = words(p.norm);
    if (best === null && ws.some((w) => NAME_WORDS.has(w)) && !ws.some((w) => NOT_NAME_WORDS.has(w))) best = p;
  }
  return best;
}

/** A column whose names come in suffix families ("sales PY", "sales Act", "sales Plan"). */
function nameColumnByFamilies(layout: Layout): { p: ColumnProfile; families: number } | null {
  let best: { p: ColumnProfile; families: number } | null = null;
  for (const p of layout.profiles) {
    if (p.texts === 0 || p.texts < (p.texts + p.numbers) * 0.8) continue;
    const roles = new Map<string, Set<Role>>();
    for (const original of p.distinct.values()) {
      const f = familyOf(original);
      const key = f.base.toLowerCase();
      let set = roles.get(key);
      if (!set) roles.set(key, (set = new Set()));
      set.add(f.suffixed ? f.role : "actual");
    }
    let families = 0;
    for (const set of roles.values()) if (set.size >= 2 && [...set].some((r) => r !== "actual")) families++;
    if (families >= 1 && (best === null || families > best.families)) best = { p, families };
  }
  return best;
}

/** Text columns that tell one slice of a metric from another. */
function dimensionColumns(layout: Layout, exclude: Set<number>, rows: number): ColumnProfile[] {
  const out: ColumnProfile[] = [];
  for (const p of layout.profiles) {
    if (exclude.has(p.col) || isGovernance(p) || isStatus(p) || isAside(p)) continue;
    if (p.kind === "reference" || p.kind === "current" || p.kind === "current-weak" || p.kind === "period") continue;
    if (p.texts === 0 || p.numbers > p.texts * 0.2) continue;
    if (p.periodTexts >= p.texts * 0.8) continue;
    if (p.length / p.texts > MAX_DIMENSION_LENGTH) continue;
    if (p.distinct.size > MAX_DIMENSION_VALUES) continue;
    const known = DIMENSION_WORDS.has(p.norm) || words(p.norm).some((w) => DIMENSION_WORDS.has(w));
    if (!known && p.distinct.size >= rows) continue;
    out.push(p);
  }
  return out;
}

function isRollUp(value: string): boolean {
  const t = value.trim().toLowerCase();
  return t === "all" || isTotalLabel(t);
}

interface Reading {
  table: KpiTable;
}

/** Reads the sheet from one header row, or null when it is no long table. */
function readAt(grid: Grid, region: Region, headerRow: number, hints: DetectHints, limit: number): Reading | null {
  const layout = layoutAt(grid, region, headerRow, limit);
  if (!layout) return null;
  const { profiles, first, last } = layout;
  const byCol = (c: number) => profiles[c - layout.left];

  // Values: across period columns (wide), else one value column (tidy).
  const periodCols = profiles.filter((p) => p.kind === "period" && p.numbers > 0).map((p) => p.col);
  const wide = periodCols.length >= 2;
  let valueCol: ColumnProfile | null = null;
  if (!wide) {
    for (const p of profiles) {
      if (p.numbers === 0 || p.numbers < (p.numbers + p.texts) * 0.6 || p.dates > p.numbers * 0.5) continue;
      if (isGovernance(p) || p.kind === "reference" || p.kind === "total") continue;
      const ws = words(p.norm);
      if (p.kind === "current" || ws.some((w) => VALUE_WORDS.has(w))) {
        valueCol = p;
        break;
      }
    }
    if (valueCol === null) return null;
  }

  // The name column: given, else one with suffix families, else a "Metric" / "KPI" header.
  const families = hints.metricColumn === undefined ? nameColumnByFamilies(layout) : null;
  let nameCol: ColumnProfile | null =
    hints.metricColumn !== undefined
      ? (byCol(hints.metricColumn) ?? null)
      : families
        ? families.p
        : nameColumnByHeader(layout);
  if (nameCol === null && wide) {
    // "Table | State | Jan … Dec": the leftmost text column with the most distinct names.
    for (const p of profiles) {
      if (p.col >= periodCols[0]) break;
      if (p.texts === 0 || isGovernance(p) || isStatus(p)) continue;
      if (nameCol === null || p.distinct.size > nameCol.distinct.size) nameCol = p;
    }
  }
  if (nameCol === null || (valueCol !== null && nameCol.col === valueCol.col)) return null;
  const familyMode = families !== null && families.p.col === nameCol.col;

  const periodCol = wide ? null : (profiles.find((p) => p.col !== nameCol!.col && isPeriodColumn(p)) ?? null);
  let targetCol: ColumnProfile | null = null;
  if (!wide) {
    for (const p of profiles) {
      if (p.kind !== "reference" || p.numbers === 0) continue;
      const ws = words(p.norm);
      if (
        ws.some((w) =>
          ["target", "targets", "tgt", "goal", "goals", "plan", "budget", "objective", "quota"].includes(w),
        )
      ) {
        targetCol = p;
        break;
      }
    }
  }

  // A Scenario column (Actual / Plan / Budget…) plays the part of a family's suffix.
  const scenarioCol = profiles.find((p) => p.col !== nameCol!.col && scenarioRoles(p) !== null) ?? null;
  const exclude = new Set<number>([nameCol.col]);
  if (scenarioCol) exclude.add(scenarioCol.col);
  if (valueCol) exclude.add(valueCol.col);
  if (periodCol) exclude.add(periodCol.col);
  if (targetCol) exclude.add(targetCol.col);
  for (const p of profiles) if (isPeriodColumn(p)) exclude.add(p.col);
  const rowCount = nameCol.texts;
  const allDims = dimensionColumns(layout, exclude, rowCount);
  const constant = allDims.filter((p) => p.distinct.size <= 1);
  const dims = allDims.filter((p) => p.distinct.size > 1);

  // Entries: one per named row; totals and blanks are skipped.
  const skipped: SkippedRow[] = [];
  const entries: Entry[] = [];
  const totals: number[] = [];
  for (let r = first; r <= last; r++) {
    const name = textOf(cellAt(grid, r, nameCol.col));
    if (name === "") {
      if (!rowIsBlank(grid, r, layout.left, layout.right)) skipped.push({ row: r, kind: "blank" });
      continue;
    }
    const dimValues = dims.map((p) => textOf(cellAt(grid, r, p.col)));
    if (isTotalLabel(name) || dimValues.some(isRollUp)) {
      skipped.push({ row: r, kind: "total" });
      totals.push(r);
      continue;
    }
    const f = familyMode ? familyOf(name) : { base: name, role: "actual" as Role, suffixed: false };
    if (scenarioCol) {
      const role = roleOfWord(textOf(cellAt(grid, r, scenarioCol.col)));
      if (role === null) continue;
      f.role = role;
    }
    const pv = periodCol ? cellAt(grid, r, periodCol.col) : null;
    entries.push({
      row: r,
      base: f.base,
      role: f.role,
      dims: dimValues,
      period: periodCol ? periodKey(pv, numberFormatAt(grid, r, periodCol.col)) : null,
      periodText: periodCol ? periodTextOf(grid, r, periodCol.col) : null,
    });
  }
  const actuals = entries.filter((e) => e.role === "actual");
  if (actuals.length < 2) return null;

  // Groups: base name + dimension values.
  const keyOf = (e: Entry) => {
    let k = e.base.toLowerCase();
    for (const d of e.dims) k += `\u0000${d.toLowerCase()}`;
    return k;
  };
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const k = keyOf(e);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(e);
  }
  const names = new Set(actuals.map((e) => e.base.toLowerCase()));
  const actualGroups = [...groups.values()].filter((g) => g.some((e) => e.role === "actual")).length;
  const hasFamilies = (familyMode || scenarioCol !== null) && entries.some((e) => e.role !== "actual");
  const repeatsSplit = dims.length > 0 && names.size < actuals.length && actualGroups > names.size;
  const history = !wide && periodCol !== null && actualGroups < actuals.length;
  if (!hasFamilies && !repeatsSplit && !history) return null;

  // Governance columns the sheet already has (beside the table, or past a gap).
  const governance: GovernanceColumns = { owner: null, threshold: null, lever: null, governance: null };
  for (const p of profiles) {
    const k = typeof cellAt(grid, headerRow, p.col) === "string" ? governanceKindOf(p.header) : null;
    if (k && governance[k] === null) governance[k] = p.col;
  }
  adoptGovernanceBeyond(grid, headerRow, layout.right + 1, region.right, governance);

  // Metrics.
  const metrics: MetricRow[] = [];
  let historyRows = 0;
  let referenceRows = 0;
  let withoutActual = 0;
  let latestCol = -1;
  // A tidy metric's unit is read from every value of its name (one row says little: 0 or 1).
  const byName = new Map<string, { row: number; col: number }[]>();
  if (valueCol)
    for (const e of actuals) {
      const k = e.base.toLowerCase();
      let list = byName.get(k);
      if (!list) byName.set(k, (list = []));
      list.push({ row: e.row, col: valueCol.col });
    }
  for (const g of groups.values()) {
    const acts = g.filter((e) => e.role === "actual");
    const sameName = byName.get(g[0].base.toLowerCase()) ?? [];
    referenceRows += g.length - acts.length;
    if (acts.length === 0) {
      withoutActual++;
      continue;
    }
    // The latest period's row; without readable periods, the last row.
    const ordered = acts.every((e) => e.period !== null)
      ? [...acts].sort((a, b) => a.period! - b.period! || a.row - b.row)
      : acts;
    const cur = ordered[ordered.length - 1];
    historyRows += ordered.length - 1;
    const dimensions = dims.map((p, i) => ({ name: p.header, value: cur.dims[i] }));
    const metric: MetricRow = {
      row: cur.row,
      name: dimensionName(acts[acts.length - 1].base, cur.dims),
      unit: "number",
      cell: { row: cur.row, col: nameCol.col },
      ...(dimensions.length > 0 ? { dimensions } : {}),
    };
    if (wide) {
      metric.values = periodCols.map((col) => ({ row: cur.row, col }));
      let currentCol = -1;
      for (let i = periodCols.length - 1; i >= 0; i--) {
        if (isNumber(cellAt(grid, cur.row, periodCols[i]))) {
          currentCol = periodCols[i];
          break;
        }
      }
      if (currentCol >= 0) {
        metric.current = { row: cur.row, col: currentCol };
        metric.currentPeriod = byCol(currentCol).header;
        if (currentCol > latestCol) latestCol = currentCol;
        const t = referenceValue(grid, g, (e) => cellAt(grid, e.row, currentCol));
        if (t !== undefined) metric.target = t;
      }
    } else if (valueCol) {
      const vc = valueCol.col;
      if (ordered.length > 1) metric.values = ordered.map((e) => ({ row: e.row, col: vc }));
      metric.current = { row: cur.row, col: vc };
      if (cur.periodText) metric.currentPeriod = cur.periodText;
      let t: number | undefined;
      if (targetCol) {
        const tv = cellAt(grid, cur.row, targetCol.col);
        if (isNumber(tv)) t = tv;
      }
      if (t === undefined)
        t = referenceValue(grid, g, (e) => (e.period === cur.period ? cellAt(grid, e.row, vc) : null));
      if (t !== undefined) metric.target = t;
    }
    // A new period's row has no answers yet: those typed on an earlier row of the metric
    // still hold (latest first) until the person writes new ones on the new row.
    if (ordered.length > 1) {
      const answerCells: MetricRow["answerCells"] = {};
      for (const kind of ["owner", "threshold", "lever"] as const) {
        const col = governance[kind];
        if (col === null || textOf(cellAt(grid, cur.row, col)) !== "" || isNumber(cellAt(grid, cur.row, col))) continue;
        for (let i = ordered.length - 2; i >= 0; i--) {
          const v = cellAt(grid, ordered[i].row, col);
          if (textOf(v) !== "" || isNumber(v)) {
            answerCells[kind] = { row: ordered[i].row, col };
            break;
          }
        }
      }
      if (Object.keys(answerCells).length > 0) metric.answerCells = answerCells;
    }
    metric.unit = unitOf(grid, metric, wide ? periodCols : valueCol ? [valueCol.col] : [], byCol, sameName);
    metrics.push(metric);
  }
  if (metrics.length < 2) return null;
  metrics.sort((a, b) => a.row - b.row);

  const headers: string[] = [];
  for (let c = 0; c <= layout.right; c++) headers.push(c >= layout.left ? byCol(c).header : "");
  skipped.sort((a, b) => a.row - b.row);

  const referenceColumns = targetCol ? [targetCol.col] : [];
  for (const p of profiles)
    if (p.kind === "reference" && p.col !== targetCol?.col && p.numbers > 0) referenceColumns.push(p.col);
  referenceColumns.sort((a, b) => a - b);

  const notes: string[] = [`Header in row ${headerRow + 1}`];
  const dimText = dims.map((p) => `${p.header} (${columnLetter(p.col)})`).join(", ");
  notes.push(
    `Long table: metric names in column ${columnLetter(nameCol.col)}` +
      (dims.length > 0 ? `, one metric per name and ${dimText}` : "") +
      `; ${metrics.length} metrics, named "name${dims.map((p) => ` · ${p.header}`).join("")}"`,
  );
  if (constant.length > 0)
    notes.push(
      `${constant.map((p) => `${p.header} (${columnLetter(p.col)})`).join(", ")} is the same on every row, so not in the names`,
    );
  if (wide) {
    notes.push(
      `Periods across ${columnLetter(periodCols[0])}:${columnLetter(periodCols[periodCols.length - 1])}` +
        (latestCol >= 0 ? `; current value from the latest filled period (${byCol(latestCol).header})` : ""),
    );
  } else if (valueCol) {
    notes.push(
      `Values in ${columnLetter(valueCol.col)} (${valueCol.header})` +
        (periodCol ? `, periods in ${columnLetter(periodCol.col)} (${periodCol.header})` : "") +
        (targetCol ? `, targets in ${columnLetter(targetCol.col)} (${targetCol.header})` : ""),
    );
  }
  if (hasFamilies) {
    const seen = new Set(entries.filter((e) => e.role !== "actual").map((e) => ROLE_WORDS[e.role]));
    notes.push(
      `${[...seen].join(" / ")} rows are reference values of their metric's Act row (${referenceRows} rows), not metrics` +
        (TARGET_ROLES.some((r) => seen.has(ROLE_WORDS[r]))
          ? "; the plan's value in the current period is its target"
          : ""),
    );
  }
  if (withoutActual > 0) notes.push(`${withoutActual} row groups have reference rows but no actual row: not metrics`);
  if (historyRows > 0) notes.push(`${historyRows} earlier-period rows are read as the history of their metric`);
  if (totals.length > 0)
    notes.push(
      `Skipped ${totals.length} total row${totals.length === 1 ? "" : "s"}: a roll-up of the slices, not a metric`,
    );
  const statusCol = profiles.find((p) => p.col !== nameCol!.col && isStatus(p));
  if (statusCol)
    notes.push(`${statusCol.header} (${columnLetter(statusCol.col)}) is the sheet's own status, not a value`);

  let confidence = 0.7;
  if (dims.length > 0) confidence += 0.1;
  if (hasFamilies) confidence += 0.1;
  if (isLabelHeader(nameCol.header) || words(nameCol.norm).some((w) => NAME_WORDS.has(w))) confidence += 0.05;
  if (valueCol && valueCol.kind === "current") confidence += 0.05;
  if (targetCol || periodCol) confidence += 0.05;
  if (hints.headerRow !== undefined || hints.metricColumn !== undefined) confidence = Math.max(confidence, 0.9);
  const table = grid.tables.find(
    (t) => t.hasHeaderRow && t.range.top === headerRow && t.range.left <= nameCol!.col && t.range.right >= nameCol!.col,
  );

  return {
    table: {
      sheetName: grid.sheetName,
      orientation: "long",
      area: { top: headerRow, left: layout.left, bottom: last, right: layout.right },
      headerRow,
      headers,
      metricColumn: nameCol.col,
      valueColumns: wide ? periodCols : [valueCol!.col],
      currentColumn: wide ? (latestCol >= 0 ? latestCol : null) : valueCol!.col,
      referenceColumns,
      governance,
      firstRow: first,
      lastRow: last,
      lastColumn: layout.right,
      metrics,
      skipped,
      tableName: table ? table.name : null,
      confidence: Math.round(Math.min(1, confidence) * 100) / 100,
      notes,
    },
  };
}

/** The period cell's text as the person reads it ("Sep 2021"; a date serial as its month). */
function periodTextOf(grid: Grid, row: number, col: number): string | null {
  const v = cellAt(grid, row, col);
  if (isNumber(v)) {
    const f = numberFormatAt(grid, row, col);
    return isDateFormat(f) ? serialLabel(v, f) : String(v);
  }
  const t = textOf(v);
  return t === "" ? null : t;
}

/** The group's target: its Target row's value, else Plan, Budget, Forecast (never PY). */
function referenceValue(grid: Grid, group: Entry[], valueOf: (e: Entry) => CellValue): number | undefined {
  for (const role of TARGET_ROLES) {
    for (const e of group) {
      if (e.role !== role) continue;
      const v = valueOf(e);
      if (isNumber(v)) return v;
    }
  }
  return undefined;
}

/**
 * How a metric's values are stored: a percent number format is a fraction; a "%" in its name
 * or value header with fractions only (data-frame exports) is a fraction too; else points.
 */
function unitOf(
  grid: Grid,
  m: MetricRow,
  valueCols: number[],
  byCol: (c: number) => ColumnProfile,
  sameName: { row: number; col: number }[],
): MetricRow["unit"] {
  const own = m.values ?? (m.current ? [m.current] : []);
  const cells = sameName.length > own.length ? sameName : own;
  if (m.current && isPercentFormat(numberFormatAt(grid, m.current.row, m.current.col))) return "percent-fraction";
  for (const c of cells) if (isPercentFormat(numberFormatAt(grid, c.row, c.col))) return "percent-fraction";
  const percent = m.name.includes("%") || valueCols.some((c) => byCol(c).header.includes("%"));
  if (!percent) return "number";
  return percentStorage(cells.map((c) => cellAt(grid, c.row, c.col)));
}

/** Tidy exports and dimension columns; see the top of this file. */
export const longReader: LayoutReader = {
  orientation: "long",
  read(grid: Grid, hints: DetectHints): KpiTable[] {
    const region = regionOf(grid, hints);
    if (!region) return [];
    const firstRow = hints.headerRow ?? region.top;
    const lastRow = hints.headerRow ?? Math.min(region.bottom, region.top + HEADER_SCAN_ROWS);
    for (let h = firstRow; h <= lastRow; h++) {
      if (h < region.top || h > region.bottom) continue;
      if (hints.headerRow === undefined && rowIsBlank(grid, h, region.left, region.right)) continue;
      // The first header that reads is the table's: the rows under it are its body.
      // A sample of the rows under it first: a big sheet is read whole once, not per row tried.
      const sample = readAt(grid, region, h, hints, h + SAMPLE_ROWS);
      if (sample === null) continue;
      const reading = sample.table.lastRow < h + SAMPLE_ROWS ? sample : readAt(grid, region, h, hints, Infinity);
      if (reading) return [reading.table];
    }
    return [];
  },
};
