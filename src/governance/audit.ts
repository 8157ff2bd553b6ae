/**
 * The audit: each metric's answers judged by the rules in GOVERNANCE.md, its breach against
 * the current value, and the summary a person reads first.
 */
import { memoize } from "./memo";
import { baseNameOf } from "./layouts/long";
import { cellAt, cellText, type Grid } from "./grid";
import { judgeLever } from "./lever";
import { judgeOwner } from "./owner";
import { isTemplatePlaceholder, metricDirection } from "./lexicon";
import {
  THRESHOLD_PROBLEM_CODES,
  formatThresholdValue,
  isBreached,
  judgeThreshold,
  thresholdMessage,
  type ThresholdProblem,
  type ThresholdSubject,
} from "./threshold";
import type {
  AnswerSource,
  Answers,
  Audit,
  AuditOptions,
  AuditSummary,
  CellRef,
  Direction,
  DirectionSource,
  KpiTable,
  MetricAudit,
  Threshold,
  ThresholdHint,
  MetricRow,
  OwnerLoad,
  Reason,
  Status,
  ReasonCode,
  ValueUnit,
  Warning,
  WarningCode,
} from "./types";

export const DEFAULT_AUDIT_OPTIONS: AuditOptions = { maxMetricsPerOwner: 5 };

/** Answers given outside the sheet (an answers file, a prompt), keyed by `metricKey(name)`. */
export type ExternalAnswers = ReadonlyMap<string, Partial<Answers>>;

/** The key that matches a metric's name across the sheet, answer files and prompts. */
export function metricKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** The key under which two spellings of one owner ("dana lee", "Dana  Lee") count as one. */
export const ownerKey: (owner: string) => string = memoize(metricKey);

export interface AuditInput {
  grid: Grid;
  table: KpiTable;
  options?: Partial<AuditOptions>;
  /** Answers from outside the sheet; the sheet's own non-empty cells always win. */
  answers?: ExternalAnswers;
  /** Where `answers` came from (shown per metric), "answers" by default. */
  answersSource?: AnswerSource;
  /**
   * Sheet cells the person explicitly chose to replace (after a confirmation), keyed by
   * `metricKey(name)`: for those fields the given answer wins over the sheet's cell, and the
   * plan writes it there (source "replaced"). Decision Map never replaces a cell on its own.
   */
  replace?: ReadonlyMap<string, Partial<Record<AnswerField, true>>>;
}

/** The three questions, as fields of `Answers`. */
export type AnswerField = keyof Answers;

export function auditTable(input: AuditInput): Audit {
  const options: AuditOptions = { ...DEFAULT_AUDIT_OPTIONS, ...input.options };
  const { grid, table, replace } = input;
  const external = input.answers !== undefined && input.answers.size > 0 ? input.answers : undefined;
  const context: Context = {
    grid,
    table,
    external,
    externalSource: input.answersSource ?? "answers",
    replace: replace !== undefined && replace.size > 0 ? replace : undefined,
  };
  const rows = table.metrics;
  // The owners first, so that an overloaded owner's warning is known when each metric is judged.
  // What was given outside the sheet for each metric, looked up once (none: no lookups at all).
  const lookups =
    context.external !== undefined || context.replace !== undefined ? rows.map((m) => lookupOf(context, m)) : null;
  const owners = new Array<string>(rows.length);
  const ownerSources = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    owners[i] = answerOf(context, rows[i], lookups?.[i] ?? NO_LOOKUP, "owner");
    ownerSources[i] = SOURCE_INDEX[answerSource];
  }
  const keys = owners.map(ownerKeyOf);
  const overload = overloadWarnings(owners, keys, options.maxMetricsPerOwner);
  const metrics = new Array<MetricAudit>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const lookup = lookups?.[i] ?? NO_LOOKUP;
    metrics[i] = judgeMetric(context, rows[i], lookup, owners[i], SOURCE_NAMES[ownerSources[i]], overload);
  }
  return { table, metrics, summary: summarize(metrics, options, keys), options };
}

interface Context {
  grid: Grid;
  table: KpiTable;
  external: ExternalAnswers | undefined;
  externalSource: AnswerSource;
  replace: AuditInput["replace"];
}

