/**
 * Pivot tables in Excel: the host reads each pivot's cells (worksheet.pivotTables, each
 * layout.getRange(), ExcelApi 1.8) into Grid.pivots, as the file reader takes them from each
 * pivot's <location ref>, so a pivot is recognised the same way in Excel as in a file, and
 * governance is never written into a pivot's cells nor the columns it grows into.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { applyPlanToWorkbook, readSheet } from "../../src/excel/host";
import { decide } from "../../src/governance/decide";
import { PIVOT_SUMMARY_ONLY } from "../../src/governance/layouts/pivot";
import { PIVOT_GROWTH_COLUMNS, PIVOT_GROWTH_ROWS, pivotReach, whatIsIn } from "../../src/governance/place/free";
import type { CellValue, CellRange, Grid } from "../../src/governance/grid";
import { openWorkbook } from "../../src/xlsx";
import { grid } from "../helpers/grids";
import { FakeExcel } from "./fake";
import { fakeFromGrid } from "./from-grid";
import { atEachVersion } from "./versions";

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const TEMPLATE = path.join(CORPUS, "kpi_dashboard_template_pivots_fullrow_merge.xlsx");
const corpus = fs.existsSync(TEMPLATE);
if (!corpus) console.warn(`Excel pivot corpus tests: skipped (no corpus at ${CORPUS})`);

/** A KPI table A1:D5 (metrics in rows, months across) and, right of it, a pivot from column `pivotCol`. */
function rowsWithPivot(pivotCol: number, pivotCells = true): { values: CellValue[][]; pivot: CellRange } {
  const values: CellValue[][] = [
    ["Metric", "Oct", "Nov", "Dec"],
    ["Revenue", 100, 110, 120],
    ["Churn", 0.03, 0.04, 0.05],
    ["NPS", 40, 42, 45],
    ["Cost per lead", 12, 11, 13],
  ];
  // The pivot shows two columns of a three-column range: its last column is blank for now
  // (a column field whose item has no value yet), and it grows right when a new item appears.
  const pivot: CellRange = { top: 0, left: pivotCol, bottom: 4, right: pivotCol + 2 };
  if (pivotCells) {
    const shown: CellValue[][] = [
      ["Region", "Sum of Sales"],
      ["East", 5],
      ["West", 7],
      ["North", 3],
      ["Total", 15],
    ];
    shown.forEach((row, r) =>
      row.forEach((v, j) => {
        while (values[r].length < pivotCol + j) values[r].push(null);
        values[r][pivotCol + j] = v;
      }),
    );
  }
  return { values, pivot };
}

/** A fake holding the grid's cells and its pivots, as Excel would. */
function fakeWith(g: Grid): FakeExcel {
  return fakeFromGrid(g);
}

atEachVersion(() => {
  describe("readSheet fills Grid.pivots from the worksheet's pivot tables", () => {
    test("each pivot's range, 0-based, in the same two syncs", async () => {
      const excel = new FakeExcel();
      const s = excel.addSheet("Sales");
      s.set(0, 0, "Metric");
      s.set(0, 1, "Dec");
      s.set(1, 0, "Churn");
      s.set(1, 1, 0.03);
      s.pivots.push({ name: "PivotTable1", range: "D3:F10" }, { name: "PivotTable2", range: "H3:I6" });
      const before = excel.syncs;
      const { grid: g } = await readSheet(excel.context());
      expect(excel.syncs - before).toBe(2);
      expect(g.pivots).toEqual([
        { top: 2, left: 3, bottom: 9, right: 5 },
        { top: 2, left: 7, bottom: 5, right: 8 },
      ]);
    });

    test("a sheet without pivot tables has no pivots (the field stays absent, as the file reader leaves it)", async () => {
      const excel = new FakeExcel();
      const s = excel.addSheet("Plain");
      s.set(0, 0, "Metric");
      expect((await readSheet(excel.context())).grid.pivots).toBeUndefined();
    });
  });
});

test("on an Excel that says it lacks ExcelApi 1.8, the pivot tables are not asked for and the read still works", async () => {
  const excel = new FakeExcel();
  const s = excel.addSheet("Sales");
  s.set(0, 0, "Metric");
  s.pivots.push({ name: "PivotTable1", range: "D3:F10" });
  const requirements = excel.office.context.requirements;
  const yes = requirements.isSetSupported;
  const asked: string[] = [];
  requirements.isSetSupported = (name: string, version?: string) => {
    asked.push(version ?? "");
    return version === "1.8" ? false : yes(name, version);
  };
  const { grid: g } = await readSheet(excel.context());
  expect(asked).toContain("1.8");
  expect(g.pivots).toBeUndefined();
  expect(g.values[0][0]).toBe("Metric");
});

