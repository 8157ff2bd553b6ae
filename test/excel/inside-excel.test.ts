/**
 * What would break inside real Excel (issue 11) and the Excel half of "never damage a workbook"
 * (issue 9), each on the strict fake, at ExcelApi 1.9, 1.13 and the newest.
 */
import { metricKey } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import type { WritePlan } from "../../src/governance/types";
import { columnWidthToPoints } from "../../src/governance/width";
import { cellAddress } from "../../src/governance/grid";
import {
  applyPlanToWorkbook,
  drawingCells,
  readSheet,
  removeGovernance,
  unwatchSheet,
  watchSheet,
  MAX_CELLS_TOTAL,
} from "../../src/excel/host";
import { excelHost } from "../../src/taskpane/excelHost";
import { FakeExcel } from "./fake";
import { plan, workbook } from "./kpi-workbook";
import { atEachVersion, atLeast } from "./versions";

/** Everything a person could see in the workbook. */
function everything(excel: FakeExcel): string {
  return excel.sheets.map((s) => `## ${s.name}\n${s.snapshot()}`).join("\n");
}

atEachVersion((version) => {
  describe("12. no call hangs off a possible null object", () => {
    test("a plan for a sheet that is gone: a message that says what to do, and nothing written", async () => {
      const excel = workbook(3);
      const p = await plan(excel);
      excel.sheets.splice(0, 1); // the person deleted the sheet meanwhile
      const before = everything(excel);
      await expect(applyPlanToWorkbook(excel.context(), p)).rejects.toMatchObject({
        code: "no-sheet",
        message: expect.stringMatching(/no longer in this workbook/),
      });
      expect(everything(excel)).toBe(before);
    });

    test("remove on a sheet that is gone: the same message", async () => {
      const excel = workbook(3);
      await expect(removeGovernance(excel.context(), "Old KPIs")).rejects.toMatchObject({ code: "no-sheet" });
    });
  });

  describe("2. Use my selection reads only the selection, and reads are budgeted by their real size", () => {
    test("one stray value far away no longer makes the sheet impossible to audit", async () => {
      const excel = workbook(6);
      const s = excel.sheet("Dashboard");
      s.set(999_999, 5, "stray"); // the used range is now 1,000,000 rows by 6 columns
      expect(1_000_000 * 6).toBeGreaterThan(MAX_CELLS_TOTAL);
      await expect(readSheet(excel.context())).rejects.toMatchObject({ code: "too-large" });
      excel.selection = "A3:F9";
      const { grid, address } = await readSheet(excel.context(), { selection: true });
      expect(address).toBe("Dashboard!A3:F9");
      expect(grid.values.length).toBeLessThanOrEqual(7);
      const detected = detectKpiTable(grid, { within: { top: 2, left: 0, bottom: 8, right: 5 } });
      expect(detected.ok && detected.table.metrics).toHaveLength(6);
    });

    test("the selection's rows are read across the used columns, so the plan sees what it could write over", async () => {
      const excel = workbook(4);
      const s = excel.sheet("Dashboard");
      s.set(4, 7, "the person's note in H5");
      excel.selection = "A3:E7";
      const { grid } = await readSheet(excel.context(), { selection: true });
      expect(grid.values.some((row) => row.includes("the person's note in H5"))).toBe(true);
    });

    test("a text-heavy sheet is read in chunks under the 5 MB response cap", async () => {
      const excel = workbook(3_000);
      const s = excel.sheet("Dashboard");
      const note = "n".repeat(400);
      for (let i = 0; i < 3_000; i++) for (let c = 6; c < 12; c++) s.set(3 + i, c, `${note}${i}`);
      const { grid } = await readSheet(excel.context());
      expect(grid.values).toHaveLength(3_003);
      expect(grid.values[3_002][11]).toBe(`${note}2999`);
      expect(excel.maxResponseBytes).toBeLessThanOrEqual(5_000_000);
    });
  });

  describe("3. everything a write or a removal needs is checked before the first write", () => {
    test("workbook structure protection: refused, and nothing written", async () => {
      const excel = workbook(3);
      const p = await plan(excel);
      excel.structureProtected = true;
      const before = everything(excel);
      await expect(applyPlanToWorkbook(excel.context(), p)).rejects.toMatchObject({
        code: "workbook-protected",
        message: expect.stringMatching(/structure is protected.*Unprotect/),
      });
      expect(everything(excel)).toBe(before);
    });

    test("structure protection is no obstacle when our sheets already exist", async () => {
      const excel = workbook(3);
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      excel.structureProtected = true;
      await applyPlanToWorkbook(
        excel.context(),
        await plan(excel, new Map([[metricKey("NPS 1"), { owner: "Sam Roe" }]])),
      );
      expect(excel.sheet("Dashboard").get(4, 5)?.value).toBe("Sam Roe");
    });

    test("a protected MBR Brief sheet (ours): refused, and nothing written", async () => {
      const excel = workbook(3);
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      excel.sheet("MBR Brief").protected = true;
      const p = await plan(excel, new Map([[metricKey("NPS 1"), { owner: "Sam Roe" }]]));
      const before = everything(excel);
      await expect(applyPlanToWorkbook(excel.context(), p)).rejects.toMatchObject({
        code: "sheet-protected",
        message: expect.stringMatching(/'MBR Brief' is protected/),
      });
      expect(everything(excel)).toBe(before);
    });

    test("remove governance with a protected Decision Map sheet: refused, and nothing removed", async () => {
      const excel = workbook(3);
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      excel.sheet("Decision Map").protected = true;
      const before = everything(excel);
      await expect(removeGovernance(excel.context())).rejects.toMatchObject({ code: "sheet-protected" });
      expect(everything(excel)).toBe(before);
    });

    test("remove governance with the workbook's structure protected: refused, and nothing removed", async () => {
      const excel = workbook(3);
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      excel.structureProtected = true;
      const before = everything(excel);
      await expect(removeGovernance(excel.context())).rejects.toMatchObject({ code: "workbook-protected" });
      expect(everything(excel)).toBe(before);
    });
  });

  describe("4. following edits", () => {
    test("a co-author's edit (event.source Remote) is not followed: every open pane would write", async () => {
      const excel = workbook(3);
      const seen: string[] = [];
      const handle = await watchSheet(excel.context(), "Dashboard", (a) => seen.push(a));
      await excel.edit("Dashboard", "F5", { source: "Remote" });
      await excel.edit("Dashboard", "F4");
      expect(seen).toEqual(["Dashboard!F4"]);
      await unwatchSheet(excel.context(), handle);
    });

    test("the pane's own writes are told apart without a quiet period, at every version", async () => {
      const excel = workbook(3).install();
      const host = excelHost();
      await host.read();
      const seen: string[] = [];
      const stop = await host.watch!("Dashboard", (a) => seen.push(a));
      const p = await plan(excel, new Map([[metricKey("NPS 1"), { owner: "Sam Roe" }]]));
      await host.apply(p);
      // Excel reports the pane's own writes (with triggerSource ThisLocalAddin from 1.14).
      const own = atLeast(version, "1.14") ? { triggerSource: "ThisLocalAddin" } : {};
      await excel.edit("Dashboard", "F5", { ...own, valueAfter: "Sam Roe" });
      await excel.edit("Dashboard", "I4:I6", own);
      // ...and right after it, the person types an owner: followed.
      await excel.edit("Dashboard", "F7", { valueAfter: "Ada Park" });
      expect(seen).toEqual(["Dashboard!F7"]);
      expect(host.filtersOwnWrites).toBe(true);
      await stop();
    });

    test("a failed registration is an error the pane can show, not a silent stop", async () => {
      const excel = workbook(3);
      await expect(watchSheet(excel.context(), "Old KPIs", () => undefined)).rejects.toMatchObject({
        message: expect.stringMatching(/cannot follow your edits.*Refresh governance/),
      });
    });

    test("a write while the person is typing in a cell waits for the edit, where Excel can (1.11)", async () => {
      const excel = workbook(3).install();
      const host = excelHost();
      await host.read();
      const p = await plan(excel);
      excel.editing = true;
      if (atLeast(version, "1.11")) {
        await host.apply(p);
        expect(excel.sheet("Dashboard").get(2, 8)?.value).toBe("Governance");
      } else {
        await expect(host.apply(p)).rejects.toThrow(/Press Enter or Esc/);
      }
    });
  });

  describe("5. the audited sheet is kept by id", () => {
    test("after a write, the re-read is of the audited sheet, not of the sheet the person now looks at", async () => {
      const excel = workbook(3).install();
      const host = excelHost();
      const first = await host.read();
      expect(first.grid.sheetName).toBe("Dashboard");
      const p = await plan(excel);
      excel.active = 1; // the person looks at Notes meanwhile
      await host.apply(p);
      const again = await host.read();
      expect(again.grid.sheetName).toBe("Dashboard");
    });

    test("a followed edit re-reads the audited sheet even when it was renamed", async () => {
      const excel = workbook(3).install();
      const host = excelHost();
      await host.read();
      const seen: string[] = [];
      const stop = await host.watch!("Dashboard", (a) => seen.push(a));
      excel.sheet("Dashboard").name = "KPIs 2027";
      excel.active = 1;
      await excel.edit("KPIs 2027", "F5", { valueAfter: "Ada Park" });
      expect(seen).toHaveLength(1);
      const again = await host.read();
      expect(again.grid.sheetName).toBe("KPIs 2027");
      await stop();
    });

    test("an audit from the selection is re-read with the same rows of the same sheet", async () => {
      const excel = workbook(4).install();
      const host = excelHost();
      excel.selection = "A3:F7";
      const first = await host.read({ selection: true });
      expect(first.address).toBe("Dashboard!A3:F7");
      const p = await plan(excel);
      excel.active = 1;
      excel.selection = "A1";
      await host.apply(p);
      const again = await host.read({ selection: true });
      expect(again.grid.sheetName).toBe("Dashboard");
      expect(again.address).toBe("Dashboard!A3:F7");
    });

    test("a read the person asks for (a fresh start) is of the active sheet", async () => {
      const excel = workbook(3).install();
      excel.sheet("Notes").set(1, 0, "more notes");
      const host = excelHost();
      await host.read();
      excel.active = 1;
      expect((await host.read()).grid.sheetName).toBe("Notes");
    });
  });

  describe("6. more than 512 merged areas", () => {
    test("do not fail the read; every merged area is found where Excel can read them (1.13)", async () => {
      const excel = workbook(4);
      const s = excel.sheet("Dashboard");
      for (let i = 0; i < 600; i++) s.merges.push(`H${10 + i * 2}:I${10 + i * 2}`);
      s.set(10 + 599 * 2, 7, "last merged note");
      const read = await readSheet(excel.context());
      if (atLeast(version, "1.13")) expect(read.grid.merges).toHaveLength(600);
      else {
        expect(read.grid.merges).toEqual([]);
        expect(read.notes.join(" ")).toMatch(/merged/);
      }
    });
  });

  describe("issue 9: the Excel host sees formulas, drawings, widths and tables", () => {
    test("a formula that shows nothing is a filled cell, also in a chunked read", async () => {
      const excel = workbook(20_000);
      const s = excel.sheet("Dashboard");
      s.cells.set("5,6", { value: null, formula: '=IF(B6>0,"","x")', cached: "" });
      s.cells.set("20001,6", { value: null, formula: '=IF(B6>0,"","x")', cached: "" });
      const { grid } = await readSheet(excel.context());
      expect(grid.values[5][6]).toBeNull();
      expect(grid.formulas![5][6]).toBe(true);
      expect(grid.formulas![20_001][6]).toBe(true);
      expect(grid.formulas![5][5]).toBe(false);
    });

    test("charts and shapes are mapped to the cells they cover, by the sheet's row heights and column widths", async () => {
      const excel = workbook(4);
      const s = excel.sheet("Dashboard");
      s.widths.set(6, 10); // a 10 pt spacer in G
      s.heights.set(1, 30);
      // A chart from the top of row 3 (15 + 30 pt), left edge in H (6 * 48 + 10 pt), 100 x 40 pt.
      s.drawings.push({ kind: "chart", name: "Chart 1", top: 45, left: 298, width: 100, height: 40 });
      s.drawings.push({ kind: "shape", name: "Arrow", top: 0, left: 0, width: 10, height: 10 });
      const { grid } = await readSheet(excel.context());
      const shapesToo = true; // Worksheet.shapes is ExcelApi 1.9, the manifest's minimum
      expect(grid.drawings).toEqual([
        { top: 2, left: 7, bottom: 4, right: 9 },
        ...(shapesToo ? [{ top: 0, left: 0, bottom: 0, right: 0 }] : []),
      ]);
      expect(grid.columnWidths?.[6]).toBeCloseTo(10 / 5.25, 0);
      expect(grid.columnWidths?.[0]).toBeCloseTo(9.14, 1);
    });

    test("a created column with `table` becomes a column of that Excel table; a re-audit reuses it", async () => {
      const excel = workbook(3);
      const s = excel.sheet("Dashboard");
      s.tables.push({ name: "Kpis", range: "A3:F6", showHeaders: true, showTotals: false });
      const p: WritePlan = {
        sheetName: "Dashboard",
        columns: [{ kind: "governance", col: 6, header: "Governance", created: true, width: 40, table: "Kpis" }],
        cells: [
          { row: 2, col: 6, value: "Governance", styleLike: { row: 2, col: 5 } },
          { row: 3, col: 6, value: "VANITY: no owner" },
          { row: 4, col: 6, value: "INCOMPLETE: no lever" },
          { row: 5, col: 6, value: "VANITY: no owner" },
        ],
        rules: [],
        sheets: [],
      };
      await applyPlanToWorkbook(excel.context(), p);
      expect(s.tables[0].range).toBe("A3:G6");
      expect(s.tables[0].columns).toEqual(["Metric", "Oct", "Nov", "Dec", "Target", "Owner", "Governance"]);
      expect(s.get(5, 6)?.value).toBe("VANITY: no owner");
      // A re-audit: the column is the table's and the sheet's own now.
      const again = { ...p, columns: [{ ...p.columns[0], created: false }] };
      await applyPlanToWorkbook(excel.context(), again);
      expect(s.tables[0].range).toBe("A3:G6");
      expect(s.tables[0].columns).toHaveLength(7);
      // and removing governance takes the table column out again
      await removeGovernance(excel.context());
      expect(s.tables[0].range).toBe("A3:F6");
      expect(s.get(2, 6)?.value ?? null).toBeNull();
    });

    test("removing a table's column never moves a person's cells right of the table", async () => {
      const excel = workbook(3);
      const s = excel.sheet("Dashboard");
      s.tables.push({ name: "Kpis", range: "A3:F6", showHeaders: true, showTotals: false });
      await applyPlanToWorkbook(excel.context(), {
        sheetName: "Dashboard",
        columns: [{ kind: "governance", col: 6, header: "Governance", created: true, width: 40, table: "Kpis" }],
        cells: [
          { row: 2, col: 6, value: "Governance" },
          { row: 3, col: 6, value: "VANITY: no owner" },
        ],
        rules: [],
        sheets: [],
      });
      s.set(4, 10, "the person's note in K5"); // typed after the audit, right of the table
      await removeGovernance(excel.context());
      expect(s.get(4, 10)?.value).toBe("the person's note in K5");
      expect(s.get(3, 6)?.value ?? null).toBeNull();
      // From 1.13 the table is resized back; before, its emptied column stays rather than shift K5.
      expect(s.tables[0].range).toBe(atLeast(version, "1.13") ? "A3:F6" : "A3:G6");
    });

    test("a person's 'mbr brief' sheet is ours in name: reported before any write, whatever its capitals", async () => {
      const excel = workbook(3);
      excel.addSheet("mbr brief").set(0, 0, "Board notes");
      const read = await readSheet(excel.context());
      expect(read.conflict).toMatch(/'MBR Brief'.*Rename/);
    });

    test("our own sheets are found whatever their capitals: no duplicate is added", async () => {
      const excel = workbook(3);
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      excel.sheet("MBR Brief").name = "mbr brief";
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      expect(excel.sheets.map((x) => x.name)).toEqual(["Dashboard", "Notes", "Decision Map", "mbr brief"]);
      await removeGovernance(excel.context());
      expect(excel.sheets.map((x) => x.name)).toEqual(["Dashboard", "Notes"]);
    });

    test("a replaced answer is written, and it is the only cell that changes", async () => {
      const excel = workbook(3);
      const first = await plan(excel);
      await applyPlanToWorkbook(excel.context(), first);
      const s = excel.sheet("Dashboard");
      const before = s.snapshot().split("\n");
      const p: WritePlan = {
        sheetName: "Dashboard",
        columns: first.columns.map((c) => ({ ...c, created: false })),
        cells: [{ row: 3, col: 5, value: "Ada Park" }], // Dana Lee's cell, replaced by the person's choice
        rules: first.rules,
        sheets: [],
      };
      await applyPlanToWorkbook(excel.context(), p);
      const after = s.snapshot().split("\n");
      expect(after.filter((l) => !before.includes(l))).toEqual(['3,5="Ada Park"']);
      expect(before.filter((l) => !after.includes(l))).toEqual(['3,5="Dana Lee"']);
    });
  });

  describe("7. widths in points, one conversion", () => {
    test("a created column's width and its old width come back on remove", async () => {
      const excel = workbook(3);
      const p = await plan(excel);
      const created = p.columns.filter((c) => c.created && c.width !== undefined);
      await applyPlanToWorkbook(excel.context(), p);
      for (const c of created) expect(excel.sheet("Dashboard").widths.get(c.col)).toBe(columnWidthToPoints(c.width!));
      expect(excel.sheet("MBR Brief").widths.get(0)).toBe(columnWidthToPoints(120));
    });
  });
});

