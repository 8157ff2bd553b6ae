/**
 * One KPI per block of label / value cells: the blocks reader (layouts/blocks.ts) and its
 * placer (place/blocks.ts), on small sheets of many shapes, through the core, the Excel fake
 * and (when ../shared is there) the glidepath workbook through the command line.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { metricKey } from "../../src/governance/audit";
import { decide } from "../../src/governance/decide";
import { detectKpiTable } from "../../src/governance/detect";
import { cellAt, type CellValue, type Grid } from "../../src/governance/grid";
import { isTemplateText, readBlocks } from "../../src/governance/layouts/blocks";
import { judgeOwner } from "../../src/governance/owner";
import { createdRange } from "../../src/governance/record";
import type { KpiTable, WritePlan } from "../../src/governance/types";
import { applyPlanToWorkbook, readSheet, removeGovernance } from "../../src/excel/host";
import { applyPlan, chooseKpiSheet, openWorkbook } from "../../src/xlsx";
import { fakeFromGrid } from "../excel/from-grid";
import { grid } from "../helpers/grids";
import { runCli } from "../helpers/io";
import { excelRuleProblems, lostProblems, schemaProblems, schemasAvailable } from "../helpers/ooxml";

const FEB = 45689; // 1 Feb 2025

/** A sheet of `rows`, with `numberFormats` where a cell holds a date. */
function sheet(rows: CellValue[][], extra: Partial<Grid> = {}): Grid {
  return grid(rows, { sheetName: "Compliance", ...extra });
}

function blocksOf(g: Grid): KpiTable {
  const found = readBlocks(g, {});
  expect(found).toHaveLength(1);
  return found[0];
}

function apply(g: Grid, plan: WritePlan): Grid {
  const values = g.values.map((r) => [...r]);
  for (const c of plan.cells) {
    while (values.length <= c.row) values.push([]);
    values[c.row][c.col] = c.value;
  }
  return { ...g, values };
}

/** The glidepath shape: labels in B, merged values C:E, a placeholder owner, a dated series with targets. */
function glidepath(owner: CellValue = "<Enter Owners & Contributors>"): Grid {
  const rows: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const put = (r: number, c: number, v: CellValue, f?: string) => {
    while (rows.length <= r) rows.push([]);
    while (formats.length <= r) formats.push([]);
    rows[r][c] = v;
    if (f) formats[r][c] = f;
  };
  put(1, 2, "1. Fill only the manual inputs. 2. Adjust the months. 3. Everything else is calculated.");
  put(16, 1, "Goal ID");
  put(16, 2, "<Kingpin Goal>");
  put(18, 1, "Goal Title");
  put(18, 2, "<Enter Goal Title>");
  put(20, 1, "Owners");
  put(20, 2, owner);
  put(22, 1, "Due Date");
  put(22, 2, "<Month>");
  put(34, 1, "Sr no");
  put(34, 2, "Month");
  put(34, 3, "Current Actuals");
  put(34, 4, "Monthly targets");
  put(34, 5, "YTD");
  const actual = [0.83, 0.75, null, null];
  const target = [0.82, 0.85, 0.78, 0.82];
  for (let i = 0; i < 4; i++) {
    put(35 + i, 1, i + 1);
    put(35 + i, 2, FEB - 31 + [0, 31, 59, 90][i], "d-mmm");
    put(35 + i, 3, actual[i], "0%");
    put(35 + i, 4, target[i], "0.00%");
  }
  put(39, 1, 5); // an index with no month yet
  const formulas = rows.map((r, i) => r.map((_, j) => i >= 35 && i <= 39 && j === 4));
  return sheet(rows, {
    numberFormats: formats,
    formulas,
    merges: [
      { top: 1, left: 2, bottom: 9, right: 13 },
      { top: 18, left: 1, bottom: 19, right: 1 },
      { top: 18, left: 2, bottom: 19, right: 4 },
      { top: 20, left: 1, bottom: 21, right: 1 },
      { top: 20, left: 2, bottom: 21, right: 4 },
    ],
  });
}

