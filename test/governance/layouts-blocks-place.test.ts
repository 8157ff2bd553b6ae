/**
 * Where a block's Threshold / Lever / Governance pairs go (place/blocks.ts): the nearest free
 * block, directly under the block's last label / value pair, else beside the block in its rows,
 * one blank column apart; never into a cell that holds anything, a merged area, a drawing, a
 * hidden row or column, a spacer column or a cell another cell's text runs over.
 */
import { decide } from "../../src/governance/decide";
import { cellAt, type CellValue, type Grid } from "../../src/governance/grid";
import { createdRange } from "../../src/governance/record";
import type { PlannedCell } from "../../src/governance/types";
import { grid } from "../helpers/grids";

function sheet(rows: CellValue[][], extra: Partial<Grid> = {}): Grid {
  return grid(rows, { sheetName: "Delivery", ...extra });
}

/** The label cells written, as [row, col], Threshold first. */
function labels(g: Grid): [number, number][] {
  const d = decide({ grid: g });
  if (!d.ok) throw new Error(d.message);
  if (!d.plan?.ok) throw new Error(d.plan ? d.plan.message : "no plan");
  const cells = d.plan.plan.cells;
  assertSafe(g, cells);
  return cells
    .filter((c) => c.value === "Threshold" || c.value === "Lever" || c.value === "Governance")
    .map((c) => [c.row, c.col]);
}

/** Every written cell was empty, visible, unmerged, undrawn and no spacer. */
function assertSafe(g: Grid, cells: PlannedCell[]): void {
  for (const c of cells) {
    // The owner cell is the sheet's and is never written here (no answers given).
    expect(cellAt(g, c.row, c.col)).toBeNull();
    expect(g.formulas?.[c.row]?.[c.col] ?? false).toBe(false);
    expect(g.hiddenColumns ?? []).not.toContain(c.col);
    expect(g.hiddenRows ?? []).not.toContain(c.row);
    const inside = (r: { top: number; left: number; bottom: number; right: number }) =>
      r.top <= c.row && c.row <= r.bottom && r.left <= c.col && c.col <= r.right;
    expect(g.merges.some(inside)).toBe(false);
    expect((g.drawings ?? []).some(inside)).toBe(false);
    const w = g.columnWidths?.[c.col];
    if (w !== undefined) expect(w).toBeGreaterThanOrEqual(5);
  }
}

const series: CellValue[][] = [
  ["Month", "Actual"],
  ["Jan", 0.91],
  ["Feb", 0.88],
];

describe("directly under the block's last label / value pair", () => {
  test("under 'Unit', the last of Owner / Due Date / Unit, not under Owner", () => {
    const g = sheet([
      ["KPI", "On-time delivery"],
      ["Owner", "Dana Lee"],
      ["Due date", "31 Dec"],
      ["Unit", "%"],
      [],
      [],
      [],
      [],
      ...series,
    ]);
    expect(labels(g)).toEqual([
      [4, 0],
      [5, 0],
      [6, 0],
    ]);
  });

  test("labels in B with values merged across C:E (the glidepath shape): label column B, value column C", () => {
    const g = sheet(
      [
        [],
        [null, "Goal Title", "Line rate"],
        [null, "Owners", "Dana Lee"],
        [null, "Due Date", "Dec"],
        [],
        [],
        [],
        [],
        [null, "Month", "Actual"],
        [null, "Jan", 0.9],
      ],
      {
        merges: [
          { top: 1, left: 2, bottom: 1, right: 4 },
          { top: 2, left: 2, bottom: 2, right: 4 },
          { top: 3, left: 2, bottom: 3, right: 4 },
        ],
      },
    );
    expect(labels(g)).toEqual([
      [4, 1],
      [5, 1],
      [6, 1],
    ]);
  });

  test("not when the rows under it run straight into the person's cells (a free row must follow)", () => {
    const g = sheet([
      ["KPI", "On-time delivery"],
      ["Owner", "Dana Lee"],
      [],
      [],
      [],
      ["Month", "Actual"],
      ["Jan", 0.91],
    ]);
    // Rows 3-5 are free but row 6 holds the series header: beside the block instead.
    const at = labels(g);
    expect(at[0][1]).toBeGreaterThan(1);
    expect(at.map(([r]) => r)).toEqual([1, 2, 3]);
  });
});

