/** The cells a KPI table covers, as a person would select it. */
import type { CellRange } from "./grid";
import type { KpiTable } from "./types";

/** The table's `area` when its reader set one; else header row to last row, metric column to last column. */
export function tableArea(t: KpiTable): CellRange {
  if (t.area) return t.area;
  const cols = [t.metricColumn, ...t.valueColumns, ...t.referenceColumns];
  return { top: t.headerRow, left: Math.min(...cols), bottom: t.lastRow, right: t.lastColumn };
}
