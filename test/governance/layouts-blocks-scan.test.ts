/**
 * The blocks reader reads a sheet's top matter, not all of it: on a label / value block above
 * a 100,000-row table, only the rows near the block are read for its series (counted through
 * the grid's rows, never timed), and the block's own series is still found.
 */
import type { CellValue, Grid } from "../../src/governance/grid";
import { readBlocks } from "../../src/governance/layouts/blocks";
import { grid } from "../helpers/grids";

/** A grid whose row arrays count the rows whose cells are read. */
function counted(g: Grid): { grid: Grid; rowsRead: Set<number> } {
  const rowsRead = new Set<number>();
  const values = g.values.map(
    (r, i) =>
      new Proxy(r, {
        get(t, k, recv) {
          if (typeof k === "string" && /^\d+$/.test(k)) rowsRead.add(i);
          return Reflect.get(t, k, recv);
        },
      }),
  );
  return { grid: { ...g, values }, rowsRead };
}

function blockOverTable(rows: number): Grid {
  const top: CellValue[][] = [
    ["KPI", "On-time delivery"],
    ["Owner", "Dana Lee"],
    [],
    ["Month", "Actual", "Target"],
    ["Jan", 0.91, 0.95],
    ["Feb", 0.93, 0.95],
    ["Mar", 0.94, 0.96],
    [],
    [],
  ];
  const table: CellValue[][] = [["Order", "Date", "Carrier", "Days"]];
  for (let i = 0; i < rows; i++) table.push([`SO-${100000 + i}`, 45600 + (i % 365), `Carrier ${i % 7}`, 1 + (i % 9)]);
  return grid([...top, ...table], { sheetName: "Delivery" });
}

test("a block over a 100,000-row table: its series is read, the table's rows are not", () => {
  const { grid: g, rowsRead } = counted(blockOverTable(100_000));
  const t = readBlocks(g, {});
  expect(t).toHaveLength(1);
  const m = t[0].metrics[0];
  expect(m.name).toBe("On-time delivery");
  expect(m.current).toEqual({ row: 6, col: 1 });
  expect(m.currentPeriod).toBe("Mar");
  // Labels are looked for in the top 1,000 rows, series near the blocks: nowhere near 100,000.
  expect(rowsRead.size).toBeLessThanOrEqual(1_100);
});

test("a series far under its block (past the reach a series may have) is not the block's", () => {
  const rows: CellValue[][] = [
    ["KPI", "On-time delivery"],
    ["Owner", "Dana Lee"],
  ];
  for (let i = 0; i < 120; i++) rows.push([]);
  rows.push(["Month", "Actual"], ["Jan", 0.9]);
  const t = readBlocks(grid(rows, { sheetName: "Delivery" }), {});
  expect(t[0].metrics[0].current).toBeUndefined();
});
