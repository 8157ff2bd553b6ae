/** What the command prints: a readable report, or the JSON contract. */
import { reasonsText } from "../governance/audit";
import { formatThresholdValue } from "../governance/threshold";
import { cellAddress, columnLetter, quoteSheetName, rangeAddress } from "../governance/grid";
import { tableArea } from "../governance/area";
import { outsideTableNote } from "../governance/place/rows";
import { summaryOnlyNote } from "../governance/plan";
import type { Audit, KpiTable, MetricAudit, Orientation, ValueUnit, WritePlan } from "../governance/types";

/** How a metric's values are stored, in the words of the JSON's `unit` when the sheet names none. */
const UNIT_NAMES: Record<ValueUnit, string> = {
  "percent-fraction": "% (stored as a fraction)",
  "percent-points": "% (stored as points)",
  number: "number",
};

export interface JsonReport {
  workbook: string;
  sheet: string;
  output: string | null;
  table: {
    /** How the metrics are laid out: rows, columns, blocks or long. */
    orientation: Orientation;
    /** The table's cells, A1 ("B5:E10"). */
    range: string;
    /** The Excel table it is, if any. */
    name: string | null;
    /** Why only the Decision Map and MBR Brief sheets were written, when so. */
    summaryOnly: string | null;
    headerRow: number;
    metricColumn: string;
    valueColumn: string | null;
    firstRow: number;
    lastRow: number;
    valueColumns: string[];
    governanceColumns: { owner: string; threshold: string; lever: string; governance: string } | null;
    /** How the table was read, one line each (header row, columns set aside, labels that are not metrics). */
    notes: string[];
  };
  metrics: {
    row: number;
    name: string;
    /** A1 address of the cell holding its name. */
    cell: string;
    /** For metrics as columns: the column letter of the metric. */
    column: string | null;
    /** For long exports: the dimension values that make this row one metric. */
    dimensions: { name: string; value: string }[] | null;
    /** The unit the sheet states ("%", "$", "days"), else how its values are stored. */
    unit: string;
    /** The direction it trips in and who said so (the sheet, the lexicon, the answer). */
    direction: { value: "above" | "below"; source: "sheet" | "lexicon" | "answer" } | null;
    current: number | null;
    /** A1 address of the current value's cell. */
    currentCell: string | null;
    /** The period the current value is for, as the sheet writes it. */
    currentPeriod: string | null;
    /** The sheet's target for that period (a month's Target, an Estimated column), or null. */
    target: number | null;
    /** A threshold the sheet itself suggests (its red status band), never taken as the answer. */
    thresholdHint: { text: string; direction: "above" | "below"; why: string } | null;
    owner: string | null;
    threshold: string | null;
    lever: string | null;
    status: string;
    breached: boolean | null;
    reasons: string[];
    warnings: string[];
    messages: string[];
  }[];
  summary: Audit["summary"];
}

export function jsonReport(
  audit: Audit,
  workbook: string,
  output: string | null,
  governanceColumns: JsonReport["table"]["governanceColumns"],
): JsonReport {
  const t = audit.table;
  return {
    workbook,
    sheet: t.sheetName,
    output,
    table: {
      orientation: t.orientation ?? "rows",
      range: rangeAddress(tableArea(t)),
      name: t.tableName,
      summaryOnly: t.summaryOnly ?? null,
      headerRow: t.headerRow + 1,
      metricColumn: columnLetter(t.metricColumn),
      valueColumn: t.currentColumn === null ? null : columnLetter(t.currentColumn),
      firstRow: t.firstRow + 1,
      lastRow: t.lastRow + 1,
      valueColumns: t.valueColumns.map(columnLetter),
      governanceColumns,
      notes: t.notes,
    },
    metrics: audit.metrics.map((m) => ({
      row: m.row + 1,
      name: m.name,
      cell: cellAddress(m.cell.row, m.cell.col),
      column: t.orientation === "columns" ? columnLetter(m.cell.col) : null,
      dimensions: m.dimensions ?? null,
      unit: m.unitLabel ?? UNIT_NAMES[m.unit],
      direction: m.direction && { value: m.direction.direction, source: m.direction.source },
      current: m.current,
      currentCell: m.currentCell && cellAddress(m.currentCell.row, m.currentCell.col),
      currentPeriod: m.currentPeriod,
      target: m.target ?? null,
      thresholdHint: m.thresholdHint
        ? { text: m.thresholdHint.text, direction: m.thresholdHint.direction, why: m.thresholdHint.why }
        : null,
      owner: m.answers.owner || null,
      threshold: m.answers.threshold || null,
      lever: m.answers.lever || null,
      status: m.status,
      breached: m.breached,
      reasons: m.reasons.map((r) => r.code),
      warnings: m.warnings.map((w) => w.code),
      messages: [...m.reasons, ...m.warnings].map((f) => f.message),
    })),
    summary: audit.summary,
  };
}

