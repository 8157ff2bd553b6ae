/** Small hand-built grids and tables for core tests. */
import type { CellValue, Grid } from "../../src/governance/grid";
import type { KpiTable, MetricRow } from "../../src/governance/types";

export function grid(values: CellValue[][], extra: Partial<Grid> = {}): Grid {
  return {
    sheetName: "Dashboard",
    values,
    origin: { row: 0, col: 0 },
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
    ...extra,
  };
}

/** A table over `g` with the header in row `headerRow` and metrics in column A. */
export function table(
  g: Grid,
  headerRow: number,
  metrics: MetricRow[],
  over: Partial<KpiTable> = {},
): KpiTable {
  const headers = (g.values[headerRow] ?? []).map((v) => (typeof v === "string" ? v : ""));
  const width = Math.max(...g.values.map((r) => r.length));
  return {
    sheetName: g.sheetName,
    headerRow,
    headers,
    metricColumn: 0,
    valueColumns: [],
    currentColumn: null,
    referenceColumns: [],
    governance: { owner: null, threshold: null, lever: null, governance: null },
    firstRow: headerRow + 1,
    lastRow: g.values.length - 1,
    lastColumn: width - 1,
    metrics,
    skipped: [],
    tableName: null,
    confidence: 1,
    notes: [],
    ...over,
  };
}