describe("isTemplateText", () => {
  test.each(["<Enter Owners & Contributors>", "<Month>", "[Owner name]", "TBD", "Enter the owner", "..."])(
    "'%s' is template text",
    (t) => expect(isTemplateText(t)).toBe(true),
  );
  test.each(["Dana Lee", "Compliance rate", "Head of Sales", "Enterprise NPS"])("'%s' is not", (t) =>
    expect(isTemplateText(t)).toBe(false),
  );
  test("the owner judge says a placeholder names no one, not several owners", () => {
    const v = judgeOwner("<Enter Owners & Contributors>");
    expect(v.owner).toBeNull();
    expect(v.reasons.map((r) => r.code)).toEqual(["owner-unknown"]);
  });
});

describe("readBlocks: one KPI per block of label / value cells", () => {
  test("the glidepath shape: name from the sheet, owner cell, latest filled actual, its month and target", () => {
    const t = blocksOf(glidepath());
    expect(t.orientation).toBe("blocks");
    expect(t.metrics).toHaveLength(1);
    const m = t.metrics[0];
    expect(m.name).toBe("Compliance"); // the title is a placeholder
    expect(m.row).toBe(20); // the Owner label's row
    expect(m.cell).toEqual({ row: 18, col: 2 }); // the title's value cell
    expect(m.answerCells).toEqual({ owner: { row: 20, col: 2 } });
    expect(m.current).toEqual({ row: 36, col: 3 });
    expect(m.currentPeriod).toBe("1-Feb");
    expect(m.target).toBeCloseTo(0.85);
    expect(m.unit).toBe("percent-fraction");
    expect(m.values).toHaveLength(4); // the row with an index and no month is not a period
  });

  test("detect prefers the blocks reading on such a sheet, and the audit reads the placeholder as no owner", () => {
    const d = decide({ grid: glidepath(), answers: new Map() });
    if (!d.ok) throw new Error(d.message);
    expect(d.table.orientation).toBe("blocks");
    const m = d.audit.metrics[0];
    expect(m.current).toBe(0.75);
    expect(m.currentPeriod).toBe("1-Feb");
    expect(m.target).toBeCloseTo(0.85);
    expect(m.answers.owner).toBe("<Enter Owners & Contributors>");
    expect(m.reasons.map((r) => r.code)).toContain("owner-unknown");
  });

  test("label in column A, value right of it, a real owner, months as text", () => {
    const g = sheet([
      ["KPI:", "On-time delivery"],
      ["Owner:", "Dana Lee"],
      [],
      ["Month", "Actual", "Target"],
      ["Jan", 0.91, 0.95],
      ["Feb", 0.93, 0.95],
      ["Mar", 0.94, 0.96],
      ["Apr", null, 0.96],
    ]);
    const t = blocksOf(g);
    const m = t.metrics[0];
    expect(m).toMatchObject({ name: "On-time delivery", row: 1, cell: { row: 0, col: 1 } });
    expect(m.current).toEqual({ row: 6, col: 1 });
    expect(m.currentPeriod).toBe("Mar");
    expect(m.target).toBe(0.96);
    const d = decide({ grid: g });
    if (!d.ok) throw new Error(d.message);
    expect(d.table.orientation).toBe("blocks");
    expect(d.audit.metrics[0].owner).toBe("Dana Lee");
    expect(d.audit.metrics[0].sources.owner).toBe("sheet");
  });

  test("value below its label", () => {
    const g = sheet([
      ["Indicator"],
      ["First-contact resolution"],
      ["Responsible"],
      ["Sam Ortiz"],
      [],
      ["Week", "Value"],
      ["W1", 61],
      ["W2", 64],
    ]);
    const m = blocksOf(g).metrics[0];
    expect(m.name).toBe("First-contact resolution");
    expect(m.row).toBe(2);
    expect(m.answerCells?.owner).toEqual({ row: 3, col: 0 });
    expect(m.currentPeriod).toBe("W2");
    const d = decide({ grid: g });
    if (!d.ok) throw new Error(d.message);
    expect(d.audit.metrics[0].owner).toBe("Sam Ortiz");
    expect(d.audit.metrics[0].current).toBe(64);
  });

  test("labels in other languages", () => {
    const g = sheet([
      ["Indicateur", "Taux de service"],
      ["Responsable", "Chloé Martin"],
      [],
      ["Mois", "Réalisé", "Objectif"],
      ["janv.", 0.9, 0.95],
      ["févr.", 0.92, 0.95],
    ]);
    const m = blocksOf(g).metrics[0];
    expect(m.name).toBe("Taux de service");
    expect(m.currentPeriod).toBe("févr.");
    expect(m.target).toBe(0.95);
  });

  test("no series: the block is read with no current value, and with little confidence", () => {
    const g = sheet([
      ["Metric", "Net revenue retention"],
      ["Owner", "Priya Shah"],
    ]);
    const t = blocksOf(g);
    expect(t.metrics[0].current).toBeUndefined();
    expect(t.confidence).toBeLessThanOrEqual(0.6);
    const d = decide({ grid: g });
    if (!d.ok) throw new Error(d.message);
    expect(d.audit.metrics[0].current).toBeNull();
  });

  test("two blocks on one sheet are two metrics, each with its own series", () => {
    const g = sheet([
      ["KPI", "Churn"],
      ["Owner", "Dana Lee"],
      ["Month", "Actual"],
      ["Jan", 0.03],
      ["Feb", 0.034],
      [],
      ["KPI", "NPS"],
      ["Owner", "TBD"],
      ["Month", "Actual"],
      ["Jan", 41],
      ["Feb", 44],
      ["Mar", 47],
    ]);
    const t = blocksOf(g);
    expect(t.metrics.map((m) => [m.name, m.row, m.currentPeriod])).toEqual([
      ["Churn", 1, "Feb"],
      ["NPS", 7, "Mar"],
    ]);
    const d = decide({ grid: g });
    if (!d.ok) throw new Error(d.message);
    expect(d.audit.metrics.map((m) => m.current)).toEqual([0.034, 47]);
    expect(d.audit.metrics[1].reasons.map((r) => r.code)).toContain("owner-unknown");
  });

  test("two blocks side by side, each with its series under it", () => {
    const g = sheet([
      ["KPI", "Churn", null, null, "KPI", "NPS"],
      ["Owner", "Dana Lee", null, null, null, null],
      [null, null, null, null, "Owner", "Sam Ortiz"],
      ["Month", "Actual", null, null, "Month", "Actual"],
      ["Jan", 0.03, null, null, "Jan", 41],
      ["Feb", 0.034, null, null, "Feb", 44],
    ]);
    const t = blocksOf(g);
    expect(t.metrics.map((m) => [m.name, m.current])).toEqual([
      ["Churn", { row: 5, col: 1 }],
      ["NPS", { row: 5, col: 5 }],
    ]);
  });

  test("a plain row table is not a block, even with KPI and Owner headers", () => {
    const g = grid([
      ["KPI", "Jan", "Feb", "Owner", "Notes"],
      ["Churn", 0.03, 0.034, "Dana Lee", "watch"],
      ["NPS", 41, 44, "Sam Ortiz", ""],
      ["CAC", 410, 390, "Priya Shah", ""],
    ]);
    expect(readBlocks(g, {})).toEqual([]);
    const d = detectKpiTable(g);
    if (!d.ok) throw new Error(d.message);
    expect(d.table.orientation ?? "rows").toBe("rows");
  });

  test("a row table under a report header 'Owner: …' stays a row table", () => {
    const g = grid([
      ["Owner:", "Finance"],
      [],
      ["Metric", "Jan", "Feb", "Mar"],
      ["Revenue", 100, 110, 120],
      ["Gross margin", 0.4, 0.41, 0.43],
      ["Opex", 50, 52, 49],
    ]);
    const d = detectKpiTable(g);
    if (!d.ok) throw new Error(d.message);
    expect(d.table.orientation ?? "rows").toBe("rows");
    expect(d.table.metrics.map((m) => m.name)).toEqual(["Revenue", "Gross margin", "Opex"]);
  });

  test("hidden rows and hidden helper columns are not read", () => {
    const g = sheet(
      [
        ["KPI", "Uptime"],
        ["Owner", "Ana Ruiz"],
        ["Month", "Actual", null, null, "Remaining"],
        ["Jan", 0.99, null, null, 3],
        ["Feb", 0.97, null, null, 2],
        ["Mar", 0.5, null, null, 1],
      ],
      { hiddenRows: [5], hiddenColumns: [4] },
    );
    const t = blocksOf(g);
    expect(t.metrics[0].currentPeriod).toBe("Feb");
    expect(t.area?.right).toBe(1);
  });

  test("within a range, only the block inside it", () => {
    const g = sheet([
      ["KPI", "Churn", null, "KPI", "NPS"],
      ["Owner", "Dana Lee", null, "Owner", "Sam Ortiz"],
    ]);
    const t = readBlocks(g, { within: { top: 0, left: 3, bottom: 1, right: 4 } });
    expect(t[0].metrics.map((m) => m.name)).toEqual(["NPS"]);
  });

  test("status bands near the block become a note", () => {
    const g = sheet([
      ["KPI", "Churn", null, "Red < 80%"],
      ["Owner", "Dana Lee"],
      ["Month", "Actual"],
      ["Jan", 0.9],
    ]);
    expect(blocksOf(g).notes.join(" ")).toContain("'Red < 80%'");
  });
});