/** Where the last `answerOf` found its answer: a variable, not an object per answer of a big sheet. */
let answerSource: AnswerSource = "none";

/** A metric's answer to one question (its source in `answerSource`). */
function answerOf(context: Context, metric: MetricRow, lookup: Lookup, field: AnswerField): string {
  return answerFor(
    context.grid,
    metric.answerCells?.[field],
    metric.row,
    context.table.governance[field],
    lookup.given?.[field],
    context.externalSource,
    lookup.replacing?.[field] === true,
  );
}

/** A metric's answers given outside the sheet, and the cells the person chose to replace. */
interface Lookup {
  given: Partial<Answers> | undefined;
  replacing: Partial<Record<AnswerField, true>> | undefined;
}

const NO_LOOKUP: Lookup = Object.freeze({ given: undefined, replacing: undefined });

function lookupOf(context: Context, metric: MetricRow): Lookup {
  // The key costs a normalization per metric: made once, and only when there are answers to look up.
  const key = metricKey(metric.name);
  return {
    given: context.external === undefined ? undefined : givenAnswers(context.external, key, metric),
    replacing: context.replace?.get(key),
  };
}

/** The owner key of an owner answer, or null when the answer names no one. */
function ownerKeyOf(answer: string): string | null {
  const owner = judgeOwner(answer).owner;
  return owner === null ? null : ownerKey(owner);
}

/** One warning per overloaded owner's spelling, shared by their metrics (thousands of metrics, one text). */
function overloadWarnings(owners: string[], keys: (string | null)[], limit: number): Map<string, Warning> {
  const counts = new Map<string, number>();
  for (const key of keys) if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  const said = new Map<string, Warning>();
  for (let i = 0; i < owners.length; i++) {
    const key = keys[i];
    if (key === null) continue;
    const n = counts.get(key) ?? 0;
    if (n <= limit) continue;
    const owner = judgeOwner(owners[i]).owner as string;
    if (said.has(owner)) continue;
    said.set(
      owner,
      Object.freeze({
        code: "owner-overloaded",
        message: `'${owner}' owns ${n} metrics, more than ${limit}: nobody can trade off that many. Hand some to others.`,
      }),
    );
  }
  return said;
}

/** One shared object per direction and source: a big sheet allocates none per metric. */
const DIRECTIONS = Object.fromEntries(
  (["above", "below"] as const).map((d) => [
    d,
    Object.fromEntries(
      (["sheet", "lexicon", "answer"] as const).map((source) => [source, Object.freeze({ direction: d, source })]),
    ),
  ]),
) as Record<Direction, Record<DirectionSource, NonNullable<MetricAudit["direction"]>>>;

/**
 * One shared, frozen object per combination of the three answers' sources: a big sheet has a
 * handful of combinations and 100,000 metrics.
 */
const SOURCE_INDEX: Record<AnswerSource, number> = { sheet: 0, answers: 1, ask: 2, none: 3, replaced: 4 };
const SOURCE_NAMES: readonly AnswerSource[] = ["sheet", "answers", "ask", "none", "replaced"];
const SOURCES: (MetricAudit["sources"] | undefined)[] = [];
function sourcesOf(owner: AnswerSource, threshold: AnswerSource, lever: AnswerSource): MetricAudit["sources"] {
  const key = SOURCE_INDEX[owner] * 25 + SOURCE_INDEX[threshold] * 5 + SOURCE_INDEX[lever];
  let s = SOURCES[key];
  if (s === undefined) {
    s = Object.freeze({ owner, threshold, lever });
    SOURCES[key] = s;
  }
  return s;
}

// The audit records' own parts: symbols, so that they stay out of Object.keys, for-in and JSON
// (and cost no WeakMap per field, as private fields compiled for the browser would).
const METRIC = Symbol("metric");
const TABLE = Symbol("table");
const CURRENT_REF = Symbol("currentRef");
const CURRENT_COL = Symbol("currentCol");
const OWNER_TEXT = Symbol("owner");
const THRESHOLD_TEXT = Symbol("threshold");
const LEVER_TEXT = Symbol("lever");
const FOUND = Symbol("found");
const SAY = Symbol("say");
const DETAIL = Symbol("detail");

