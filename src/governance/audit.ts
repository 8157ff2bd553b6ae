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
import { formatThresholdValue, isBreached, parseThreshold } from "./threshold";
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
  MetricRow,
  OwnerLoad,
  Reason,
  Status,
  ReasonCode,
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
  const metrics = input.table.metrics.map((m) =>
    judgeMetric(input.grid, input.table, m, input.answers, input.answersSource ?? "answers", input.replace),
  );
  // Each owner's key once per metric, for the overload count and the summary's owner loads.
  const keys = metrics.map((m) => (m.owner === null ? null : ownerKey(m.owner)));
  markOverloadedOwners(metrics, options.maxMetricsPerOwner, keys);
  return { table: input.table, metrics, summary: summarize(metrics, options, keys), options };
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

function judgeMetric(
  grid: Grid,
  table: KpiTable,
  metric: MetricRow,
  external: ExternalAnswers | undefined,
  externalSource: AnswerSource,
  replace: AuditInput["replace"],
): MetricAudit {
  // The key costs a normalization per metric: only when there are answers to look up.
  const lookUp = (external !== undefined && external.size > 0) || (replace !== undefined && replace.size > 0);
  const key = lookUp ? metricKey(metric.name) : "";
  const given = external === undefined || external.size === 0 ? undefined : givenAnswers(external, key, metric);
  const replacing = replace === undefined || replace.size === 0 ? undefined : replace.get(key);
  // Three plain calls, not a closure per metric: this runs for every row of a big sheet.
  const gov = table.governance;
  const cells = metric.answerCells;
  const owner = answerFor(
    grid,
    cells?.owner,
    metric.row,
    gov.owner,
    given?.owner,
    externalSource,
    replacing?.owner === true,
  );
  const threshold = answerFor(
    grid,
    cells?.threshold,
    metric.row,
    gov.threshold,
    given?.threshold,
    externalSource,
    replacing?.threshold === true,
  );
  const lever = answerFor(
    grid,
    cells?.lever,
    metric.row,
    gov.lever,
    given?.lever,
    externalSource,
    replacing?.lever === true,
  );
  const answers: Answers = { owner: owner.text, threshold: threshold.text, lever: lever.text };

  const ownerVerdict = judgeOwner(answers.owner);
  const { value: current, cell: currentCell } = currentValue(grid, table, metric);
  const thresholdVerdict = parseThreshold(answers.threshold, {
    name: metric.name,
    unit: metric.unit,
    current,
    direction: metric.direction,
    hint: metric.thresholdHint,
  });
  const leverVerdict = judgeLever(answers.lever);

  const noAuthority = ownerVerdict.reasons.length + leverVerdict.reasons.length > 0;
  const status: Status = noAuthority ? "vanity" : thresholdVerdict.reasons.length > 0 ? "incomplete" : "decision-ready";
  // The threshold's reasons are a new list per metric (its messages name the metric): it is
  // the metric's own list when the owner and lever give none, which spares an array per row.
  const reasons: Reason[] =
    ownerVerdict.reasons.length + leverVerdict.reasons.length === 0 && !Object.isFrozen(thresholdVerdict.reasons)
      ? (thresholdVerdict.reasons as Reason[])
      : ownerVerdict.reasons.concat(thresholdVerdict.reasons, leverVerdict.reasons);
  const warnings: Warning[] =
    ownerVerdict.warnings.length + leverVerdict.warnings.length === 0
      ? []
      : ownerVerdict.warnings.concat(leverVerdict.warnings);

  const breached =
    thresholdVerdict.threshold !== null && current !== null ? isBreached(thresholdVerdict.threshold, current) : null;
  if (breached) {
    warnings.push({
      code: "threshold-breached",
      message: `'${metric.name}' is past its threshold '${answers.threshold.trim()}': it is red.`,
    });
  }

  if (thresholdVerdict.threshold !== null && !breached) {
    const far = unreachable(grid, table, metric, thresholdVerdict.threshold);
    if (far !== null) {
      const range = `${formatThresholdValue(far.low, metric.unit)} to ${formatThresholdValue(far.high, metric.unit)}`;
      warnings.push({
        code: "threshold-unreachable",
        message: `'${metric.name}' never came near its threshold '${answers.threshold.trim()}' (its ${far.count} values on the sheet run from ${range}): a trigger that cannot trip is no trigger; set one it could reach.`,
      });
    }
  }

  if (metric.latestMissing && currentCell !== null) {
    const { period, holds } = metric.latestMissing;
    const was = periodOf(table, metric, currentCell);
    warnings.push({
      code: "current-not-latest",
      message: `'${metric.name}' has no number for the latest period, ${period} (the cell holds ${holds}): its current value is ${was ? `${was}'s` : "an earlier period's"}.`,
    });
  }

  const t = thresholdVerdict.threshold;
  const named = t === null && metric.direction === undefined ? metricDirection(metric.name) : null;
  const direction =
    t !== null
      ? DIRECTIONS[t.direction][!t.directionFromName ? "answer" : metric.direction ? "sheet" : "lexicon"]
      : metric.direction
        ? DIRECTIONS[metric.direction].sheet
        : named
          ? DIRECTIONS[named].lexicon
          : null;
  return {
    row: metric.row,
    name: metric.name,
    unit: metric.unit,
    cell: metric.cell ?? { row: metric.row, col: table.metricColumn },
    currentCell,
    currentPeriod: currentCell === null ? null : periodOf(table, metric, currentCell),
    dimensions: metric.dimensions,
    unitLabel: metric.unitLabel,
    direction,
    target: metric.target,
    thresholdHint: metric.thresholdHint,
    current,
    currentColumn: currentCell?.col ?? null,
    answers,
    sources: sourcesOf(owner.source, threshold.source, lever.source),
    owner: ownerVerdict.owner,
    threshold: thresholdVerdict.threshold,
    status,
    reasons,
    warnings,
    breached,
  };
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
): { text: string; source: AnswerSource } {
  const text = (given ?? "").trim();
  const r = cell ? cell.row : row;
  const c = cell ? cell.col : col;
  if (c !== null) {
    const inSheet = cellText(cellAt(grid, r, c)).trim();
    // A template's placeholder ("<Enter Owners & Contributors>") is there to be replaced: an
    // answer the person gives takes its place, as a replacement they confirmed would.
    if (text !== "" && isTemplatePlaceholder(inSheet)) return { text, source: "replaced" };
    if (inSheet !== "" && !(replacing && given !== undefined)) return { text: inSheet, source: "sheet" };
    if (inSheet !== "") return { text, source: text === inSheet ? "sheet" : "replaced" };
  }
  return text === "" ? { text: "", source: "none" } : { text, source: givenSource };
}

