/** What the command prints: a readable report, or the JSON contract. */
import { reasonsText } from "../governance/audit";
import { formatThresholdValue } from "../governance/threshold";
import { cellAddress, columnLetter, quoteSheetName, rangeAddress } from "../governance/grid";
import { tableArea } from "../governance/area";
import type { Audit, KpiTable, MetricAudit, Orientation, ValueUnit } from "../governance/types";

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

/** "24 metrics in Dashboard!A5:A40, current values in N (Dec)". */
export function describeTable(t: KpiTable, metrics: number): string {
  const sheet = quoteSheetName(t.sheetName);
  if (t.orientation === "columns" && t.valueColumns.length > 0) {
    // "11 metrics across 'Raw Data'!C1:M1, periods down A2:A13, each current value from its latest period".
    const across = `${sheet}!${columnLetter(t.valueColumns[0])}${t.headerRow + 1}:${columnLetter(t.lastColumn)}${t.headerRow + 1}`;
    const down = `${columnLetter(t.metricColumn)}${t.firstRow + 1}:${columnLetter(t.metricColumn)}${t.lastRow + 1}`;
    return `${metrics} metric${metrics === 1 ? "" : "s"} across ${across} (one per column), periods down ${down}, each current value from its latest period`;
  }
  const col = columnLetter(t.metricColumn);
  const where = `${sheet}!${col}${t.firstRow + 1}:${col}${t.lastRow + 1}`;
  const current =
    t.currentColumn === null
      ? "no current-value column (the latest number in each row is used)"
      : `current values in ${columnLetter(t.currentColumn)}${t.headers[t.currentColumn] ? ` (${t.headers[t.currentColumn]})` : ""}`;
  return `${metrics} metric${metrics === 1 ? "" : "s"} in ${where}, header in row ${t.headerRow + 1}, ${current}`;
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
  out.push(describeTable(audit.table, metrics.length));
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
