/**
 * The core's data: what detection finds, what the judges say, what an audit concludes and
 * what a host must write. Plain data only, so any host, test or screen can use it.
 */
import type { CellRange } from "./grid";

// ---------------------------------------------------------------------------------------
// Detection

/** How the values of one metric are stored, which decides how "3%" in a threshold reads. */
export type ValueUnit =
  /** Percent number format: 3% is stored as 0.03. */
  | "percent-fraction"
  /** A "%" in the header or name but a plain number format: 3% is stored as 3. */
  | "percent-points"
  /** Anything else (counts, money, ratios). */
  | "number";

/** A 0-based cell address. */
export interface CellRef {
  row: number;
  col: number;
}

/**
 * How a KPI table lays its metrics out, which decides where its values are read and where
 * its governance is written:
 * - `rows`: one metric per row, periods or Actual / Target across (governance columns to the right);
 * - `columns`: one metric per column, periods down the rows (a governance side table to the right);
 * - `blocks`: one metric per sheet or block, as label / value cells (governance as label / value pairs);
 * - `long`: a tidy export, one row per metric and dimension values (Service, Site, State).
 */
export type Orientation = "rows" | "columns" | "blocks" | "long";

/** Where a metric's direction ("lower is better") came from. */
export type DirectionSource = "sheet" | "lexicon" | "answer";

export interface MetricRow {
  /**
   * 0-based sheet row where the metric's governance sits: its own row in `rows` and `long`
   * tables, its row of the side table in `columns`, its block's Owner row in `blocks`.
   * Unique and ascending within a table: hosts and screens use it as the metric's identity.
   */
  row: number;
  /** The metric's name as a person reads it (trimmed); in `long` tables with its dimensions. */
  name: string;
  unit: ValueUnit;
  /** The cell holding its name; absent means (row, table.metricColumn). */
  cell?: CellRef;
  /**
   * Its values in period order, oldest first (a `columns` metric's cells down the rows);
   * absent means the row's cells in `table.valueColumns`.
   */
  values?: CellRef[];
  /** The cell of its current value; absent means the row's cell in `table.currentColumn` (else its latest value). */
  current?: CellRef | null;
  /** The header text of the period the current value is for ("Dec 2024", "Sprint 66", "Q3 Actual"). */
  currentPeriod?: string;
  /** Dimension values that make this row one metric of many with the same name (`long`). */
  dimensions?: { name: string; value: string }[];
  /** The unit the sheet states for it (a Unit column, a "($)" in the header): "%", "days", "$". */
  unitLabel?: string;
  /** The direction the sheet states (a Direction column: "Lower is better"). */
  direction?: Direction;
  /** The target the sheet sets for the current period, as a threshold hint (never a threshold). */
  target?: number;
  /** A threshold the sheet itself suggests (where its red status band starts), offered, never written. */
  thresholdHint?: ThresholdHint;
  /**
   * When the table's latest period holds no number for this metric (#N/A, "-", nothing) and
   * its current value is an earlier period's: that latest period and what its cell shows.
   */
  latestMissing?: { period: string; holds: string };
  /**
   * Cells where the sheet already holds this metric's governance answers, when they are not
   * (row, table.governance[kind]): a side table's row, a block's value cells.
   */
  answerCells?: Partial<Record<GovernanceKind, CellRef>>;
}

export type SkippedRowKind = "blank" | "title" | "section" | "total" | "header" | "note";

export interface SkippedRow {
  row: number;
  kind: SkippedRowKind;
}

/** The governance columns a sheet already has, 0-based, or null when absent. */
export interface GovernanceColumns {
  owner: number | null;
  threshold: number | null;
  lever: number | null;
  governance: number | null;
}

export interface KpiTable {
  sheetName: string;
  /** How the metrics are laid out (rows unless a layout reader says otherwise). */
  orientation?: Orientation;
  /**
   * The cells the table covers, header to last row, as a person would select it. Absent means
   * rows headerRow..lastRow, columns min(metricColumn, values)..lastColumn.
   */
  area?: CellRange;
  /**
   * Why nothing may be written beside this table, when that is so (a pivot table: its cells
   * are rewritten on refresh); the plan then writes only the Decision Map and MBR Brief sheets.
   */
  summaryOnly?: string;
  /** 0-based sheet row of the header. */
  headerRow: number;
  /** Header text per sheet column (index = 0-based column), "" where blank. */
  headers: string[];
  /** 0-based column of metric names. */
  metricColumn: number;
  /** Period / value columns (months, quarters, "Actual"), left to right. */
  valueColumns: number[];
  /** The designated current-value column (latest period with data), or null. */
  currentColumn: number | null;
  /** Target / Plan / Budget / Forecast / Variance / PY columns: known, never current values. */
  referenceColumns: number[];
  governance: GovernanceColumns;
  /** First and last 0-based sheet rows of the table body (after the header). */
  firstRow: number;
  lastRow: number;
  /** Last 0-based column the table uses (before any governance column is added). */
  lastColumn: number;
  metrics: MetricRow[];
  skipped: SkippedRow[];
  /** The Excel table this KPI table sits in, if any. */
  tableName: string | null;
  /** 0..1: how sure detection is. */
  confidence: number;
  /** Short sentences a person can read about what was found ("Months across B:M"). */
  notes: string[];
}