/**
 * A metric's audit. A big sheet holds 100,000 of these, so it keeps few fields of its own: what
 * the layout read is its MetricRow's (name, cells, unit, dimensions), reached through getters,
 * and the messages that name the metric are put into words when read. `toJSON` gives every
 * field, as a plain MetricAudit object would.
 */
class AuditedMetric implements MetricAudit {
  readonly [METRIC]: MetricRow;
  readonly [TABLE]: KpiTable;
  /** The current value's cell when the layout named it; else its column on the metric's row (-1: none). */
  [CURRENT_REF]: CellRef | null = null;
  [CURRENT_COL] = -1;
  currentPeriod: string | null = null;
  current: number | null = null;
  // The three answers as given (`answers` gives them as one object).
  [OWNER_TEXT]: string;
  [THRESHOLD_TEXT]: string;
  [LEVER_TEXT]: string;
  sources: MetricAudit["sources"];
  owner: string | null = null;
  threshold: Threshold | null = null;
  status: Status = "vanity";
  reasons: Reason[] = NONE;
  warnings: Warning[] = NONE;
  breached: boolean | null = null;

  constructor(
    metric: MetricRow,
    table: KpiTable,
    owner: string,
    threshold: string,
    lever: string,
    sources: MetricAudit["sources"],
  ) {
    this[METRIC] = metric;
    this[TABLE] = table;
    this[OWNER_TEXT] = owner;
    this[THRESHOLD_TEXT] = threshold;
    this[LEVER_TEXT] = lever;
    this.sources = sources;
  }

  /** The three answers, as one new object each time (a big sheet keeps no object per metric for them). */
  get answers(): Answers {
    return { owner: this[OWNER_TEXT], threshold: this[THRESHOLD_TEXT], lever: this[LEVER_TEXT] };
  }
  /** The direction it trips in and who said so: the answer's, else the sheet's, else the name's. */
  get direction(): MetricAudit["direction"] {
    const t = this.threshold;
    const metric = this[METRIC];
    if (t !== null)
      return DIRECTIONS[t.direction][!t.directionFromName ? "answer" : metric.direction ? "sheet" : "lexicon"];
    if (metric.direction) return DIRECTIONS[metric.direction].sheet;
    const named = metricDirection(metric.name);
    return named ? DIRECTIONS[named].lexicon : null;
  }
  get row(): number {
    return this[METRIC].row;
  }
  get name(): string {
    return this[METRIC].name;
  }
  get unit(): ValueUnit {
    return this[METRIC].unit;
  }
  get cell(): CellRef {
    return this[METRIC].cell ?? { row: this[METRIC].row, col: this[TABLE].metricColumn };
  }
  get dimensions(): MetricRow["dimensions"] {
    return this[METRIC].dimensions;
  }
  get unitLabel(): string | undefined {
    return this[METRIC].unitLabel;
  }
  get target(): number | undefined {
    return this[METRIC].target;
  }
  get thresholdHint(): ThresholdHint | undefined {
    return this[METRIC].thresholdHint;
  }
  get currentCell(): CellRef | null {
    if (this[CURRENT_REF] !== null) return this[CURRENT_REF];
    return this[CURRENT_COL] < 0 ? null : { row: this[METRIC].row, col: this[CURRENT_COL] };
  }
  get currentColumn(): number | null {
    if (this[CURRENT_REF] !== null) return this[CURRENT_REF].col;
    return this[CURRENT_COL] < 0 ? null : this[CURRENT_COL];
  }
  /** The subject of the threshold's messages. */
  get subject(): ThresholdSubject {
    const m = this[METRIC];
    return { name: m.name, unit: m.unit, current: this.current, direction: m.direction, hint: m.thresholdHint };
  }

