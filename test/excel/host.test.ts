import { metricKey } from "../../src/governance/audit";
import type { WritePlan } from "../../src/governance/types";
import {
  applyPlanToWorkbook,
  asTypedText,
  ExcelHostError,
  readSheet,
  removeGovernance,
  unwatchSheet,
  watchSheet,
  WRITE_BUDGET_BYTES,
} from "../../src/excel/host";
import { columnWidthToPoints } from "../../src/governance/width";
import { FakeExcel } from "./fake";
import { plan, workbook } from "./kpi-workbook";
import { atEachVersion, atLeast } from "./versions";

atEachVersion((version) => {
  describe("readSheet", () => {
    test("reads values, number formats, formula flags, errors, the origin and tables in two syncs", async () => {
      const excel = new FakeExcel();
      const s = excel.addSheet("KPIs");
      s.set(1, 1, "Metric");
      s.set(1, 2, "Dec");
      s.set(2, 1, "Churn");
      s.set(2, 2, 0.034, "0.0%");
      s.set(3, 1, "CAC");
      s.set(3, 2, "#N/A");
      s.cells.set("4,2", { value: null, formula: "=C3*2" });
      s.set(4, 1, "Double");
      s.tables.push({ name: "KpiTable", range: "B2:C5", showHeaders: true, showTotals: false });
      s.merges.push("D1:E1");
      s.set(0, 4, "Merged title");
      s.rules.push({ range: "C3:C5", type: "CellValue", operator: "GreaterThan", formula: "=0.05", fill: "#ffc7ce" });
      const before = excel.syncs;
      const { grid, address } = await readSheet(excel.context());
      expect(excel.syncs - before).toBe(2);
      expect(address).toBe("KPIs!B1:E5");
      expect(grid.origin).toEqual({ row: 0, col: 1 });
      expect(grid.values.slice(1).map((r) => r.slice(0, 2))).toEqual([
        ["Metric", "Dec"],
        ["Churn", 0.034],
        ["CAC", { error: "#N/A" }],
        ["Double", 0],
      ]);
      expect(grid.numberFormats![2][1]).toBe("0.0%");
      expect(grid.numberFormats![2][0]).toBeUndefined();
      expect(grid.formulas![4].slice(0, 2)).toEqual([false, true]);
      expect(grid.sheetName).toBe("KPIs");
      expect(grid.protected).toBe(false);
      expect(grid.tables).toEqual([
        { name: "KpiTable", range: { top: 1, left: 1, bottom: 4, right: 2 }, hasHeaderRow: true, hasTotalsRow: false },
      ]);
      // Merged areas can be read from ExcelApi 1.13 only.
      expect(grid.merges).toEqual(atLeast(version, "1.13") ? [{ top: 0, left: 3, bottom: 0, right: 4 }] : []);
      expect(grid.conditionalFormats).toEqual([
        {
          ranges: [{ top: 2, left: 2, bottom: 4, right: 2 }],
          type: "cellIs",
          operator: "greaterThan",
          formulas: ["0.05"],
          color: "#FFC7CE",
        },
      ]);
    });

    test.each([10, 10_000])("reading takes 2 syncs whatever the size: %i metrics", async (n) => {
      const excel = workbook(n);
      const before = excel.syncs;
      const { grid } = await readSheet(excel.context());
      expect(excel.syncs - before).toBe(2);
      expect(grid.values).toHaveLength(n + 3);
    });

    test("reads an address on another sheet", async () => {
      const excel = workbook(3);
      excel.sheet("Notes").set(4, 2, 7);
      const { grid, address } = await readSheet(excel.context(), { address: "Notes!A1:C5" });
      expect(address).toBe("Notes!A1:C5");
      expect(grid.sheetName).toBe("Notes");
      expect(grid.values[4][2]).toBe(7);
    });

    test("a protected sheet reads as protected", async () => {
      const excel = workbook(3);
      excel.sheet("Dashboard").protected = true;
      expect((await readSheet(excel.context())).grid.protected).toBe(true);
    });

    test("a sheet above the request cap is read in row chunks, and read whole", async () => {
      const excel = workbook(20_000); // 20,003 rows x 6 columns = 120,018 cells > 100,000
      const before = excel.syncs;
      const { grid } = await readSheet(excel.context());
      expect(excel.syncs - before).toBe(3);
      expect(grid.values).toHaveLength(20_003);
      expect(grid.values[20_002][0]).toBe("NPS 19999");
      expect(grid.numberFormats![20_001][1]).toBe("0.0%");
    });

    test("Excel in cell-edit mode gives an edit-mode error that says what to do", async () => {
      const excel = workbook(3);
      const context = excel.context();
      const busy = Object.assign(Object.create(context) as Excel.RequestContext, {
        sync: async () => {
          throw Object.assign(new Error("cell edit"), { code: "InvalidOperationInCellEditMode" });
        },
      });
      await expect(readSheet(busy)).rejects.toMatchObject({
        code: "edit-mode",
        message: expect.stringMatching(/Enter or Esc/),
      });
    });

    test("an empty sheet is refused with what to do", async () => {
      const excel = new FakeExcel();
      excel.addSheet("Empty");
      await expect(readSheet(excel.context())).rejects.toMatchObject({
        code: "empty-sheet",
        message: expect.stringMatching(/empty/),
      });
    });
  });

  describe("applyPlanToWorkbook", () => {
    // Three syncs whatever the size: the checks, the audited sheet, the two summary sheets. At
    // 10,000 metrics each batch stays under Excel on the web's 5 MB request cap.
    test.each([10, 2_000, 10_000])("the number of syncs does not grow with the sheet: %i metrics", async (n) => {
      const excel = workbook(n);
      const p = await plan(excel);
      const before = excel.syncs;
      await applyPlanToWorkbook(excel.context(), p);
      expect(excel.syncs - before).toBe(3);
      expect(excel.maxBatchBytes).toBeLessThan(5_000_000);
      // and the work was done: every metric has its Governance cell
      const gov = p.columns.find((c) => c.kind === "governance")!.col;
      const s = excel.sheet("Dashboard");
      expect(String(s.get(3, gov)?.value)).toMatch(/^(VANITY|INCOMPLETE|DECISION-READY)/);
      expect(String(s.get(3 + n - 1, gov)?.value)).toMatch(/^(VANITY|INCOMPLETE|DECISION-READY)/);
    });

    test("writes the governance columns, highlight rules, widths and the two sheets", async () => {
      const excel = workbook(4);
      const p = await plan(excel);
      await applyPlanToWorkbook(excel.context(), p);
      const s = excel.sheet("Dashboard");
      expect([6, 7, 8].map((c) => s.get(2, c)?.value)).toEqual(["Threshold", "Lever", "Governance"]);
      expect(s.get(2, 5)?.value).toBe("Owner"); // the person's own column, kept
      expect(s.rules.map((r) => r.formula)).toEqual([
        '=ISNUMBER(SEARCH("red now",$I4))',
        '=LEFT($I4,6)="VANITY"',
        '=LEFT($I4,10)="INCOMPLETE"',
      ]);
      expect(s.rules[1].fill).toBe("#FFC7CE");
      // Points, through the one conversion both hosts use: 60 characters is 315 pt, not 60 * 7.
      expect(s.widths.get(8)).toBe(columnWidthToPoints(60));
      expect(s.widths.get(8)).toBe(315);
      const brief = excel.sheet("MBR Brief");
      for (const [, w] of brief.widths) expect(w).toBeLessThan(700);
      expect(excel.sheets.map((x) => x.name)).toEqual(["Dashboard", "Notes", "Decision Map", "MBR Brief"]);
      expect(excel.sheet("Decision Map").get(0, 0)?.value).toBe("Metric");
      // Read and printed at the MBR: the Governance cells we write wrap (Threshold does not),
      // the Decision Map header is bold and frozen, both added sheets print landscape.
      expect(s.looks.get("3,8")?.has("wrap")).toBe(true);
      expect(s.looks.get("6,8")?.has("wrap")).toBe(true);
      expect(s.looks.get("3,6")?.has("wrap") ?? false).toBe(false);
      const dm = excel.sheet("Decision Map");
      expect(dm.looks.get("0,0")?.has("bold")).toBe(true);
      expect(dm.frozenRows).toBe(1);
      for (const x of [dm, brief]) expect(x.print.orientation).toBe("Landscape");
    });

    test("text a person typed stays text, formula-like or not", async () => {
      const excel = workbook(2);
      const answers = new Map([
        [metricKey("NPS 1"), { owner: '=HYPERLINK("x")', threshold: "-5", lever: "@Dana may cut spend up to 5%" }],
        [metricKey("Churn 0"), { lever: "+1" }],
      ]);
      const p = await plan(excel, answers);
      await applyPlanToWorkbook(excel.context(), p);
      const s = excel.sheet("Dashboard");
      expect(s.get(4, 5)).toEqual({ value: '=HYPERLINK("x")', formula: undefined, quotePrefix: true });
      expect(s.get(4, 6)?.value).toBe("-5");
      expect(s.get(3, 7)).toMatchObject({ value: "+1", quotePrefix: true });
      expect(s.get(4, 7)?.value).toBe("@Dana may cut spend up to 5%");
      expect([...s.cells.values()].filter((c) => c.formula)).toEqual([]);
      expect(asTypedText("Dana")).toBe("Dana");
    });

    test("a protected sheet is refused before anything is written", async () => {
      const excel = workbook(3);
      const p = await plan(excel);
      excel.sheet("Dashboard").protected = true;
      const before = excel.sheet("Dashboard").snapshot();
      const writes = excel.writes;
      await expect(applyPlanToWorkbook(excel.context(), p)).rejects.toBeInstanceOf(ExcelHostError);
      await expect(applyPlanToWorkbook(excel.context(), p)).rejects.toMatchObject({ code: "sheet-protected" });
      expect(excel.writes).toBe(writes);
      expect(excel.queuedWrites()).toBe(0);
      expect(excel.sheet("Dashboard").snapshot()).toBe(before);
      expect(excel.sheets.map((x) => x.name)).toEqual(["Dashboard", "Notes"]);
    });

    test("auditing again gives the same sheet and the same rules (idempotent)", async () => {
      const excel = workbook(6);
      await applyPlanToWorkbook(
        excel.context(),
        await plan(excel, new Map([[metricKey("Churn 2"), { owner: "Dana Lee" }]])),
      );
      const once = excel.sheet("Dashboard").snapshot();
      const rules = excel.sheet("Dashboard").rules.length;
      const map = excel.sheet("Decision Map").snapshot();
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      expect(excel.sheet("Dashboard").snapshot()).toBe(once);
      expect(excel.sheet("Dashboard").rules).toHaveLength(rules);
      expect(excel.sheet("Decision Map").snapshot()).toBe(map);
      expect(excel.sheets).toHaveLength(4);
    });

    test("cells between planned cells are left as they were (a column write carries nulls)", async () => {
      const excel = workbook(3);
      const s = excel.sheet("Dashboard");
      const p: WritePlan = {
        sheetName: "Dashboard",
        columns: [],
        rules: [],
        sheets: [],
        cells: [
          { row: 3, col: 9, value: "a" },
          { row: 5, col: 9, value: "c" },
        ],
      };
      s.set(4, 9, "the person's note");
      await applyPlanToWorkbook(excel.context(), p);
      expect([3, 4, 5].map((r) => s.get(r, 9)?.value)).toEqual(["a", "the person's note", "c"]);
    });
  });

  describe("the person's selection and our summary sheets", () => {
    test("with the selection, the grid is the selection's rows across the used columns; the address is the selection", async () => {
      const excel = workbook(5);
      excel.selection = "A3:E6";
      const before = excel.syncs;
      const { grid, address } = await readSheet(excel.context(), { selection: true });
      expect(excel.syncs - before).toBe(2);
      expect(address).toBe("Dashboard!A3:E6");
      expect(grid.origin).toEqual({ row: 2, col: 0 });
      expect(grid.values).toHaveLength(4); // rows 3 to 6 only: a stray value far below costs nothing
      expect(grid.values[0]).toHaveLength(6); // and every used column, so the plan sees what it could write over
    });

    test("a person's own sheet named 'Decision Map' is reported before any write; ours is not", async () => {
      const excel = workbook(3);
      expect((await readSheet(excel.context())).conflict).toBeNull();
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      expect((await readSheet(excel.context())).conflict).toBeNull(); // our own, from the first run
      excel.sheet("Decision Map").set(0, 0, "My notes");
      expect((await readSheet(excel.context())).conflict).toMatch(/already has a sheet named 'Decision Map'.*Rename/);
    });

    test("an empty sheet of that name is not a conflict", async () => {
      const excel = workbook(3);
      excel.addSheet("MBR Brief");
      expect((await readSheet(excel.context())).conflict).toBeNull();
    });
  });

  describe("removeGovernance", () => {
    test("takes out exactly what the audit added: the sheet is as it was before", async () => {
      const excel = workbook(6);
      const s = excel.sheet("Dashboard");
      s.rules.push({ range: "B4:B9", type: "CellValue", operator: "GreaterThan", formula: "=0.05", fill: "#FFC7CE" });
      s.widths.set(7, 30);
      const before = s.snapshot();
      const sheets = excel.sheets.map((x) => x.name);
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      expect(s.snapshot()).not.toBe(before);
      expect([...s.names.keys()]).toEqual(["DecisionMap_Added"]);

      const syncs = excel.syncs;
      const removed = await removeGovernance(excel.context());
      expect(excel.syncs - syncs).toBe(3);
      expect(removed).toEqual({ columns: "Dashboard!G3:I9", rules: 3, sheets: ["Decision Map", "MBR Brief"] });
      expect(s.snapshot()).toBe(before); // the person's own rule and the old width of column H are back
      expect(excel.sheets.map((x) => x.name)).toEqual(sheets);
    });

    test("a re-run that adds a column widens the record, and remove still restores the sheet", async () => {
      const excel = workbook(4);
      const s = excel.sheet("Dashboard");
      // A first audit of a sheet with no Owner column: our Owner column goes where the person's was.
      for (let r = 2; r < 7; r++) s.cells.delete(`${r},5`);
      const before = s.snapshot();
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      await applyPlanToWorkbook(
        excel.context(),
        await plan(excel, new Map([[metricKey("Churn 0"), { owner: "Dana Lee" }]])),
      );
      await removeGovernance(excel.context());
      expect(s.snapshot()).toBe(before);
    });

    test("answers typed into a column the person made stay; only ours go", async () => {
      const excel = workbook(3);
      const s = excel.sheet("Dashboard");
      await applyPlanToWorkbook(
        excel.context(),
        await plan(excel, new Map([[metricKey("NPS 1"), { owner: "Sam Roe" }]])),
      );
      expect(s.get(4, 5)?.value).toBe("Sam Roe"); // written into the person's Owner column
      await removeGovernance(excel.context());
      expect(s.get(2, 5)?.value).toBe("Owner");
      expect(s.get(4, 5)?.value).toBe("Sam Roe");
    });

    test("a person's sheet named 'MBR Brief' is never deleted", async () => {
      const excel = workbook(3);
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      excel.sheet("MBR Brief").set(0, 0, "Board notes");
      const removed = await removeGovernance(excel.context());
      expect(removed.sheets).toEqual(["Decision Map"]);
      expect(excel.sheet("MBR Brief").get(0, 0)?.value).toBe("Board notes");
    });

    test("a sheet never audited: a message that says what to do, and nothing written", async () => {
      const excel = workbook(3);
      const writes = excel.writes;
      await expect(removeGovernance(excel.context())).rejects.toMatchObject({
        code: "nothing-to-remove",
        message: expect.stringMatching(/added nothing to sheet 'Dashboard'/),
      });
      expect(excel.writes).toBe(writes);
    });

    test("a protected sheet: a message, and nothing removed", async () => {
      const excel = workbook(3);
      await applyPlanToWorkbook(excel.context(), await plan(excel));
      const s = excel.sheet("Dashboard");
      s.protected = true;
      const before = s.snapshot();
      await expect(removeGovernance(excel.context())).rejects.toMatchObject({ code: "sheet-protected" });
      expect(s.snapshot()).toBe(before);
      expect(excel.sheets).toHaveLength(4);
    });
  });

  describe("watchSheet", () => {
    test("reports a person's edits and not the add-in's own", async () => {
      const excel = workbook(3);
      const seen: string[] = [];
      const handle = await watchSheet(excel.context(), "Dashboard", (a) => seen.push(a));
      await excel.edit("Dashboard", "F4");
      // Excel says which edits are the add-in's own from ExcelApi 1.14 (triggerSource).
      if (atLeast(version, "1.14")) await excel.edit("Dashboard", "I4", "ThisLocalAddin");
      expect(seen).toEqual(["Dashboard!F4"]);
      await unwatchSheet(excel.context(), handle);
      await excel.edit("Dashboard", "F5");
      expect(seen).toEqual(["Dashboard!F4"]);
    });
  });

  describe("above the request cap", () => {
    test("one huge column is written in row blocks, each batch under the cap", async () => {
      const excel = workbook(3);
      const long = "x".repeat(200);
      const cells = Array.from({ length: 30_000 }, (_, i) => ({ row: 10 + i, col: 12, value: `${long}${i}` }));
      const p: WritePlan = { sheetName: "Dashboard", columns: [], rules: [], sheets: [], cells };
      const before = excel.syncs;
      await applyPlanToWorkbook(excel.context(), p);
      expect(excel.syncs - before).toBeGreaterThan(3);
      expect(excel.maxBatchBytes).toBeLessThanOrEqual(WRITE_BUDGET_BYTES * 1.1);
      expect(excel.sheet("Dashboard").get(10 + 29_999, 12)?.value).toBe(`${long}29999`);
    });
  });
});

describe("asTypedText", () => {
  test.each([
    " 42 ",
    "3%",
    "1,234",
    "$10",
    "(1,200)",
    "1/2",
    "2026-11-24",
    "9:30",
    "1 1/2",
    "TRUE",
    "false",
    "#N/A",
    "=A1",
    "+1",
    "-5",
    "@x",
    "'quoted",
  ])("%j would become something else in Excel, so it gets the text mark", (typed) => {
    expect(asTypedText(typed)).toBe(`'${typed}`);
  });

  test.each(["Dana Lee", "> 3%", "below 40", "authorize up to $10k in credits", "Q3", "NPS 40+", "10k"])(
    "%j stays as typed",
    (typed) => {
      expect(asTypedText(typed)).toBe(typed);
    },
  );
});