describe("merged areas Excel refuses to list (more than 512 in a block)", () => {
  test("are read in smaller blocks; none is lost", async () => {
    FakeExcel.version = "1.13";
    try {
      const excel = workbook(4);
      const s = excel.sheet("Dashboard");
      // 600 merged areas in 100 rows: a 256-row block holds them all and fails.
      for (let r = 10; r < 110; r++) for (let k = 0; k < 6; k++) s.merges.push(`${"HJLNPR"[k]}${r}:${"IKMOQS"[k]}${r}`);
      s.set(109, 7, "x");
      const read = await readSheet(excel.context());
      expect(read.grid.merges).toHaveLength(600);
      expect(read.notes).toEqual([]);
    } finally {
      FakeExcel.version = "1.9";
    }
  });

  test("a single row Excel still refuses is skipped and named; the read goes on", async () => {
    FakeExcel.version = "1.13";
    try {
      const excel = workbook(4);
      const s = excel.sheet("Dashboard");
      for (let k = 0; k < 600; k++) s.merges.push(`${cellCol(10 + 2 * k)}20:${cellCol(11 + 2 * k)}20`);
      s.merges.push("H25:I25");
      s.set(24, 7, "x");
      s.set(24, 1300, "far right"); // the used range runs past the merged row
      const read = await readSheet(excel.context());
      expect(read.grid.merges).toEqual([{ top: 24, left: 7, bottom: 24, right: 8 }]);
      expect(read.notes.join(" ")).toMatch(/merged cells of rows 20 .*check that the new columns/);
    } finally {
      FakeExcel.version = "1.9";
    }
  });
});

function cellCol(c: number): string {
  return cellAddress(0, c).replace(/\d+$/, "");
}

describe("drawingCells", () => {
  test("an edge on a cell border does not take the next cell; past the sizes read, cells are standard", () => {
    expect(drawingCells({ top: 0, left: 0, bottom: 15, right: 48 }, [48], [15])).toEqual({
      top: 0,
      left: 0,
      bottom: 0,
      right: 0,
    });
    expect(drawingCells({ top: 30, left: 96, bottom: 31, right: 97 }, [48], [15])).toEqual({
      top: 2,
      left: 2,
      bottom: 2,
      right: 2,
    });
    expect(drawingCells({ top: 0, left: 10, bottom: 10, right: 20 }, [0, 0, 48], [])).toEqual({
      top: 0,
      left: 2,
      bottom: 0,
      right: 2,
    });
  });
});
