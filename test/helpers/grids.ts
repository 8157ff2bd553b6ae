/** Small hand-built grids and tables for core tests. */
import type { CellValue, Grid } from "../../src/governance/grid";
import type { DetectResult, KpiTable, MetricRow, WritePlan } from "../../src/governance/types";

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

/**
 * A grid from rows, with number formats and formula flags given by "row,col":
 * `{ formats: { "1,3": "0%" }, formulaCells: ["0,4"] }`.
 */
export function gridWith(
  values: CellValue[][],
  extra: Partial<Grid> & { formats?: Record<string, string>; formulaCells?: string[] } = {},
): Grid {
  const { formats, formulaCells, ...rest } = extra;
  const g = grid(values, rest);
  if (formats) {
    g.numberFormats = values.map(() => []);
    for (const [key, fmt] of Object.entries(formats)) {
      const [r, c] = key.split(",").map(Number);
      g.numberFormats[r][c] = fmt;
    }
  }
  if (formulaCells) {
    g.formulas = values.map(() => []);
    for (const key of formulaCells) {
      const [r, c] = key.split(",").map(Number);
      g.formulas[r][c] = true;
    }
  }
  return g;
}

/** The table a detection found; a refusal fails the test with its code and message. */
export function detected(r: DetectResult): KpiTable {
  if (!r.ok) throw new Error(`expected a table, got ${r.code}: ${r.message}`);
  return r.table;
}

/** A table over `g` with the header in row `headerRow` and metrics in column A. */
export function table(g: Grid, headerRow: number, metrics: MetricRow[], over: Partial<KpiTable> = {}): KpiTable {
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

/** The grid with a plan's cells written into it (a null value clears), as a re-run reads it. */
export function withPlanWritten(g: Grid, plan: WritePlan): Grid {
  const values = g.values.map((r) => [...r]);
  for (const c of plan.cells) {
    while (values.length <= c.row) values.push([]);
    const row = values[c.row];
    while (row.length <= c.col) row.push(null);
    row[c.col] = c.value;
  }
  return { ...g, values };
}