/** Where a table is, for a person: "'Table11' (B5:E10)", or "B5:E10" when it is no Excel table. */
function tableLabel(t: KpiTable): string {
  const range = rangeAddress(tableArea(t));
  return t.tableName ? `'${t.tableName}' (${range})` : range;
}

/** The other KPI tables on the sheet, for the JSON contract. */
export function otherTablesJson(others: KpiTable[]): { range: string; name?: string; orientation: Orientation }[] {
  return others.map((t) => ({
    range: rangeAddress(tableArea(t)),
    ...(t.tableName ? { name: t.tableName } : {}),
    orientation: t.orientation ?? "rows",
  }));
}

/**
 * Which table was audited when the sheet holds several, and how to pick another, or null:
 * "Audited table 'Table11' (B5:E10) on 'Sheet1'; 2 other tables: 'Table9' (B22:E31), C40:F52 —
 * --table Table9 or --range B22:E31 to audit another."
 */
export function chosenTableText(t: KpiTable, others: KpiTable[]): string | null {
  if (others.length === 0) return null;
  const shown = others.slice(0, 4).map(tableLabel).join(", ") + (others.length > 4 ? ", …" : "");
  // The option that picks the first of them, as the person would type it.
  const first = others[0];
  const range = `--range ${rangeAddress(tableArea(first))}`;
  const how = first.tableName ? `--table ${first.tableName} or ${range}` : range;
  return (
    `Audited ${t.tableName ? "table " : ""}${tableLabel(t)} on '${t.sheetName}'; ` +
    `${others.length} other table${others.length === 1 ? "" : "s"}: ${shown} — ${how} to audit another.`
  );
}

/** What the person should know about where the governance went (or why it went nowhere on the sheet). */
export function reportNotes(audit: Audit, plan: WritePlan): string[] {
  const notes: string[] = [];
  const t = audit.table;
  const summaryOnly = summaryOnlyNote(t);
  if (summaryOnly) notes.push(summaryOnly);
  // Only row layouts join an Excel table; a side table or a block never does, by design.
  const rowsLike = (t.orientation ?? "rows") === "rows" || t.orientation === "long";
  const outside = rowsLike ? outsideTableNote(t, plan.columns) : null;
  if (outside) notes.push(outside);
  return notes;
}

function cellsSpan(cells: { row: number; col: number }[]): string {
  if (cells.length === 0) return "";
  const top = Math.min(...cells.map((c) => c.row));
  const bottom = Math.max(...cells.map((c) => c.row));
  const left = Math.min(...cells.map((c) => c.col));
  const right = Math.max(...cells.map((c) => c.col));
  return rangeAddress({ top, left, bottom, right });
}

/**
 * "24 metrics in Dashboard!A5:A40, header in row 4, current values in N (Dec)" for rows; for
 * other layouts, how they are laid out: "9 metrics in 'Raw Data'!C1:M1, metrics as columns,
 * periods down A2:A13; current values from row 13 (Dec-24)".
 */