export type DetectFailure =
  | { ok: false; code: "empty-sheet"; message: string }
  | { ok: false; code: "no-kpi-table"; message: string }
  | { ok: false; code: "metrics-in-columns"; message: string };

export type DetectResult =
  | {
      ok: true;
      table: KpiTable;
      /** Other KPI tables found on the sheet (any layout), best first, so the person can pick one. */
      others?: KpiTable[];
    }
  | DetectFailure;

/** A person's correction of what detection found (from a selection, or --header-row). */
export interface DetectHints {
  /** 0-based header row to use. */
  headerRow?: number;
  /** 0-based metric-name column to use. */
  metricColumn?: number;
  /** 0-based current-value column to use. */
  currentColumn?: number;
  /** Only look inside this range (a selected table or range). */
  within?: CellRange;
  /** Only look inside this Excel table (by name, without case). */
  table?: string;
  /** Only read the sheet as this layout. */
  orientation?: Orientation;
}

// ---------------------------------------------------------------------------------------
// Judging

export type ReasonCode =
  | "owner-missing"
  | "owner-unknown"
  | "owner-group"
  | "owner-multiple"
  | "lever-missing"
  | "lever-escalates"
  | "lever-vague"
  | "threshold-missing"
  | "threshold-vague"
  | "threshold-direction-unknown";

export type WarningCode =
  | "owner-founder"
  | "owner-overloaded"
  | "lever-unbounded"
  | "threshold-breached"
  | "threshold-unreachable"
  /** The latest period holds no number for the metric: its current value is an earlier period's. */
  | "current-not-latest";

export interface Finding<C extends string> {
  code: C;
  /** One line for a person, quoting the answer ("'Sales team' is a team; name one person."). */
  message: string;
}

export type Reason = Finding<ReasonCode>;
export type Warning = Finding<WarningCode>;

export interface OwnerVerdict {
  /** The owner as one individual, trimmed, when sound; null otherwise. */
  owner: string | null;
  reasons: Reason[];
  /** owner-founder only; owner-overloaded is decided by the audit. */
  warnings: Warning[];
}

/** "When high" triggers when the value goes above; "when low" when it goes below. */
export type Direction = "above" | "below";

/** A threshold the sheet suggests for a metric: offered to the person, never taken as their answer. */
export interface ThresholdHint {
  /** As a person would type it, in the sheet's unit ("< 85%"). */
  text: string;
  direction: Direction;
  /** Where it comes from, in a few words ("the sheet's red band 'Red < 85%' (D1)"). */
  why: string;
  /** The cell it was read from. */
  cell?: CellRef;
}

export interface Threshold {
  direction: Direction;
  /** Whether reaching the value exactly already trips it (>=, <=, "reaches", "at or above"). */
  inclusive: boolean;
  /** The trigger in the metric's own stored units (3% → 0.03 for a percent-formatted metric). */
  value: number;
  /** Whether the person wrote it as a percentage. */
  percent: boolean;
  /** The answer as typed. */
  text: string;
  /** Whether the direction came from the metric's name rather than the answer. */
  directionFromName: boolean;
}

export interface ThresholdVerdict {
  threshold: Threshold | null;
  reasons: Reason[];
}

export interface LeverVerdict {
  reasons: Reason[];
  /** lever-unbounded. */
  warnings: Warning[];
}

export type Status = "decision-ready" | "incomplete" | "vanity";

/** The three answers for a metric as typed, "" when missing. */
export interface Answers {
  owner: string;
  threshold: string;
  lever: string;
}

/** Where each answer came from: the sheet's own cell, an answers file, or a prompt. */
export type AnswerSource = "sheet" | "answers" | "ask" | "none" | "replaced";

