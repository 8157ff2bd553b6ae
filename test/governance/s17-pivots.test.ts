/**
 * A pivot table takes more than its own range: a refresh grows it down (new row items) and
 * right (new column items), and its report filters sit above the range (a pivot's `location`
 * leaves them out). Both hosts report the filter area (Grid.pivotFilters); placement never
 * lands in it, nor in the rows a pivot grows into, on several shapes of sheet.
 */
import { readSheet } from "../../src/excel/host";
import { decide } from "../../src/governance/decide";
import type { CellRange, CellValue, Grid } from "../../src/governance/grid";
import {
  PIVOT_GROWTH_COLUMNS,
  PIVOT_GROWTH_ROWS,
  pivotFilterArea,
  pivotGrowthRows,
  pivotReach,
  whatIsIn,
} from "../../src/governance/place/free";
import type { WritePlan } from "../../src/governance/types";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { FakeExcel } from "../excel/fake";
import { fakeFromGrid } from "../excel/from-grid";
import { grid } from "../helpers/grids";
import { excelRuleProblems, lostProblems, schemaProblems } from "../helpers/ooxml";
import { buildXlsx, MAIN_NS } from "../xlsx/build";

const T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const inside = (r: CellRange, row: number, col: number) =>
  r.top <= row && row <= r.bottom && r.left <= col && col <= r.right;

/** Every cell the plan writes on the audited sheet lies outside each pivot's reach and filter area. */
function expectClear(g: Grid, plan: WritePlan): void {
  const cells = plan.cells;
  expect(cells.length).toBeGreaterThan(0);
  // Written out here, not taken from the module under test: the pivot, 2 columns right, and
  // max(12, its height) rows down.
  const reach = (p: CellRange) => ({
    ...p,
    right: p.right + 2,
    bottom: p.bottom + Math.max(12, p.bottom - p.top + 1),
  });
  const taken = [...(g.pivots ?? []).map(reach), ...(g.pivotFilters ?? [])];
  for (const c of cells)
    expect([c.row, c.col, taken.some((r) => inside(r, c.row, c.col))]).toEqual([c.row, c.col, false]);
}

function planOf(g: Grid): WritePlan {
  const d = decide({ grid: g });
  if (!d.ok) throw new Error(d.message);
  if (!d.plan?.ok) throw new Error(d.plan ? d.plan.message : "no plan");
  return d.plan.plan;
}

/** Values with `block` written at (top, left). */
function put(values: CellValue[][], top: number, left: number, block: CellValue[][]): void {
  block.forEach((row, i) => {
    while (values.length <= top + i) values.push([]);
    const r = values[top + i];
    row.forEach((v, j) => {
      while (r.length < left + j) r.push(null);
      r[left + j] = v;
    });
  });
}

/** A columns table (Month | Revenue | Churn) with its header at `headerRow`, 12 months. */
function monthly(headerRow: number): CellValue[][] {
  const values: CellValue[][] = [];
  const months = ["Jan-25", "Feb-25", "Mar-25", "Apr-25", "May-25", "Jun-25", "Jul-25", "Aug-25", "Sep-25", "Oct-25"];
  put(values, headerRow, 0, [["Month", "Revenue", "Churn"], ...months.map((m, i) => [m, 100 + i, 3 + i / 10])]);
  return values;
}