function finiteAt(grid: Grid, row: number, col: number): number | null {
  const v = cellAt(grid, row, col);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * A metric's current value: the cell its layout names when it holds a number; else (rows)
 * the designated current-value column, else the row's latest number; else (other layouts)
 * its latest value.
 */
function currentValue(grid: Grid, table: KpiTable, metric: MetricRow): { value: number | null; cell: CellRef | null } {
  if (metric.current) {
    const v = finiteAt(grid, metric.current.row, metric.current.col);
    if (v !== null) return { value: v, cell: metric.current };
  }
  if (metric.values) {
    for (let i = metric.values.length - 1; i >= 0; i--) {
      const c = metric.values[i];
      const v = finiteAt(grid, c.row, c.col);
      if (v !== null) return { value: v, cell: c };
    }
    return { value: null, cell: null };
  }
  const row = metric.row;
  if (table.currentColumn !== null) {
    const v = finiteAt(grid, row, table.currentColumn);
    if (v !== null) return { value: v, cell: { row, col: table.currentColumn } };
  }
  for (let i = table.valueColumns.length - 1; i >= 0; i--) {
    const col = table.valueColumns[i];
    const v = finiteAt(grid, row, col);
    if (v !== null) return { value: v, cell: { row, col } };
  }
  return { value: null, cell: null };
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

function markOverloadedOwners(metrics: MetricAudit[], limit: number, keys: (string | null)[]): void {
  const counts = new Map<string, number>();
  for (const key of keys) {
    if (key === null) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // One warning per owner spelling, shared by their metrics (thousands of metrics, one text).
  const said = new Map<string, Warning>();
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i];
    const key = keys[i];
    if (m.owner === null || key === null) continue;
    const n = counts.get(key) ?? 0;
    if (n <= limit) continue;
    let warning = said.get(m.owner);
    if (warning === undefined) {
      warning = {
        code: "owner-overloaded",
        message: `'${m.owner}' owns ${n} metrics, more than ${limit}: nobody can trade off that many. Hand some to others.`,
      };
      said.set(m.owner, warning);
    }
    m.warnings.push(warning);
  }
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