export function describeTable(t: KpiTable, metrics: number, audited: MetricAudit[] = []): string {
  const sheet = quoteSheetName(t.sheetName);
  const n = `${metrics} metric${metrics === 1 ? "" : "s"}`;
  const orientation = t.orientation ?? "rows";
  const names = cellsSpan(audited.map((m) => m.cell));
  if (orientation === "columns" && names) {
    const rows = t.metrics[0]?.values?.map((c) => c.row) ?? [];
    const periods = rows.length > 0 ? `, periods down rows ${Math.min(...rows) + 1}–${Math.max(...rows) + 1}` : "";
    const first = audited.find((m) => m.currentCell !== null);
    const current = first?.currentCell
      ? `current values from row ${first.currentCell.row + 1}${first.currentPeriod ? ` (${first.currentPeriod})` : ""}`
      : "no current values";
    return `${n} in ${sheet}!${names}, metrics as columns${periods}; ${current}`;
  }
  if (orientation === "blocks" && names) {
    return `${n} in ${sheet}!${names}, one metric per block of labelled cells`;
  }
  const nameColumn = columnLetter(t.metricColumn);
  const where = `${sheet}!${nameColumn}${t.firstRow + 1}:${nameColumn}${t.lastRow + 1}`;
  // The period as the metrics read it ("Jun-24"): a header holding a date is a serial (45444).
  const col = t.currentColumn;
  const period =
    col === null
      ? ""
      : (audited.find((m) => m.currentCell?.col === col && m.currentPeriod)?.currentPeriod ?? t.headers[col]);
  const current =
    col === null
      ? "no current-value column (the latest number in each row is used)"
      : `current values in ${columnLetter(col)}${period ? ` (${period})` : ""}`;
  const layout = orientation === "long" ? ", a long export (one row per metric and its dimensions)" : "";
  return `${n} in ${where}${layout}, header in row ${t.headerRow + 1}, ${current}`;
}

function currentText(m: MetricAudit): string {
  return m.current === null ? "no value" : formatThresholdValue(m.current, m.unit);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

export function textReport(audit: Audit, workbook: string, output: string | null): string {
  const { summary: s, metrics } = audit;
  const out: string[] = [];
  out.push(`Decision Map: ${workbook}`);
  out.push(describeTable(audit.table, metrics.length, metrics));
  out.push("");
  out.push(
    `${s.ratio}: ${s.decisionReady} decision-ready, ${s.incomplete} incomplete, ${s.vanity} vanity; ` +
      `${s.breached} red; ${s.founderHeld} held by the founder or CEO.`,
  );
  const width = Math.min(32, Math.max(8, ...metrics.map((m) => m.name.length)));

  const red = metrics.filter((m) => m.breached === true);
  out.push("", `Red metrics (${red.length})`);
  if (red.length === 0) out.push("  none");
  for (const m of red) {
    const who = m.status === "decision-ready" ? `${m.owner}: ${m.answers.lever}` : "nobody holds authority";
    out.push(`  ${pad(m.name, width)}  ${currentText(m)} against ${m.answers.threshold}  ${who}`);
  }

  for (const status of ["vanity", "incomplete"] as const) {
    const list = metrics.filter((m) => m.status === status);
    out.push("", `${status === "vanity" ? "Vanity" : "Incomplete"} (${list.length})`);
    if (list.length === 0) out.push("  none");
    for (const m of list) out.push(`  ${pad(m.name, width)}  ${reasonsText(m)}`);
  }

  const ready = metrics.filter((m) => m.status === "decision-ready");
  out.push("", `Decision-ready (${ready.length})`);
  if (ready.length === 0) out.push("  none");
  for (const m of ready) out.push(`  ${pad(m.name, width)}  ${m.owner}, ${m.answers.threshold}: ${m.answers.lever}`);

  out.push("", `Owner load (more than ${audit.options.maxMetricsPerOwner} is overload)`);
  if (s.owners.length === 0) out.push("  no metric has a single owner");
  for (const o of s.owners) {
    const flags = [o.overloaded ? "OVERLOADED" : "", o.founder ? "founder" : ""].filter(Boolean).join(", ");
    out.push(`  ${pad(o.owner, 24)} ${String(o.metrics).padStart(4)}${flags ? `  ${flags}` : ""}`);
  }
  if (output) out.push("", `Wrote ${output}`);
  return out.join("\n") + "\n";
}