describe("the reach of a pivot", () => {
  test("down: twelve rows at the least, its own height when taller; right: the growth columns", () => {
    const small: CellRange = { top: 2, left: 3, bottom: 6, right: 4 };
    expect(pivotGrowthRows(small)).toBe(PIVOT_GROWTH_ROWS);
    expect(pivotReach(small)).toEqual({ top: 2, left: 3, bottom: 6 + 12, right: 4 + PIVOT_GROWTH_COLUMNS });
    const tall: CellRange = { top: 0, left: 0, bottom: 39, right: 1 };
    expect(pivotReach(tall).bottom).toBe(79);
    // Clamped to the sheet.
    expect(pivotReach({ top: 1_048_570, left: 0, bottom: 1_048_575, right: 0 }).bottom).toBe(1_048_575);
  });

  test("the filter area: n rows above the pivot and the blank row between, n blocks across", () => {
    const p: CellRange = { top: 4, left: 2, bottom: 10, right: 4 };
    expect(pivotFilterArea(p, 0, 0)).toBeNull();
    expect(pivotFilterArea(p, 2, 1)).toEqual({ top: 1, left: 2, bottom: 3, right: 3 });
    // Three blocks of label and value, a blank column between: 8 columns.
    expect(pivotFilterArea(p, 1, 3)).toEqual({ top: 2, left: 2, bottom: 3, right: 2 + 7 });
    // No room above: as much as the sheet has.
    expect(pivotFilterArea({ top: 1, left: 0, bottom: 5, right: 1 }, 4, 1)).toEqual({
      top: 0,
      left: 0,
      bottom: 0,
      right: 1,
    });
  });

  test("whatIsIn names a filter area, its blank row too, and the rows a pivot grows into", () => {
    const g = grid([["x"]], {
      pivots: [{ top: 4, left: 5, bottom: 8, right: 6 }],
      pivotFilters: [{ top: 1, left: 5, bottom: 3, right: 6 }],
    });
    expect(whatIsIn(g, 5, 1, 1, undefined, true)).toBe("a pivot table's report filters (F2:G4) are there");
    expect(whatIsIn(g, 6, 3, 3, undefined, true)).toBe("a pivot table's report filters (F2:G4) are there");
    expect(whatIsIn(g, 5, 0, 0, undefined, true)).toBeNull();
    expect(whatIsIn(g, 7, 1, 3, undefined, true)).toBeNull();
    expect(whatIsIn(g, 8, 9, 20, undefined, true)).toBe("the pivot table at F5:G9 is there");
    expect(whatIsIn(g, 5, 9 + PIVOT_GROWTH_ROWS, 40, undefined, true)).toBeNull();
  });
});

describe("the hosts report a pivot's filter area", () => {
  const s = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const n = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`;
  /** A sheet with a pivot at `ref` and the given <location> page attributes and <pageFields>. */
  const book = (ref: string, location: string, pageFields = "") => {
    const part =
      `<?xml version="1.0" encoding="UTF-8"?><pivotTableDefinition xmlns="${MAIN_NS}" name="PivotTable1">` +
      `<location ref="${ref}" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"${location}/>${pageFields}</pivotTableDefinition>`;
    const xml = `<sheetData><row r="1">${s("A1", "Region")}${s("B1", "(All)")}</row><row r="4">${s("A4", "Row Labels")}${s("B4", "Sum of Sales")}</row><row r="5">${s("A5", "East")}${n("B5", 5)}</row></sheetData>`;
    return openWorkbook(
      buildXlsx({
        sheets: [
          {
            name: "Pivot",
            xml,
            rels: [{ id: "rId1", type: `${T}/pivotTable`, target: "../pivotTables/pivotTable1.xml" }],
          },
        ],
        extra: { "xl/pivotTables/pivotTable1.xml": part },
      }),
    ).readGrid("Pivot");
  };
  const fields = (k: number) =>
    `<pageFields count="${k}">${Array.from({ length: k }, (_, i) => `<pageField fld="${i}" hier="-1"/>`).join("")}</pageFields>`;

  test("the file: rowPageCount rows by colPageCount blocks, above the location", () => {
    expect(book("A4:B6", ' rowPageCount="2" colPageCount="1"', fields(2)).pivotFilters).toEqual([
      { top: 0, left: 0, bottom: 2, right: 1 },
    ]);
    expect(book("C8:D12", ' rowPageCount="1" colPageCount="2"', fields(2)).pivotFilters).toEqual([
      { top: 5, left: 2, bottom: 6, right: 6 },
    ]);
    // Page fields without counts: room for any arrangement of them (2 rows, 2 blocks).
    expect(book("C8:D12", "", fields(2)).pivotFilters).toEqual([{ top: 4, left: 2, bottom: 6, right: 6 }]);
    // No report filters: nothing, and the field stays absent.
    const none = book("A4:B6", "");
    expect(none.pivots).toEqual([{ top: 3, left: 0, bottom: 5, right: 1 }]);
    expect(none.pivotFilters).toBeUndefined();
  });

  test("Excel: the count of filter hierarchies, read in the same two syncs", async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet("Sales");
    sheet.set(0, 0, "Metric");
    sheet.set(0, 1, "Dec");
    sheet.set(1, 0, "Churn");
    sheet.set(1, 1, 0.03);
    sheet.pivots.push(
      { name: "PivotTable1", range: "E4:F10", filters: ["Region"] },
      { name: "PivotTable2", range: "H5:I9", filters: ["Region", "Year"] },
      { name: "PivotTable3", range: "K3:L6" },
    );
    const before = excel.syncs;
    const { grid: g } = await readSheet(excel.context());
    expect(excel.syncs - before).toBe(2);
    expect(g.pivotFilters).toEqual([
      { top: 1, left: 4, bottom: 2, right: 5 },
      // Two filters, arrangement unknown: two rows of two blocks at most.
      { top: 1, left: 7, bottom: 3, right: 11 },
    ]);
  });

  test("Excel reads what the file declares for one filter", async () => {
    const file = book("A4:B6", ' rowPageCount="1" colPageCount="1"', fields(1));
    const { grid: read } = await readSheet(fakeFromGrid(file).context());
    expect(read.pivotFilters).toEqual(file.pivotFilters);
  });
});