describe("placeBlocks: Threshold, Lever and Governance as label / value pairs", () => {
  const simple = () =>
    sheet([["KPI", "On-time delivery"], ["Owner", "Dana Lee"], [], [], [], [], ["Month", "Actual"], ["Jan", 0.91]]);

  test("under the Owner label when those cells are free, labels styled like it", () => {
    const g = simple();
    const d = decide({ grid: g, answers: new Map([[metricKey("On-time delivery"), { threshold: "< 90%" }]]) });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    const cells = d.plan.plan.cells;
    expect(cells.filter((c) => c.col === 0).map((c) => [c.row, c.value, c.styleLike])).toEqual([
      [2, "Threshold", { row: 1, col: 0 }],
      [3, "Lever", { row: 1, col: 0 }],
      [4, "Governance", { row: 1, col: 0 }],
    ]);
    expect(cells.find((c) => c.row === 2 && c.col === 1)?.value).toBe("< 90%");
    expect(String(cells.find((c) => c.row === 4 && c.col === 1)?.value)).toMatch(/^VANITY/);
    // The owner is the sheet's: nothing is written over it.
    expect(cells.some((c) => c.row === 1 && c.col === 1)).toBe(false);
    // The name cell is highlighted by the verdict.
    expect(d.plan.plan.rules.map((r) => [r.range, r.formula])).toEqual([
      [{ top: 0, left: 1, bottom: 0, right: 1 }, 'ISNUMBER(SEARCH("red now",$B$5))'],
      [{ top: 0, left: 1, bottom: 0, right: 1 }, 'LEFT($B$5,6)="VANITY"'],
      [{ top: 0, left: 1, bottom: 0, right: 1 }, 'LEFT($B$5,10)="INCOMPLETE"'],
    ]);
    expect(createdRange(d.plan.plan)).toMatchObject({ top: 2, left: 0, bottom: 4, right: 1 });
  });

  test("right of the block, in the Owner's rows, when the cells under it are taken; never into merged, formula, hidden or drawn cells", () => {
    const g = glidepath();
    g.values[21] = [];
    g.values[21][7] = "note"; // H22
    g.values[23] = [null, "Headwinds: enter what holds the goal back, month by month"]; // B24: nothing free under the block
    g.values[24] = [null, null, null, null, null, null, null, "Tailwinds", null, null, null, null, "x", "x", "x"]; // row 25
    const extra: Partial<Grid> = {
      hiddenColumns: [5], // F
      drawings: [{ top: 19, left: 8, bottom: 23, right: 8 }], // I
      merges: [...g.merges, { top: 20, left: 9, bottom: 20, right: 10 }], // J21:K21
    };
    const formulas = g.formulas!.map((r) => [...r]);
    while (formulas.length <= 22) formulas.push([]);
    formulas[22][11] = true; // L23
    const g2 = { ...g, ...extra, formulas };
    const d = decide({ grid: g2 });
    if (!d.ok || !d.plan?.ok) throw new Error(d.ok && d.plan && !d.plan.ok ? d.plan.message : "no plan");
    const labels = d.plan.plan.cells.filter((c) => c.value === "Threshold" || c.value === "Governance");
    // F is hidden, H22 holds a note, I is drawn on, J21:K21 merged, L23 holds a formula: the
    // nearest free block is J22:K24, one row under the Owner's, right of the drawing.
    expect(labels.map((c) => [c.row, c.col])).toEqual([
      [21, 9],
      [23, 9],
    ]);
    expect([...new Set(d.plan.plan.columns.filter((c) => c.created).map((c) => c.col))].sort((a, b) => a - b)).toEqual([
      9, 10,
    ]);
    for (const c of d.plan.plan.cells) {
      expect(cellAt(g2, c.row, c.col)).toBeNull();
      expect(c.col === 5 || c.col === 8 || (c.row === 20 && (c.col === 9 || c.col === 10))).toBe(false);
      expect(formulas[c.row]?.[c.col] ?? false).toBe(false);
    }
  });

  test("text that runs over into a cell keeps it: the pairs go past it", () => {
    const g = sheet([
      ["KPI", "Churn"],
      ["Owner", "Dana Lee", "A long note that runs over the next columns"],
      ["Unit", "%"],
      [],
      ["Notes", "none"],
    ]);
    const d = decide({ grid: g });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    const label = d.plan.plan.cells.find((c) => c.value === "Threshold")!;
    // C2 holds the note, which runs over D2:H2 (default widths): no cell of ours there; the
    // nearest free block is under it, right of the Unit pair, one blank column apart.
    for (const c of d.plan.plan.cells) expect(c.row === 1 && c.col >= 2 && c.col <= 7).toBe(false);
    expect([label.row, label.col]).toEqual([2, 3]);
    // With the rows under it taken too, the pairs go in the Owner's row past the note: I.
    const g2 = sheet([
      ["KPI", "Churn"],
      ["Owner", "Dana Lee", "A long note that runs over the next columns"],
      ["Unit", "%", "x", "x", "x", "x", "x", "x"],
      [null, null, "x", "x", "x", "x", "x", "x"],
      ["Notes", "none", "x", "x", "x", "x", "x", "x"],
    ]);
    const d2 = decide({ grid: g2 });
    if (!d2.ok || !d2.plan?.ok) throw new Error("no plan");
    const label2 = d2.plan.plan.cells.find((c) => c.value === "Threshold")!;
    expect([label2.row, label2.col]).toEqual([1, 9]);
  });

  test("a re-run finds its own pairs and writes the Governance cell again, in the same place", () => {
    const g = simple();
    const first = decide({
      grid: g,
      answers: new Map([
        [metricKey("On-time delivery"), { threshold: "< 90%", lever: "reroute up to 10 orders a day" }],
      ]),
    });
    if (!first.ok || !first.plan?.ok) throw new Error("no plan");
    const g2 = apply(g, first.plan.plan);
    const again = decide({ grid: g2 });
    if (!again.ok || !again.plan?.ok)
      throw new Error(again.ok && again.plan && !again.plan.ok ? again.plan.message : "no plan");
    expect(again.table.orientation).toBe("blocks");
    const m = again.audit.metrics[0];
    expect(m.sources).toEqual({ owner: "sheet", threshold: "sheet", lever: "sheet" });
    expect(m.status).toBe("decision-ready");
    expect(again.plan.plan.columns.some((c) => c.created)).toBe(false);
    expect(again.plan.plan.cells).toEqual([
      { row: 4, col: 1, value: m.status === "decision-ready" ? expect.stringMatching(/^DECISION-READY/) : "" },
    ]);
    const g3 = apply(g2, again.plan.plan);
    const third = decide({ grid: g3 });
    if (!third.ok || !third.plan?.ok) throw new Error("no plan");
    expect(third.plan.plan.cells).toEqual(again.plan.plan.cells);
  });

  test("a block without an Owner label gets an Owner pair too", () => {
    const g = sheet([["Metric", "Lead time"], [], [], [], [], ["Week", "Actual"], ["W1", 4], ["W2", 5]]);
    const d = decide({ grid: g, answers: new Map([[metricKey("Lead time"), { owner: "Ana Ruiz" }]]) });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    expect(d.audit.metrics[0].current).toBe(5);
    const labels = d.plan.plan.cells.filter((c) => c.styleLike).map((c) => c.value);
    expect(labels).toEqual(["Owner", "Threshold", "Lever", "Governance"]);
    const owner = d.plan.plan.cells.find((c) => c.value === "Ana Ruiz")!;
    expect(cellAt(g, owner.row, owner.col)).toBeNull();
  });

  test("two blocks: all pairs in one pair of columns, and the record holds nothing of the person's", () => {
    const g = sheet([
      ["KPI", "Churn", null, "KPI", "NPS"],
      ["Owner", "Dana Lee", null, "Owner", "Sam Ortiz"],
      ["Unit", "%", null, "Unit", "pts"],
    ]);
    const d = decide({ grid: g });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    const range = createdRange(d.plan.plan)!;
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) expect(cellAt(g, r, c)).toBeNull();
    expect(d.audit.metrics).toHaveLength(1); // two blocks on one row share an identity: the first is read
  });

  test("stacked blocks each get their pairs; the record covers exactly free cells", () => {
    const g = sheet([["KPI", "Churn"], ["Owner", "Dana Lee"], [], [], [], [], ["KPI", "NPS"], ["Owner", "Sam Ortiz"]]);
    const d = decide({ grid: g });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    const govs = d.plan.plan.cells.filter((c) => String(c.value).startsWith("VANITY"));
    expect(govs).toHaveLength(2);
    const range = createdRange(d.plan.plan)!;
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) expect(cellAt(g, r, c)).toBeNull();
  });

  test("a template placeholder owner is replaced by the owner the person gives, and only then", () => {
    const g = glidepath();
    const key = metricKey("Compliance");
    const none = decide({ grid: g });
    if (!none.ok || !none.plan?.ok) throw new Error("no plan");
    expect(none.plan.plan.cells.some((c) => c.row === 20 && c.col === 2)).toBe(false);

    const given = decide({ grid: g, answers: new Map([[key, { owner: "Dana Lee" }]]) });
    if (!given.ok || !given.plan?.ok) throw new Error("no plan");
    const m = given.audit.metrics[0];
    expect([m.owner, m.sources.owner]).toEqual(["Dana Lee", "replaced"]);
    expect(given.plan.plan.cells.filter((c) => c.row === 20 && c.col === 2).map((c) => c.value)).toEqual(["Dana Lee"]);
    // Written back, it is the sheet's owner from then on.
    const again = decide({ grid: apply(g, given.plan.plan) });
    if (!again.ok) throw new Error(again.message);
    expect([again.audit.metrics[0].owner, again.audit.metrics[0].sources.owner]).toEqual(["Dana Lee", "sheet"]);
  });

  test("an owner the person typed (even 'TBD') is theirs: an answers file does not replace it", () => {
    for (const typed of ["TBD", "Sam Ortiz"]) {
      const g = glidepath(typed);
      const d = decide({ grid: g, answers: new Map([[metricKey("Compliance"), { owner: "Dana Lee" }]]) });
      if (!d.ok || !d.plan?.ok) throw new Error("no plan");
      expect(d.audit.metrics[0].answers.owner).toBe(typed);
      expect(d.plan.plan.cells.some((c) => c.row === 20 && c.col === 2)).toBe(false);
    }
  });

  test("no room beside the block: refused, naming the metric", () => {
    const full: CellValue[] = ["KPI", "Churn", ...Array.from({ length: 16382 }, () => "x")];
    const g = sheet(
      [
        full,
        ["Owner", "Dana", ...Array.from({ length: 16382 }, () => "x")],
        ["Unit", "%", ...Array.from({ length: 16382 }, () => "x")],
      ],
      // Under the block, one merged area to the sheet's end.
      { merges: [{ top: 3, left: 0, bottom: 1048575, right: 16383 }] },
    );
    const d = decide({ grid: g });
    if (!d.ok || !d.plan) throw new Error("no plan");
    expect(d.plan.ok).toBe(false);
    if (!d.plan.ok) expect(d.plan.message).toContain("'Churn'");
  });
});