  /**
   * Reads the current value: the cell its layout names when it holds a number; else (rows) the
   * designated current-value column, else the row's latest number; else (other layouts) its
   * latest value.
   */
  readCurrent(grid: Grid): void {
    const metric = this[METRIC];
    const table = this[TABLE];
    if (metric.current) {
      const v = finiteAt(grid, metric.current.row, metric.current.col);
      if (v !== null) return this[FOUND](v, metric.current, -1);
    }
    if (metric.values) {
      for (let i = metric.values.length - 1; i >= 0; i--) {
        const c = metric.values[i];
        const v = finiteAt(grid, c.row, c.col);
        if (v !== null) return this[FOUND](v, c, -1);
      }
      return;
    }
    const row = metric.row;
    if (table.currentColumn !== null) {
      const v = finiteAt(grid, row, table.currentColumn);
      if (v !== null) return this[FOUND](v, null, table.currentColumn);
    }
    for (let i = table.valueColumns.length - 1; i >= 0; i--) {
      const col = table.valueColumns[i];
      const v = finiteAt(grid, row, col);
      if (v !== null) return this[FOUND](v, null, col);
    }
  }

  [FOUND](value: number, ref: CellRef | null, col: number): void {
    this.current = value;
    this[CURRENT_REF] = ref;
    this[CURRENT_COL] = col;
    this.currentPeriod = periodOf(this[TABLE], this[METRIC], ref ?? { row: this[METRIC].row, col });
  }

  toJSON(): MetricAudit {
    const out: MetricAudit = {
      row: this.row,
      name: this.name,
      unit: this.unit,
      cell: this.cell,
      currentCell: this.currentCell,
      currentPeriod: this.currentPeriod,
      direction: this.direction,
      current: this.current,
      currentColumn: this.currentColumn,
      answers: this.answers,
      sources: this.sources,
      owner: this.owner,
      threshold: this.threshold,
      status: this.status,
      reasons: this.reasons,
      warnings: this.warnings,
      breached: this.breached,
    };
    if (this.dimensions !== undefined) out.dimensions = this.dimensions;
    if (this.unitLabel !== undefined) out.unitLabel = this.unitLabel;
    if (this.target !== undefined) out.target = this.target;
    if (this.thresholdHint !== undefined) out.thresholdHint = this.thresholdHint;
    return out;
  }
}

/**
 * Lists of reasons and warnings are frozen: metrics whose lists say the same share one (a big
 * sheet has a few hundred distinct answers), so no one may change one metric's list.
 */
const NONE: never[] = Object.freeze([]) as never[];

/** The shared, frozen concatenation of lists, one per distinct combination of lists. */
const joined = new WeakMap<readonly unknown[], WeakMap<readonly unknown[], Map<unknown, readonly unknown[]>>>();
function join<T>(a: readonly T[], b: readonly T[], c?: T): T[] {
  if (c === undefined) {
    if (a.length + b.length === 0) return NONE;
    if (b.length === 0) return a as T[];
    if (a.length === 0) return b as T[];
  }
  let byB = joined.get(a);
  if (byB === undefined) joined.set(a, (byB = new WeakMap()));
  let byC = byB.get(b);
  if (byC === undefined) byB.set(b, (byC = new Map()));
  let list = byC.get(c);
  if (list === undefined) {
    list = Object.freeze(c === undefined ? a.concat(b) : a.concat(b, [c]));
    byC.set(c, list);
  }
  return list as T[];
}

/** A reason or warning whose message names its metric: put into words when read, not 100,000 times up front. */
class MetricFinding<C extends string> {
  readonly code: C;
  readonly [SAY]: (m: AuditedMetric, detail: unknown) => string;
  readonly [METRIC]: AuditedMetric;
  readonly [DETAIL]: unknown;

  constructor(code: C, say: (m: AuditedMetric, detail: never) => string, metric: AuditedMetric, detail?: unknown) {
    this.code = code;
    this[SAY] = say as (m: AuditedMetric, detail: unknown) => string;
    this[METRIC] = metric;
    this[DETAIL] = detail;
  }

  get message(): string {
    return this[SAY](this[METRIC], this[DETAIL]);
  }

  toJSON(): { code: C; message: string } {
    return { code: this.code, message: this.message };
  }
}

const sayThresholdProblem = (m: AuditedMetric, problem: ThresholdProblem): string =>
  thresholdMessage(problem, m.answers.threshold, m.subject);

const sayBreached = (m: AuditedMetric): string =>
  `'${m.name}' is past its threshold '${m.answers.threshold.trim()}': it is red.`;