export interface MetricAudit {
  row: number;
  name: string;
  unit: ValueUnit;
  /** The cell holding its name. */
  cell: CellRef;
  /** The cell its current value was read from, or null. */
  currentCell: CellRef | null;
  /** Header text of the current value's period, when known. */
  currentPeriod: string | null;
  dimensions?: { name: string; value: string }[];
  unitLabel?: string;
  /** The direction it trips in and who said so, when known. */
  direction: { direction: Direction; source: DirectionSource } | null;
  /** The sheet's target for the current period, when it has one. */
  target?: number;
  /** A threshold the sheet suggests (its red status band), when it has one. */
  thresholdHint?: ThresholdHint;
  /** Numeric current value, or null when there is none. */
  current: number | null;
  /** 0-based column the current value came from, or null. */
  currentColumn: number | null;
  answers: Answers;
  sources: { owner: AnswerSource; threshold: AnswerSource; lever: AnswerSource };
  owner: string | null;
  threshold: Threshold | null;
  status: Status;
  reasons: Reason[];
  warnings: Warning[];
  /** Past the threshold; null when there is no numeric current value or no threshold. */
  breached: boolean | null;
}

export interface OwnerLoad {
  owner: string;
  metrics: number;
  overloaded: boolean;
  founder: boolean;
}

export interface AuditSummary {
  metrics: number;
  decisionReady: number;
  incomplete: number;
  vanity: number;
  breached: number;
  founderHeld: number;
  /** "24 metrics, 3 decisions". */
  ratio: string;
  owners: OwnerLoad[];
  /** Names of the breached (red) metrics, in sheet order. */
  red: string[];
}

export interface AuditOptions {
  /** More metrics than this per owner is overload (default 5). */
  maxMetricsPerOwner: number;
}

export interface Audit {
  table: KpiTable;
  metrics: MetricAudit[];
  summary: AuditSummary;
  options: AuditOptions;
}

// ---------------------------------------------------------------------------------------
// Writing

export type GovernanceKind = "owner" | "threshold" | "lever" | "governance";

export interface PlannedColumn {
  kind: GovernanceKind;
  /** 0-based column. */
  col: number;
  header: string;
  /** True when the plan adds this column; false when the sheet already had it. */
  created: boolean;
  /** Width in characters for a column the plan adds, so its text can be read. */
  width?: number;
  /**
   * The Excel table (ListObject) this column belongs to. For a created column, the host
   * makes it a column of that table (in Excel `table.columns.add`; in a file the table's
   * ref, tableColumns and autoFilter), so sorting the table keeps each verdict with its row.
   */
  table?: string;
}

/** One cell to write. Strings are always written as text, never as formulas. */
export interface PlannedCell {
  row: number;
  col: number;
  value: string | number | null;
  /** Format the cell like this existing cell (a new header takes the header row's look). */
  styleLike?: { row: number; col: number };
  /** Wrap the text, top-aligned, where a cell of ours holds sentences (Lever, Governance). */
  wrap?: boolean;
}

export type HighlightStyle = "vanity" | "incomplete" | "decision-ready" | "red";

/** One conditional-format rule driven by the Governance cell. */
export interface PlannedRule {
  range: CellRange;
  /** The rule's formula without "=", relative to the range's top-left cell. */
  formula: string;
  style: HighlightStyle;
  /** Fill colour, #RRGGBB. */
  fill: string;
  /** Font colour, #RRGGBB. */
  font: string;
}

/** A whole sheet the plan adds or replaces (the Decision Map and MBR Brief sheets). */
export interface PlannedSheet {
  name: string;
  /** Rows of cells from A1; strings stay text. */
  rows: (string | number | null)[][];
  /** Column widths in characters, per column, where it helps reading. */
  widths?: number[];
  /** 0-based columns whose text wraps (sentences). */
  wrap?: number[];
  /** Number formats per cell, the shape of `rows` where given; null or missing is General. */
  numberFormats?: (string | null)[][];
  /** Row 1 is a header: bold, and frozen above the rest. */
  header?: boolean;
  /** Printed landscape, one page wide, as a brief is read at the MBR. */
  landscape?: boolean;
}

export interface WritePlan {
  sheetName: string;
  columns: PlannedColumn[];
  cells: PlannedCell[];
  rules: PlannedRule[];
  sheets: PlannedSheet[];
}

export type PlanResult =
  | { ok: true; plan: WritePlan }
  | { ok: false; code: "cell-occupied" | "sheet-protected" | "no-room"; message: string; cell?: string };