describe("the Excel host applies a blocks plan and removes it", () => {
  test("pairs written, name highlighted, removal restores the sheet", async () => {
    const g = sheet([
      ["KPI", "On-time delivery"],
      ["Owner", "Dana Lee"],
      [],
      [],
      [],
      [],
      ["Month", "Actual"],
      ["Jan", 0.91],
    ]);
    const excel = fakeFromGrid(g);
    const s = excel.sheet("Compliance");
    const before = s.snapshot();
    const read = await readSheet(excel.context());
    const d = decide({ grid: read.grid, answers: new Map([[metricKey("On-time delivery"), { threshold: "< 90%" }]]) });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    await applyPlanToWorkbook(excel.context(), d.plan.plan);
    expect([2, 3, 4].map((r) => s.get(r, 0)?.value)).toEqual(["Threshold", "Lever", "Governance"]);
    expect(s.get(2, 1)?.value).toBe("< 90%");
    expect(String(s.get(4, 1)?.value)).toMatch(/^VANITY/);
    expect(s.get(1, 1)?.value).toBe("Dana Lee");
    expect(s.rules.map((r) => r.range)).toEqual(["B1", "B1", "B1"]);
    await removeGovernance(excel.context());
    expect([2, 3, 4].map((r) => s.get(r, 0)?.value ?? null)).toEqual([null, null, null]);
    expect([2, 3, 4].map((r) => s.get(r, 1)?.value ?? null)).toEqual([null, null, null]);
    expect(s.rules).toEqual([]);
    // The labels' look (copied from the Owner label) goes too: the sheet is as it was.
    expect(s.snapshot()).toBe(before);
  });
});

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const GLIDEPATH = path.join(CORPUS, "kpi_glidepath_single_kpi_monthly_target_vs_actual.xlsx");
const haveCorpus = fs.existsSync(GLIDEPATH);
if (!haveCorpus) console.warn(`layouts-blocks: glidepath round trip skipped (no corpus at ${CORPUS})`);