describe("a pivot recognised the same way in Excel as in a file", () => {
  test("a table on a pivot's cells without 'Row Labels' (tabular form) is summary-only in Excel too", async () => {
    // A pivot in tabular form shows its field names, not "Row Labels": only the host knows it is one.
    const values: CellValue[][] = [
      ["Metric", "Oct", "Nov", "Dec"],
      ["Revenue", 100, 110, 120],
      ["Churn", 0.03, 0.04, 0.05],
      ["NPS", 40, 42, 45],
    ];
    const file = grid(values, { pivots: [{ top: 0, left: 0, bottom: 3, right: 3 }] });
    const excel = fakeWith(file);
    const { grid: read } = await readSheet(excel.context());
    expect(read.pivots).toEqual(file.pivots);
    const inFile = decide({ grid: file });
    const inExcel = decide({ grid: read });
    expect(inFile.ok && inFile.table.summaryOnly).toBe(PIVOT_SUMMARY_ONLY);
    expect(inExcel.ok && inExcel.table.summaryOnly).toBe(PIVOT_SUMMARY_ONLY);
    // Without the host's knowledge the same cells read as an ordinary table.
    const blind = decide({ grid: grid(values) });
    expect(blind.ok && blind.table.summaryOnly).toBeUndefined();
  });

  (corpus ? test : test.skip)(
    "the pivot template's pivot sheets: the Excel host reads the pivots the file declares",
    async () => {
      const wb = openWorkbook(new Uint8Array(fs.readFileSync(TEMPLATE)));
      expect(wb.pivotSheets.length).toBeGreaterThan(0);
      for (const name of wb.pivotSheets) {
        const file = wb.readGrid(name);
        expect(file.pivots?.length).toBeGreaterThan(0);
        const { grid: read } = await readSheet(fakeWith(file).context());
        expect([name, read.pivots]).toEqual([name, file.pivots]);
        const a = decide({ grid: file });
        const b = decide({ grid: read });
        if (!a.ok || !b.ok) throw new Error(`${name} not read`);
        expect([name, b.table.summaryOnly]).toEqual([name, a.table.summaryOnly]);
      }
    },
  );
});

describe("placement keeps governance out of a pivot table's cells and the columns it grows into", () => {
  test("whatIsIn names the pivot for its own columns and the growth columns right of it, not beyond", () => {
    const { values, pivot } = rowsWithPivot(6, false);
    const g = grid(values, { pivots: [pivot] });
    for (let col = pivot.left; col <= pivot.right + PIVOT_GROWTH_COLUMNS; col++)
      expect([col, whatIsIn(g, col, 1, 4, undefined, true)]).toEqual([col, "the pivot table at G1:I5 is there"]);
    expect(whatIsIn(g, pivot.left - 1, 1, 4, undefined, true)).toBeNull();
    expect(whatIsIn(g, pivot.right + PIVOT_GROWTH_COLUMNS + 1, 1, 4, undefined, true)).toBeNull();
    // Rows under the pivot are where its new row items go (PIVOT_GROWTH_ROWS at the least);
    // further down, and above a pivot with no report filters, the cells are free.
    expect(whatIsIn(g, pivot.left, 5, 9, undefined, true)).toBe("the pivot table at G1:I5 is there");
    expect(whatIsIn(g, pivot.left, 5 + PIVOT_GROWTH_ROWS, 30, undefined, true)).toBeNull();
    expect(pivotReach({ top: 0, left: 16380, bottom: 3, right: 16383 }).right).toBe(16383);
  });

  // A rows table, its pivot to the right at several distances (some of its cells blank): the
  // governance columns never land in the pivot's cells nor the columns it grows into.
  for (const pivotCol of [4, 5, 6, 7, 8, 9, 10])
    for (const shown of [true, false])
      test(`a pivot from column ${String.fromCharCode(65 + pivotCol)}${shown ? "" : " (blank for now)"}: governance lands clear of it`, () => {
        const { values, pivot } = rowsWithPivot(pivotCol, shown);
        const g = grid(values, { pivots: [pivot] });
        const d = decide({ grid: g });
        if (!d.ok || !d.plan?.ok) throw new Error(d.ok ? "no plan" : d.message);
        // Right beside the table, a pivot showing values reads as part of it: then nothing is
        // written on the sheet at all.
        if (d.table.summaryOnly !== undefined) {
          expect([pivotCol, shown, d.table.summaryOnly]).toEqual([4, true, PIVOT_SUMMARY_ONLY]);
          expect(d.plan.plan.cells).toEqual([]);
          return;
        }
        const reach = pivotReach(pivot);
        const cols = new Set(d.plan.plan.cells.map((c) => c.col));
        expect(cols.size).toBeGreaterThan(0);
        for (const c of d.plan.plan.cells)
          expect([c.row, c.col, c.col >= reach.left && c.col <= reach.right]).toEqual([c.row, c.col, false]);
        for (const c of d.plan.plan.columns)
          expect([c.col, c.col >= reach.left && c.col <= reach.right]).toEqual([c.col, false]);
      });

  test("in Excel: the host reads the pivot and the write leaves every cell of it, and the growth columns, empty of ours", async () => {
    const { values, pivot } = rowsWithPivot(5, true);
    const g = grid(values, { pivots: [pivot] });
    const excel = fakeWith(g);
    const sheet = excel.sheet("Dashboard");
    const { grid: read } = await readSheet(excel.context());
    expect(read.pivots).toEqual([pivot]);
    const d = decide({ grid: read });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    await applyPlanToWorkbook(excel.context(), d.plan.plan);
    const reach = pivotReach(pivot);
    for (let r = reach.top; r <= reach.bottom; r++)
      for (let c = reach.left; c <= reach.right; c++) {
        const was = values[r]?.[c] ?? null;
        expect([r, c, sheet.get(r, c)?.value ?? null]).toEqual([r, c, was]);
      }
    // The governance went somewhere: right of the pivot's reach.
    const governance = d.plan.plan.columns.find((c) => c.kind === "governance")!;
    expect(governance.col).toBeGreaterThan(reach.right);
    expect(String(sheet.get(1, governance.col)?.value)).toMatch(/^(VANITY|INCOMPLETE|DECISION-READY)/);
  });
});
