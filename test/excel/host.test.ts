import { auditTable, metricKey } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import { planWrite } from "../../src/governance/plan";
import type { WritePlan } from "../../src/governance/types";
import { applyPlanToWorkbook, asTypedText, ExcelHostError, readSheet } from "../../src/excel/host";
import { FakeExcel } from "./fake";

const MONTHS = ["Oct", "Nov", "Dec"];

/** A KPI sheet with `n` metrics: title, header, months, Target, a partly filled Owner column. */
function workbook(n: number): FakeExcel {
  const excel = new FakeExcel();
  const s = excel.addSheet("Dashboard");
  s.set(0, 0, "Acme KPIs");
  ["Metric", ...MONTHS, "Target", "Owner"].forEach((h, c) => s.set(2, c, h));
  for (let i = 0; i < n; i++) {
    const row = 3 + i;
    s.set(row, 0, i % 2 === 0 ? `Churn ${i}` : `NPS ${i}`);
    MONTHS.forEach((_, m) => s.set(row, 1 + m, i % 2 === 0 ? 0.03 + m * 0.002 : 40 - m, i % 2 === 0 ? "0.0%" : undefined));
    s.set(row, 4, i % 2 === 0 ? 0.025 : 45, i % 2 === 0 ? "0.0%" : undefined);
    if (i % 3 === 0) s.set(row, 5, i % 2 === 0 ? "Dana Lee" : "Sales team");
  }
  excel.addSheet("Notes").set(0, 0, "notes");
  return excel;
}

async function plan(excel: FakeExcel, answers = new Map<string, { owner?: string; threshold?: string; lever?: string }>()): Promise<WritePlan> {
  const { grid } = await readSheet(excel.context());
  const detected = detectKpiTable(grid);
  if (!detected.ok) throw new Error(detected.message);
  const result = planWrite(grid, auditTable({ grid, table: detected.table, answers }));
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

describe("readSheet", () => {
  test("reads values, number formats, formula flags, errors and the origin in one sync", async () => {
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
    const before = excel.syncs;
    const { grid, address } = await readSheet(excel.context());
    expect(excel.syncs - before).toBe(1);
    expect(address).toBe("KPIs!B2:C5");
    expect(grid.origin).toEqual({ row: 1, col: 1 });
    expect(grid.values).toEqual([["Metric", "Dec"], ["Churn", 0.034], ["CAC", { error: "#N/A" }], ["Double", 0]]);
    expect(grid.numberFormats![1][1]).toBe("0.0%");
    expect(grid.formulas![3]).toEqual([false, true]);
    expect(grid.sheetName).toBe("KPIs");
  });

  test("an empty sheet is refused with what to do", async () => {
    const excel = new FakeExcel();
    excel.addSheet("Empty");
    await expect(readSheet(excel.context())).rejects.toMatchObject({ code: "empty-sheet", message: expect.stringMatching(/empty/) });
  });
});

describe("applyPlanToWorkbook", () => {
  test.each([10, 10_000])("the number of syncs does not grow with the sheet: %i metrics", async (n) => {
    const excel = workbook(n);
    const p = await plan(excel);
    const before = excel.syncs;
    await applyPlanToWorkbook(excel.context(), p);
    expect(excel.syncs - before).toBe(2);
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
    expect(s.rules.map((r) => r.formula)).toEqual(['=LEFT($I4,6)="VANITY"', '=LEFT($I4,10)="INCOMPLETE"']);
    expect(s.rules[0].fill).toBe("#FFC7CE");
    expect(s.widths.get(8)).toBe(60 * 7);
    expect(excel.sheets.map((x) => x.name)).toEqual(["Dashboard", "Notes", "Decision Map", "MBR Brief"]);
    expect(excel.sheet("Decision Map").get(0, 0)?.value).toBe("Metric");
  });

  test("text a person typed stays text, formula-like or not", async () => {
    const excel = workbook(2);
    const answers = new Map([[metricKey("NPS 1"), { owner: '=HYPERLINK("x")', threshold: "-5", lever: "@Dana may cut spend up to 5%" }]]);
    const p = await plan(excel, answers);
    await applyPlanToWorkbook(excel.context(), p);
    const s = excel.sheet("Dashboard");
    expect(s.get(4, 5)).toEqual({ value: '=HYPERLINK("x")', formula: undefined });
    expect(s.get(4, 6)?.value).toBe("-5");
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
    expect(excel.sheet("Dashboard").snapshot()).toBe(before);
    expect(excel.sheets.map((x) => x.name)).toEqual(["Dashboard", "Notes"]);
  });

  test("auditing again gives the same sheet and the same rules (idempotent)", async () => {
    const excel = workbook(6);
    await applyPlanToWorkbook(excel.context(), await plan(excel, new Map([[metricKey("Churn 2"), { owner: "Dana Lee" }]])));
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
    const p: WritePlan = { sheetName: "Dashboard", columns: [], rules: [], sheets: [], cells: [
      { row: 3, col: 9, value: "a" },
      { row: 5, col: 9, value: "c" },
    ] };
    s.set(4, 9, "the person's note");
    await applyPlanToWorkbook(excel.context(), p);
    expect([3, 4, 5].map((r) => s.get(r, 9)?.value)).toEqual(["a", "the person's note", "c"]);
  });
});