const sayUnreachable = (m: AuditedMetric, far: { low: number; high: number; count: number }): string => {
  const range = `${formatThresholdValue(far.low, m.unit)} to ${formatThresholdValue(far.high, m.unit)}`;
  return `'${m.name}' never came near its threshold '${m.answers.threshold.trim()}' (its ${far.count} values on the sheet run from ${range}): a trigger that cannot trip is no trigger; set one it could reach.`;
};

const sayLate = (m: AuditedMetric, late: NonNullable<MetricRow["latestMissing"]>): string =>
  `'${m.name}' has no number for the latest period, ${late.period} (the cell holds ${late.holds}): its current value is ${m.currentPeriod ? `${m.currentPeriod}'s` : "an earlier period's"}.`;

function judgeMetric(
  context: Context,
  metric: MetricRow,
  lookup: Lookup,
  ownerAnswer: string,
  ownerSource: AnswerSource,
  overload: Map<string, Warning>,
): MetricAudit {
  const { grid, table } = context;
  const thresholdAnswer = answerOf(context, metric, lookup, "threshold");
  const thresholdSource = answerSource;
  const leverAnswer = answerOf(context, metric, lookup, "lever");
  const sources = sourcesOf(ownerSource, thresholdSource, answerSource);
  const m = new AuditedMetric(metric, table, ownerAnswer, thresholdAnswer, leverAnswer, sources);
  const ownerVerdict = judgeOwner(ownerAnswer);
  const leverVerdict = judgeLever(leverAnswer);
  m.readCurrent(grid);
  m.owner = ownerVerdict.owner;

  const judged = judgeThreshold(thresholdAnswer, { name: metric.name, unit: metric.unit, direction: metric.direction });
  const threshold = typeof judged === "string" ? null : judged;
  m.threshold = threshold;

  const noAuthority = ownerVerdict.reasons.length + leverVerdict.reasons.length > 0;
  m.status = noAuthority ? "vanity" : threshold === null ? "incomplete" : "decision-ready";
  if (threshold === null) {
    const problem = judged as ThresholdProblem;
    const found = new MetricFinding(THRESHOLD_PROBLEM_CODES[problem], sayThresholdProblem, m, problem);
    // This metric's own list (its message names it): not shared, so not frozen.
    m.reasons = noAuthority ? ownerVerdict.reasons.concat(found, leverVerdict.reasons) : [found];
  } else {
    m.reasons = join(ownerVerdict.reasons, leverVerdict.reasons);
  }

  // The owner's and the lever's warnings (shared), then this metric's own.
  const current = m.current;
  const breached = threshold !== null && current !== null ? isBreached(threshold, current) : null;
  m.breached = breached;
  let own: Warning | null = null;
  if (breached) own = new MetricFinding("threshold-breached", sayBreached, m);
  else if (threshold !== null) {
    const far = unreachable(grid, table, metric, threshold);
    if (far !== null) own = new MetricFinding("threshold-unreachable", sayUnreachable, m, far);
  }
  const late =
    metric.latestMissing && m.current !== null
      ? new MetricFinding("current-not-latest", sayLate, m, metric.latestMissing)
      : null;
  const overloaded = m.owner === null ? undefined : overload.get(m.owner);
  if (own === null && late === null) m.warnings = join(ownerVerdict.warnings, leverVerdict.warnings, overloaded);
  else {
    // This metric's own list, of its exact size (concat, not push): the shared warnings, its own,
    // then the overload warning.
    const mine = own !== null && late !== null ? [own, late] : [(own ?? late) as Warning];
    m.warnings = ownerVerdict.warnings.concat(
      leverVerdict.warnings,
      mine,
      overloaded === undefined ? NONE : [overloaded],
    );
  }

  return m;
}

/**
 * The answers given for a metric: those for its own name ("Sales · AZ"); for a metric with
 * dimensions, any field left unanswered there is taken from its base name's answers ("Sales"),
 * which thus apply to every slice that has no answer of its own.
 */
function givenAnswers(external: ExternalAnswers, key: string, metric: MetricRow): Partial<Answers> | undefined {
  const own = external.get(key);
  const base = baseNameOf(metric.name, metric.dimensions);
  const shared = base === null ? undefined : external.get(metricKey(base));
  if (shared === undefined) return own;
  if (own === undefined) return shared;
  const pick = (a: string | undefined, b: string | undefined) => (a !== undefined && a.trim() !== "" ? a : b);
  return {
    owner: pick(own.owner, shared.owner),
    threshold: pick(own.threshold, shared.threshold),
    lever: pick(own.lever, shared.lever),
  };
}