describe("beside the block when nothing is free under it", () => {
  /** A block whose rows under it are taken by a long note (it runs over B4:H4 too). */
  const base = (): CellValue[][] => [
    ["KPI", "On-time delivery"],
    ["Owner", "Dana Lee"],
    ["Notes", "ok"],
    ["This sheet is refreshed every Monday from the export"],
  ];

  test("the nearest free two columns beside the block, one blank column apart", () => {
    expect(labels(sheet(base()))).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
  });

  test("a long note under the Owner pair: the pairs go under it, beside, never over the note", () => {
    const g = sheet([
      ["KPI", "On-time delivery"],
      ["Owner", "Dana Lee"],
      ["Notes: the monthly figure comes from the carrier's portal export"],
    ]);
    const at = labels(g);
    // Row 3's note shows across A3:H3: nothing of ours in that row's first eight columns.
    for (const [r, c] of at) expect(r === 2 && c <= 7).toBe(false);
    expect(at[0]).toEqual([3, 2]);
  });

  test("a hidden column and a narrow spacer column are passed over", () => {
    const g = sheet(base(), { hiddenColumns: [3], columnWidths: [10, 10, 10, 10, 2, 10, 10, 10, 10, 10, 10] });
    // D hidden, E a spacer (and blank, so it is the gap): F:G.
    expect(labels(g)[0]).toEqual([0, 5]);
  });

  test("merged cells, drawings and formulas beside the block push the pairs further", () => {
    const formulas: boolean[][] = [[], [false, false, false, false, false, false, true]];
    const g = sheet(base(), {
      merges: [{ top: 0, left: 3, bottom: 0, right: 4 }], // D1:E1
      drawings: [{ top: 1, left: 5, bottom: 2, right: 5 }], // F2:F3
      formulas, // G2
    });
    const at = labels(g);
    // D:E merged on row 1, F drawn on, G holds a formula: past them all in rows 1-3.
    expect(at[0][1]).toBeGreaterThanOrEqual(8);
  });

  test("not above the block's first label", () => {
    const g = sheet([
      [],
      [],
      [],
      ["KPI", "On-time delivery", "x", "x", "x", "x"],
      ["Owner", "Dana Lee", "x", "x", "x", "x"],
      ["Notes", "ok", "x", "x", "x", "x"],
      ["This sheet is refreshed every Monday from the export"],
      [],
      ["Month", "Actual"],
      ["Jan", 0.9],
    ]);
    const at = labels(g);
    expect(Math.min(...at.map(([r]) => r))).toBeGreaterThanOrEqual(3);
  });

  test("the record of what was added covers only the pairs' free cells", () => {
    const g = sheet(base());
    const d = decide({ grid: g });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    const range = createdRange(d.plan.plan)!;
    expect(range).toMatchObject({ top: 0, left: 3, bottom: 2, right: 4 });
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) expect(cellAt(g, r, c)).toBeNull();
  });

  test("a glidepath-like sheet: beside the Owner label, not past its long notes and hidden helper columns", () => {
    const rows: CellValue[][] = [];
    const set = (r: number, c: number, v: CellValue) => {
      while (rows.length <= r) rows.push([]);
      rows[r][c] = v;
    };
    set(16, 1, "Goal ID");
    set(16, 2, "<Kingpin Goal>");
    set(16, 6, "Manual Inputs");
    set(18, 1, "Goal Title");
    set(18, 2, "<Enter Goal Title>");
    set(18, 6, "Final Goal");
    set(18, 8, 0.99);
    set(19, 6, "Initial metric value");
    set(20, 1, "Owners");
    set(20, 2, "<Enter Owners & Contributors>");
    set(20, 6, "Note: Values are in Percentage");
    set(19, 14, " The Goal Status Compares/References the latest YTD value");
    set(20, 14, "<Modify Upper and Lower Bounds>");
    set(22, 1, "Due Date");
    set(22, 2, "<Month>");
    set(24, 1, "Headwinds\n(description)");
    set(24, 6, "Tailwinds\n(description)");
    set(34, 1, "Sr no");
    set(34, 2, "Month");
    set(34, 3, "Current Actuals");
    set(35, 2, 45658);
    set(35, 3, 0.8);
    const g = sheet(rows, {
      hiddenColumns: [15, 16, 17, 18],
      columnWidths: Object.assign([], { 14: 2.16 }) as number[],
      merges: [
        { top: 18, left: 1, bottom: 19, right: 1 },
        { top: 18, left: 2, bottom: 19, right: 4 },
        { top: 20, left: 1, bottom: 21, right: 1 },
        { top: 20, left: 2, bottom: 21, right: 4 },
        { top: 24, left: 1, bottom: 25, right: 2 },
        { top: 24, left: 6, bottom: 25, right: 7 },
      ],
    });
    const at = labels(g);
    expect(at).toEqual([
      [21, 6],
      [22, 6],
      [23, 6],
    ]);
  });
});
