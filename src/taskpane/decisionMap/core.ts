/**
 * The part of the pane that needs the governance core (detection, the layout readers, the
 * audit, the plan and the lexicon): a chunk of its own, fetched while the sheet is read, so the
 * pane's first render does not wait for it. What the pane says about an audit lives here too.
 */
import { shortReasonsText, shortWarningsText } from "../../governance/audit";
import { formatCellValue, isDateFormat } from "../../governance/format";
import {
  cellAddress,
  cellAt,
  columnLetter,
  numberFormatAt,
  quoteSheetName,
  rangeAddress,
  type CellRange,
  type Grid,
} from "../../governance/grid";
import type { Audit, MetricAudit } from "../../governance/types";
import { detectKpiTable } from "../../governance/detect";
import { notADashboard } from "../../xlsx/choose";

export { decide } from "../../governance/decide";
export { metricKey, shortReasonsText } from "../../governance/audit";
export { delegationOwners } from "../../governance/brief";
export { suggestThresholds } from "../../governance/suggest";

/** A header as its cell shows it: a month header holding 44896 as "Dec 2022". */
export function headerText(grid: Grid | null, audit: Audit, col: number): string {
  const t = audit.table;
  const v = grid ? cellAt(grid, t.headerRow, col) : null;
  if (grid && typeof v === "number" && isDateFormat(numberFormatAt(grid, t.headerRow, col)))
    return formatCellValue(v, numberFormatAt(grid, t.headerRow, col));
  return t.headers[col] ?? "";
}

/** The period of a metric's current value as a person reads it ("Dec 2022", "Sprint 66"), "" when unknown. */
export function periodText(grid: Grid | null, audit: Audit, m: MetricAudit): string {
  const orientation = audit.table.orientation ?? "rows";
  if ((orientation === "rows" || orientation === "long") && m.currentCell) {
    const header = headerText(grid, audit, m.currentCell.col);
    if (header) return header;
  }
  return m.currentPeriod ?? "";
}

/** The smallest range holding every cell given (at least one). */
function spanOf(cells: { row: number; col: number }[]): CellRange {
  return {
    top: Math.min(...cells.map((c) => c.row)),
    left: Math.min(...cells.map((c) => c.col)),
    bottom: Math.max(...cells.map((c) => c.row)),
    right: Math.max(...cells.map((c) => c.col)),
  };
}

/**
 * "3 metrics in Dashboard!A2:A4, current values in C (Dec)"; for metrics as columns
 * "4 metrics in 'Raw Data'!C1:F1, current values in row 13 (Dec-24)"; for one KPI
 * "1 metric in Goal!B19, current value in D45 (Sep 2025)".
 */
export function describeDetection(audit: Audit, grid: Grid | null = null): string {
  const t = audit.table;
  const n = audit.summary.metrics;
  const orientation = t.orientation ?? "rows";
  const names =
    orientation === "rows" || audit.metrics.length === 0
      ? { top: t.firstRow, left: t.metricColumn, bottom: t.lastRow, right: t.metricColumn }
      : spanOf(audit.metrics.map((m) => m.cell));
  const where = `${quoteSheetName(t.sheetName)}!${rangeAddress(names)}`;
  let current: string;
  const cells = audit.metrics.map((m) => m.currentCell).filter((c): c is NonNullable<typeof c> => c !== null);
  if (orientation === "rows" || (orientation === "long" && t.currentColumn !== null)) {
    current =
      t.currentColumn === null
        ? ", no current-value column found"
        : `, current values in ${columnLetter(t.currentColumn)} (${headerText(grid, audit, t.currentColumn) || "no header"})`;
  } else if (cells.length === 0) {
    current = ", no current value found";
  } else {
    const first = audit.metrics.find((m) => m.currentCell !== null)!;
    const period = periodText(grid, audit, first);
    const periods = new Set(audit.metrics.filter((m) => m.currentCell).map((m) => periodText(grid, audit, m)));
    const when = periods.size === 1 && period ? ` (${period})` : "";
    if (cells.length === 1) current = `, current value in ${cellAddress(cells[0].row, cells[0].col)}${when}`;
    else if (cells.every((c) => c.row === cells[0].row)) current = `, current values in row ${cells[0].row + 1}${when}`;
    else if (cells.every((c) => c.col === cells[0].col))
      current = `, current values in ${columnLetter(cells[0].col)}${when}`;
    else current = `, current values from each metric's latest period`;
  }
  return `${n} ${n === 1 ? "metric" : "metrics"} in ${where}${current}`;
}

/** A metric's current value as its cell shows it ("3.4%", "$227,100"), or null. */
export function currentText(grid: Grid | null, m: MetricAudit): string | null {
  if (m.current === null) return null;
  const format = grid && m.currentCell ? numberFormatAt(grid, m.currentCell.row, m.currentCell.col) : undefined;
  return formatCellValue(m.current, format, m.unit);
}

/** "Dana Lee · 3.4% vs > 3% · red now": who, where it stands, why, for one row of the list. */
export function metricWhy(grid: Grid | null, m: MetricAudit): string {
  const owner = m.answers.owner.trim() || "no owner";
  const now = currentText(grid, m);
  const threshold = m.answers.threshold.trim();
  const standing = threshold ? `${now ?? "no value"} vs ${threshold}` : (now ?? "no value");
  const why = [shortReasonsText(m), shortWarningsText(m)].filter(Boolean).join("; ") || "ready";
  return [owner, standing, why].join(" · ");
}

/**
 * Whether a sheet reads as a KPI table the person could audit instead: a table is found, and
 * it is no data dump (record IDs for names, dates for values). The test the workbench's sheet
 * choice makes (src/xlsx/choose.ts), for the sheets Excel lists.
 */
export function readsAsKpiSheet(grid: Grid): boolean {
  const found = detectKpiTable(grid);
  return found.ok && notADashboard(grid, found.table) === null;
}