/**
 * The answer in the sheet's cell (the layout's own cell when it names one, else the row's
 * cell in the governance column, when there is one), unless the person gave another.
 */
function answerFor(
  grid: Grid,
  cell: CellRef | undefined,
  row: number,
  col: number | null,
  given: string | undefined,
  givenSource: AnswerSource,
  replacing: boolean,
): string {
  const text = (given ?? "").trim();
  const r = cell ? cell.row : row;
  const c = cell ? cell.col : col;
  if (c !== null) {
    const inSheet = cellText(cellAt(grid, r, c)).trim();
    // A template's placeholder ("<Enter Owners & Contributors>") is there to be replaced: an
    // answer the person gives takes its place, as a replacement they confirmed would.
    if (text !== "" && isTemplatePlaceholder(inSheet)) return said(text, "replaced");
    if (inSheet !== "" && !(replacing && given !== undefined)) return said(inSheet, "sheet");
    if (inSheet !== "") return said(text, text === inSheet ? "sheet" : "replaced");
  }
  return text === "" ? said("", "none") : said(text, givenSource);
}

function said(text: string, source: AnswerSource): string {
  answerSource = source;
  return text;
}

function finiteAt(grid: Grid, row: number, col: number): number | null {
  const v = cellAt(grid, row, col);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The period a current value is for: the layout's word for it, else its column's header. */
function periodOf(table: KpiTable, metric: MetricRow, cell: CellRef): string | null {
  if (
    metric.currentPeriod !== undefined &&
    metric.current &&
    metric.current.row === cell.row &&
    metric.current.col === cell.col
  )
    return metric.currentPeriod;
  if (metric.values) return metric.currentPeriod ?? null;
  const header = (table.headers[cell.col] ?? "").trim();
  return header === "" ? null : header;
}

/** How many of its own values a metric needs on the sheet before a threshold is called unreachable. */
export const UNREACHABLE_MIN_VALUES = 3;

/**
 * Whether a threshold is out of reach of the metric's own history on its row (its period and
 * current-value columns), with that history when it is. With the values running from `low`
 * to `high` (`width` apart), the trigger trips past `t`, some distance `d` beyond the nearest
 * edge (t − high for a trigger when high, low − t for one when low). It never came near when:
 * - it lies further out than both the band's width and the edge's own size (d > max(width,
 *   |edge|)): "> 200%" for a rate that ran 10% to 20% (a rate of 10% to 20% reaches 40%,
 *   Debtor Days of 30 to 60 reach 120), or
 * - it needs the metric to change sign, every value had the other sign, and zero is at least
 *   the band's width away: "below 0" for Debtor Days of 30 to 60. A profit of 10k to 500k may
 *   well turn into a loss, so "< 0" there is not flagged.
 * Fewer than three values say too little about a metric's range to judge.
 */
function unreachable(
  grid: Grid,
  table: KpiTable,
  metric: MetricRow,
  threshold: Threshold,
): { low: number; high: number; count: number } | null {
  let low = Infinity;
  let high = -Infinity;
  let count = 0;
  if (metric.values) {
    for (const c of metric.values) {
      const v = finiteAt(grid, c.row, c.col);
      if (v === null) continue;
      count++;
      if (v < low) low = v;
      if (v > high) high = v;
    }
    return farFrom(low, high, count, threshold);
  }
  const row = metric.row;
  // A plain loop over the row's value columns (then the current one), no closure per metric.
  const cols = table.valueColumns;
  const extra = table.currentColumn !== null && !cols.includes(table.currentColumn) ? table.currentColumn : -1;
  for (let i = 0; i <= cols.length; i++) {
    const col = i < cols.length ? cols[i] : extra;
    if (col < 0) continue;
    const v = cellAt(grid, row, col);
    if (typeof v !== "number" || !Number.isFinite(v)) continue;
    count++;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return farFrom(low, high, count, threshold);
}

function farFrom(
  low: number,
  high: number,
  count: number,
  threshold: Threshold,
): { low: number; high: number; count: number } | null {
  if (count < UNREACHABLE_MIN_VALUES) return null;
  const width = high - low;
  const t = threshold.value;
  const far =
    threshold.direction === "above"
      ? t - high > Math.max(width, Math.abs(high)) || (high < 0 && t >= 0 && t - high >= width)
      : low - t > Math.max(width, Math.abs(low)) || (low > 0 && t <= 0 && low - t >= width);
  return far ? { low, high, count } : null;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "24 metrics, 3 decisions": how many of the signals can produce a decision. */
export function decisionRatio(metrics: number, decisions: number): string {
  return `${plural(metrics, "metric", "metrics")}, ${plural(decisions, "decision", "decisions")}`;
}

function summarize(metrics: MetricAudit[], options: AuditOptions, keys: (string | null)[]): AuditSummary {
  const byStatus: Record<Status, number> = { "decision-ready": 0, incomplete: 0, vanity: 0 };
  const loads = new Map<string, OwnerLoad>();
  const red: string[] = [];
  let founderHeld = 0;
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i];
    byStatus[m.status]++;
    if (m.breached === true) red.push(m.name);
    const key = keys[i];
    if (m.owner === null || key === null) continue;
    let founder = false;
    for (const w of m.warnings) if (w.code === "owner-founder") founder = true;
    if (founder) founderHeld++;
    let load = loads.get(key);
    if (load === undefined) {
      load = { owner: m.owner, metrics: 0, overloaded: false, founder: false };
      loads.set(key, load);
    }
    load.metrics += 1;
    load.founder ||= founder;
  }
  const owners = [...loads.values()]
    .map((l) => ({ ...l, overloaded: l.metrics > options.maxMetricsPerOwner }))
    .sort((a, b) => b.metrics - a.metrics || a.owner.localeCompare(b.owner));
  return {
    metrics: metrics.length,
    decisionReady: byStatus["decision-ready"],
    incomplete: byStatus.incomplete,
    vanity: byStatus.vanity,
    breached: red.length,
    founderHeld,
    ratio: decisionRatio(metrics.length, byStatus["decision-ready"]),
    owners,
    red,
  };
}

/** The metrics still missing an answer, for prompting (in sheet order). */
export function metricsMissingAnswers(audit: Audit): MetricAudit[] {
  return audit.metrics.filter((m) => m.status !== "decision-ready");
}

const reasonTexts = new WeakMap<MetricAudit, string>();

/** Each reason in a few words, for the Governance cell and lists where the full sentence is too long. */
export const SHORT_REASONS: Record<ReasonCode, string> = {
  "owner-missing": "no owner",
  "owner-unknown": "no one named as owner",
  "owner-group": "owner is a group",
  "owner-multiple": "several owners",
  "threshold-missing": "no threshold",
  "threshold-vague": "threshold has no number",
  "threshold-direction-unknown": "threshold has no direction",
  "lever-missing": "no lever",
  "lever-escalates": "lever needs approval",
  "lever-vague": "lever is commentary",
};

/** The warnings worth a word in the Governance cell (an unbounded lever is noted only in full). */
export const SHORT_WARNINGS: Partial<Record<WarningCode, string>> = {
  "threshold-breached": "red now",
  "threshold-unreachable": "threshold unreachable",
  "owner-founder": "held by the founder",
  "owner-overloaded": "owner overloaded",
};

/** "no owner, no lever": the reasons in a few words ("" when there are none). */
export function shortReasonsText(m: MetricAudit): string {
  return m.reasons.map((r) => SHORT_REASONS[r.code]).join(", ");
}

/** "red now, owner overloaded": the warnings a reader should see at a glance. */
export function shortWarningsText(m: MetricAudit): string {
  const out: string[] = [];
  for (const w of m.warnings) {
    const text = SHORT_WARNINGS[w.code];
    if (text !== undefined) out.push(text);
  }
  return out.join(", ");
}

/** A metric's reasons as one line of sentences ("" when it has none), built once per metric. */
export function reasonsText(m: MetricAudit): string {
  let text = reasonTexts.get(m);
  if (text === undefined) {
    text = m.reasons.length === 1 ? m.reasons[0].message : m.reasons.map((r) => r.message).join(" ");
    reasonTexts.set(m, text);
  }
  return text;
}