describe("placement stays out of a pivot's filter area and the rows it grows into", () => {
  test("metrics as columns, a pivot above-right of the data: the side table does not go under it", () => {
    // Data from row 8; a pivot at E1:F4 grows down over E..H: the side table (from E9) moves right.
    const values = monthly(8);
    put(values, 0, 4, [
      ["Row Labels", "Sum of Sales"],
      ["East", 5],
      ["West", 7],
      ["Grand Total", 12],
    ]);
    const g = grid(values, { sheetName: "Monthly", pivots: [{ top: 0, left: 4, bottom: 3, right: 5 }] });
    const plan = planOf(g);
    expectClear(g, plan);
  });

  for (const filled of [true, false])
    test(`metrics as columns, a pivot right of the data with two report filters above it${filled ? "" : " (not shown yet)"}`, () => {
      // The side table would start at E1 (header) over rows 1..3; the pivot's filters take E2:F4.
      const values = monthly(0);
      put(values, 4, 4, [
        ["Row Labels", "Sum of Sales"],
        ["East", 5],
        ["West", 7],
      ]);
      if (filled)
        put(values, 1, 4, [
          ["Region", "(All)"],
          ["Year", "(All)"],
        ]);
      const pivot: CellRange = { top: 4, left: 4, bottom: 6, right: 5 };
      const g = grid(values, {
        sheetName: "Monthly",
        pivots: [pivot],
        pivotFilters: [pivotFilterArea(pivot, 2, 1)!],
      });
      const plan = planOf(g);
      expectClear(g, plan);
    });

  for (const filled of [true, false])
    test(`metrics in rows, a pivot beside with filters laid across three blocks, wider than the pivot${filled ? "" : " (not shown yet)"}`, () => {
      const values: CellValue[][] = [
        ["Metric", "Oct", "Nov", "Dec"],
        ["Revenue", 100, 110, 120],
        ["Churn", 0.03, 0.04, 0.05],
        ["NPS", 40, 42, 45],
        ["Cost per lead", 12, 11, 13],
      ];
      // The pivot at F4:G7; its filters on row 2, three blocks across F2:M2, row 3 blank.
      const pivot: CellRange = { top: 3, left: 5, bottom: 6, right: 6 };
      put(values, 3, 5, [
        ["Row Labels", "Sum of Sales"],
        ["East", 5],
        ["West", 7],
        ["Grand Total", 12],
      ]);
      if (filled) put(values, 1, 5, [["Region", "(All)", null, "Year", "(All)", null, "Rep", "(All)"]]);
      const filters = pivotFilterArea(pivot, 1, 3)!;
      expect(filters).toEqual({ top: 1, left: 5, bottom: 2, right: 12 });
      const g = grid(values, { pivots: [pivot], pivotFilters: [filters] });
      const plan = planOf(g);
      expectClear(g, plan);
    });

  test("metrics in rows, a pivot above the table in the columns governance would take: its growth pushes them right", () => {
    const values: CellValue[][] = [];
    put(values, 0, 4, [
      ["Row Labels", "Sum of Sales"],
      ["East", 5],
      ["Grand Total", 5],
    ]);
    put(values, 6, 0, [
      ["Metric", "Oct", "Nov", "Dec"],
      ["Revenue", 100, 110, 120],
      ["Churn", 0.03, 0.04, 0.05],
    ]);
    const g = grid(values, { pivots: [{ top: 0, left: 4, bottom: 2, right: 5 }] });
    const plan = planOf(g);
    expectClear(g, plan);
    // Without the growth rows the first free column (E) was right under the pivot.
    expect(plan.cells.some((c) => c.col >= 4 && c.col <= 7)).toBe(false);
  });

  test("through the file host: the pivot's filters read from the file keep the written workbook clear and valid", async () => {
    const s = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const n = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`;
    const months = ["Jan-25", "Feb-25", "Mar-25", "Apr-25"];
    // Month | Revenue | Churn in A1:C5; a pivot at E5:F7 with two report filters (rows 2-3, blank row 4).
    const rows = [
      `<row r="1">${s("A1", "Month")}${s("B1", "Revenue")}${s("C1", "Churn")}</row>`,
      ...months.map((m, i) => {
        const r = i + 2;
        const pivot = r === 5 ? `${s("E5", "Row Labels")}${s("F5", "Sum of Sales")}` : "";
        return `<row r="${r}">${s(`A${r}`, m)}${n(`B${r}`, 100 + i)}${n(`C${r}`, 3 + i)}${pivot}</row>`;
      }),
      `<row r="6">${s("E6", "East")}${n("F6", 5)}</row>`,
      `<row r="7">${s("E7", "Grand Total")}${n("F7", 5)}</row>`,
    ];
    const part =
      `<?xml version="1.0" encoding="UTF-8"?><pivotTableDefinition xmlns="${MAIN_NS}" name="PivotTable1">` +
      `<location ref="E5:F7" firstHeaderRow="1" firstDataRow="1" firstDataCol="1" rowPageCount="2" colPageCount="1"/>` +
      `<pageFields count="2"><pageField fld="0" hier="-1"/><pageField fld="1" hier="-1"/></pageFields></pivotTableDefinition>`;
    const input = buildXlsx({
      sheets: [
        {
          name: "Monthly",
          xml: `<sheetData>${rows.join("")}</sheetData>`,
          rels: [{ id: "rId1", type: `${T}/pivotTable`, target: "../pivotTables/pivotTable1.xml" }],
        },
      ],
      extra: { "xl/pivotTables/pivotTable1.xml": part },
    });
    const g = openWorkbook(input).readGrid("Monthly");
    expect(g.pivotFilters).toEqual([{ top: 1, left: 4, bottom: 3, right: 5 }]);
    const d = decide({ grid: g });
    if (!d.ok) throw new Error(d.message);
    expect(d.table.orientation).toBe("columns");
    if (!d.plan?.ok) throw new Error(d.plan ? d.plan.message : "no plan");
    const plan = d.plan.plan;
    expectClear(g, plan);
    const output = applyPlan(input, plan);
    // Parts this test's hand-made package leaves minimal (no docProps) are not ours to judge.
    const elsewhere = (p: string) => /^xl\/workbook\.xml|docProps\/app\.xml/.test(p);
    expect((await schemaProblems(input, output)).filter((p) => !elsewhere(p))).toEqual([]);
    expect(excelRuleProblems(output).filter((p) => !elsewhere(p))).toEqual([]);
    expect(lostProblems(input, output, plan)).toEqual([]);
  });
});
