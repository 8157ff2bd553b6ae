/** Where a metric's answers are, whatever the layout (src/governance/cells.ts). */
import {
  answerCell,
  describeTable,
  detectKpiTable,
  governanceCells,
  hasGovernanceCells,
  metricRowOf,
  rangesMeet,
  type Grid,
  type KpiTable,
} from "../../src/governance";

function rowsGrid(): Grid {
  return {
    sheetName: "KPI Sheet",
    values: [
      ["Metric", "Nov", "Dec", "Owner", "Governance"],
      ["Churn", 0.031, 0.034, "Dana Lee", "VANITY: no threshold, no lever"],
      ["NRR", 1.01, 0.98, null, null],
    ],
    origin: { row: 0, col: 0 },
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
  };
}

function rowsTable(): KpiTable {
  const d = detectKpiTable(rowsGrid());
  if (!d.ok) throw new Error(d.message);
  return d.table;
}

test("rows: an answer's cell is the metric's row in the governance column; none where there is no column", () => {
  const t = rowsTable();
  expect(answerCell(t, 1, "owner")).toEqual({ row: 1, col: 3 });
  expect(answerCell(t, 2, "governance")).toEqual({ row: 2, col: 4 });
  expect(answerCell(t, 1, "threshold")).toBeNull();
  expect(hasGovernanceCells(t)).toBe(true);
  expect(governanceCells(t)).toEqual([
    { row: 1, col: 4 },
    { row: 2, col: 4 },
  ]);
});

test("a metric's own answer cells win over the governance columns", () => {
  const t = rowsTable();
  const table: KpiTable = {
    ...t,
    governance: { owner: null, threshold: null, lever: null, governance: null },
    metrics: t.metrics.map((m) => (m.row === 2 ? { ...m, answerCells: { owner: { row: 9, col: 9 } } } : m)),
  };
  expect(answerCell(table, 2, "owner")).toEqual({ row: 9, col: 9 });
  expect(answerCell(table, 1, "owner")).toBeNull();
  expect(hasGovernanceCells(table)).toBe(false);
  expect(metricRowOf(table, 2)?.name).toBe("NRR");
  expect(metricRowOf(table, 7)).toBeUndefined();
});

test("the table in words: its range, sheet and layout; an Excel table by its name", () => {
  const t = rowsTable();
  expect(describeTable(t)).toBe("Table A1:E3 on KPI Sheet · metrics in rows");
  expect(describeTable({ ...t, tableName: "Table11", orientation: "long" })).toBe(
    "Table11 A1:E3 on KPI Sheet · long export",
  );
  expect(describeTable({ ...t, orientation: "columns", area: { top: 4, left: 1, bottom: 9, right: 4 } })).toBe(
    "Table B5:E10 on KPI Sheet · metrics as columns",
  );
});

test("ranges meet when they share a cell, not when they only touch", () => {
  const a = { top: 0, left: 0, bottom: 2, right: 2 };
  expect(rangesMeet(a, { top: 2, left: 2, bottom: 5, right: 5 })).toBe(true);
  expect(rangesMeet(a, { top: 3, left: 0, bottom: 5, right: 2 })).toBe(false);
  expect(rangesMeet(a, { top: 0, left: 3, bottom: 2, right: 3 })).toBe(false);
});
