/**
 * Where a metric's things are on the sheet, whatever the layout: its answer cells (a
 * governance column in `rows`, a side table's row in `columns`, a block's value cells in
 * `blocks`) and what a screen says about the table (its range, its layout). Screens and hosts
 * ask here rather than computing (metric row, column) themselves.
 */
import { rangeAddress, type CellRange } from "./grid";
import { tableArea } from "./area";
import type { CellRef, GovernanceKind, KpiTable, MetricRow, Orientation } from "./types";

/** The table's metric whose identity (governance row) is `row`, if any. */
export function metricRowOf(table: KpiTable, row: number): MetricRow | undefined {
  return table.metrics.find((m) => m.row === row);
}

/**
 * The cell that holds (or, for `rows`, will hold) a metric's `kind` answer on the sheet: the
 * metric's own `answerCells` when its layout reads them there, else its row in the table's
 * governance column; null when the sheet has no such cell yet.
 */
export function answerCell(table: KpiTable, row: number, kind: GovernanceKind): CellRef | null {
  const given = metricRowOf(table, row)?.answerCells?.[kind];
  if (given) return given;
  const col = table.governance[kind];
  return col === null ? null : { row, col };
}

/** Whether the sheet already holds Decision Map's verdict cells for this table (a Governance column or cells). */
export function hasGovernanceCells(table: KpiTable): boolean {
  if (table.governance.governance !== null) return true;
  return table.metrics.some((m) => m.answerCells?.governance !== undefined);
}

/** Every cell holding a metric's verdict ("Governance"), for the table's metrics. */
export function governanceCells(table: KpiTable): CellRef[] {
  const cells: CellRef[] = [];
  for (const m of table.metrics) {
    const c = answerCell(table, m.row, "governance");
    if (c) cells.push(c);
  }
  return cells;
}

/** The layout in a person's words. */
export const ORIENTATION_TEXT: Record<Orientation, string> = {
  rows: "metrics in rows",
  columns: "metrics as columns",
  blocks: "one KPI per block",
  long: "long export",
};

/** "Table11 B5:E10 on Sheet1 · metrics in rows" (no sheet quoting: it is read, not typed). */
export function describeTable(table: KpiTable): string {
  const where = rangeAddress(tableArea(table));
  const name = table.tableName ? `${table.tableName} ${where}` : `Table ${where}`;
  return `${name} on ${table.sheetName} · ${ORIENTATION_TEXT[table.orientation ?? "rows"]}`;
}

/** Whether two ranges share a cell. */
export function rangesMeet(a: CellRange, b: CellRange): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}