(haveCorpus ? describe : describe.skip)("the glidepath workbook through the command line", () => {
  const sheets = ["Percentage (eg Compliance)", "Average (eg UPH)", "Numbers (eg Testing)"];

  test.each(sheets)("%s: read as a block, written as pairs, nothing lost, schema-valid", async (name) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dm-blocks-"));
    const out = path.join(dir, "out.xlsx");
    const run = await runCli(["audit", GLIDEPATH, "--sheet", name, "--json", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).not.toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json.table.orientation).toBe("blocks");
    expect(json.metrics.map((m: { name: string; cell: string; row: number }) => [m.name, m.cell, m.row])).toEqual([
      [name, "C19", 21],
    ]);
    expect(json.metrics[0].owner).toBe("<Enter Owners & Contributors>");
    expect(json.metrics[0].reasons).toContain("owner-unknown");

    const input = new Uint8Array(fs.readFileSync(GLIDEPATH));
    const output = new Uint8Array(fs.readFileSync(out));
    const wb = openWorkbook(input);
    const choice = chooseKpiSheet(wb, name);
    if (!choice.ok) throw new Error(choice.message);
    const d = decide({ grid: choice.grid });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    expect(excelRuleProblems(output)).toEqual([]);
    expect(lostProblems(input, output, d.plan.plan)).toEqual([]);
    if (schemasAvailable()) expect(await schemaProblems(input, output)).toEqual([]);
    // Every cell written was empty, visible and unmerged; the owner placeholder is untouched.
    const g = choice.grid;
    for (const c of d.plan.plan.cells) {
      expect(cellAt(g, c.row, c.col)).toBeNull();
      expect(g.hiddenColumns ?? []).not.toContain(c.col);
      expect(g.merges.some((m) => m.top <= c.row && c.row <= m.bottom && m.left <= c.col && c.col <= m.right)).toBe(
        false,
      );
    }
    // A re-audit of the output reads the pairs back and changes nothing else.
    const again = openWorkbook(output).readGrid(name);
    const d2 = decide({ grid: again });
    if (!d2.ok || !d2.plan?.ok) throw new Error("no plan on re-run");
    expect(d2.table.orientation).toBe("blocks");
    expect(d2.plan.plan.columns.some((c) => c.created)).toBe(false);
    const rewritten = applyPlan(output, d2.plan.plan);
    expect(lostProblems(output, rewritten, d2.plan.plan)).toEqual([]);
  });

  test("the Excel host writes the same pairs on the same sheet and leaves the placeholder owner", async () => {
    const name = "Percentage (eg Compliance)";
    const excel = fakeFromGrid(openWorkbook(new Uint8Array(fs.readFileSync(GLIDEPATH))).readGrid(name));
    const read = await readSheet(excel.context());
    const d = decide({ grid: read.grid });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    expect(d.table.orientation).toBe("blocks");
    await applyPlanToWorkbook(excel.context(), d.plan.plan);
    const s = excel.sheet(name);
    expect(s.get(20, 2)?.value).toBe("<Enter Owners & Contributors>");
    const labels = d.plan.plan.cells.filter((c) => c.styleLike);
    expect(labels.map((c) => s.get(c.row, c.col)?.value)).toEqual(["Threshold", "Lever", "Governance"]);
    const gov = d.plan.plan.cells.find((c) => String(c.value).startsWith("VANITY"))!;
    expect(String(s.get(gov.row, gov.col)?.value)).toMatch(/^VANITY: no one named as owner/);
    // Beside the block (G22:H24), not past the long notes and hidden helper columns (V:Z).
    expect(labels.map((c) => [c.row, c.col])).toEqual([
      [21, 6],
      [22, 6],
      [23, 6],
    ]);
  });
});
