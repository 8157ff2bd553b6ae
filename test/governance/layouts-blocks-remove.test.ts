/**
 * "Remove governance" after a blocks plan: the Threshold / Lever / Governance labels we wrote
 * (with the Owner label's look copied onto them) go back to blank, unformatted cells, whether
 * the Excel host or the file host (command line, workbench) wrote them; cells of the person's
 * inside the record's rectangle keep their look. The record (record.ts) names the cells that
 * took a look of ours.
 */
import { strFromU8, unzipSync } from "fflate";
import { decide } from "../../src/governance/decide";
import { columnLetter, type CellValue, type Grid } from "../../src/governance/grid";
import {
  createdRange,
  formatsToClear,
  mergeRecord,
  recordComment,
  recordFrom,
  recordStyled,
} from "../../src/governance/record";
import type { WritePlan } from "../../src/governance/types";
import { applyPlanToWorkbook, readSheet, removeGovernance } from "../../src/excel/host";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { fakeFromGrid } from "../excel/from-grid";
import { FakeExcel } from "../excel/fake";
import { grid } from "../helpers/grids";
import { buildXlsx } from "../xlsx/build";

function planOf(g: Grid): WritePlan {
  const d = decide({ grid: g });
  if (!d.ok) throw new Error(d.message);
  if (!d.plan?.ok) throw new Error(d.plan ? d.plan.message : "no plan");
  return d.plan.plan;
}

const single = (): CellValue[][] => [
  ["KPI", "On-time delivery"],
  ["Owner", "Dana Lee"],
  [],
  [],
  [],
  [],
  ["Month", "Actual"],
  ["Jan", 0.91],
];

const stacked = (): CellValue[][] => [
  ["KPI", "Churn"],
  ["Owner", "Dana Lee"],
  [],
  [],
  [],
  [],
  ["KPI", "NPS"],
  ["Owner", "Sam Ortiz"],
];

describe("the record names the labels that took a look of ours", () => {
  test("one block: the three labels, one run in the label column", () => {
    const plan = planOf(grid(single(), { sheetName: "Delivery" }));
    const range = createdRange(plan)!;
    expect(range).toMatchObject({ top: 2, left: 0, bottom: 4, right: 1 });
    expect(range.styled).toEqual([{ top: 2, left: 0, bottom: 4, right: 0 }]);
  });

  test("stacked blocks: one run per block, the free rows between them not included", () => {
    const plan = planOf(grid(stacked(), { sheetName: "Team" }));
    const range = createdRange(plan)!;
    const labelRows = plan.cells.filter((c) => c.styleLike).map((c) => c.row);
    expect(range.styled!.flatMap((r) => Array.from({ length: r.bottom - r.top + 1 }, (_, i) => r.top + i))).toEqual(
      labelRows,
    );
    expect(range.styled!.length).toBeGreaterThanOrEqual(1);
  });

  test("a rows plan's record is as before: no styled cells, its first row is cleared", () => {
    const g = grid([
      ["Metric", "Jan", "Feb"],
      ["Churn", 0.03, 0.034],
      ["NPS", 41, 44],
    ]);
    const plan = planOf(g);
    const range = createdRange(plan)!;
    expect(range.styled).toBeUndefined();
    const rec = mergeRecord(null, range, () => null);
    expect(JSON.parse(recordComment(rec))).toEqual({ decisionMap: 1, widths: rec.widths });
    expect(formatsToClear(rec.range, recordComment(rec))).toEqual([{ ...rec.range, bottom: rec.range.top }]);
  });

  test("the comment holds them relative to the range, so they follow it when rows are inserted above", () => {
    const range = { top: 10, left: 3, bottom: 14, right: 4 };
    const comment = recordComment({
      range,
      widths: [null, null],
      styled: [{ top: 11, left: 3, bottom: 13, right: 3 }],
    });
    expect(JSON.parse(comment)).toEqual({ decisionMap: 1, widths: [null, null], styled: [[1, 0, 3, 1]] });
    const moved = { top: 12, left: 3, bottom: 16, right: 4 };
    expect(recordStyled(comment, moved)).toEqual([{ top: 13, left: 3, bottom: 15, right: 3 }]);
    expect(formatsToClear(moved, comment)).toEqual([{ top: 13, left: 3, bottom: 15, right: 3 }]);
    expect(recordFrom(moved, comment)).toEqual({
      range: moved,
      widths: [null, null],
      styled: recordStyled(comment, moved),
    });
  });

  test("a comment that is not ours, or names cells outside the record, clears nothing else", () => {
    const range = { top: 0, left: 0, bottom: 2, right: 1 };
    expect(recordStyled("hello", range)).toEqual([]);
    expect(recordStyled(JSON.stringify({ decisionMap: 1, widths: [], styled: [[0, 0, 9, 1]] }), range)).toEqual([]);
    expect(recordStyled(JSON.stringify({ decisionMap: 1, widths: [], styled: [[-1, 0, 1, 1], "x"] }), range)).toEqual(
      [],
    );
    expect(formatsToClear(range, "hello")).toEqual([{ ...range, bottom: 0 }]);
  });

  test("a later run that adds to an older record keeps both parts' looks to clear", () => {
    const old = { range: { top: 0, left: 5, bottom: 3, right: 6 }, widths: [null, null] };
    const fresh = { top: 5, left: 5, bottom: 7, right: 6, styled: [{ top: 5, left: 5, bottom: 7, right: 5 }] };
    const merged = mergeRecord(old, fresh, () => null);
    expect(merged.styled).toEqual([
      { top: 0, left: 5, bottom: 0, right: 6 },
      { top: 5, left: 5, bottom: 7, right: 5 },
    ]);
  });
});

describe("removal in Excel leaves the sheet as it was", () => {
  test.each([
    ["one block", single],
    ["stacked blocks", stacked],
  ])("%s written by the Excel host", async (_, rows) => {
    const g = grid(rows(), { sheetName: "Team" });
    const excel = fakeFromGrid(g);
    const s = excel.sheet("Team");
    // The person's own look on a free cell just under what will be the record's rectangle.
    const plan0 = planOf(g);
    const range0 = createdRange(plan0)!;
    const personal = `Team!${columnLetter(range0.right)}${range0.bottom + 2}`;
    s.styles.set(personal, "Team!A1");
    const before = s.snapshot();
    const read = await readSheet(excel.context());
    const d = decide({ grid: read.grid });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    await applyPlanToWorkbook(excel.context(), d.plan.plan);
    const labels = d.plan.plan.cells.filter((c) => c.styleLike);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect([...s.styles.keys()].length).toBeGreaterThan(1);
    await removeGovernance(excel.context());
    expect(s.snapshot()).toBe(before);
    expect(s.styles.get(personal)).toBe("Team!A1");
  });

  test("a person's look inside the record (between stacked blocks' pairs) stays", async () => {
    const g = grid(stacked(), { sheetName: "Team" });
    const plan = planOf(g);
    const range = createdRange(plan)!;
    const written = new Set(plan.cells.map((c) => `${c.row},${c.col}`));
    let free: { row: number; col: number } | null = null;
    for (let r = range.top; r <= range.bottom && free === null; r++)
      for (let c = range.left; c <= range.right && free === null; c++)
        if (!written.has(`${r},${c}`)) free = { row: r, col: c };
    // Block 1's pairs (rows 3-5) and block 2's (rows 9-11) share two columns: rows 6-8 between.
    expect(free).not.toBeNull();
    if (free === null) return;
    const excel = fakeFromGrid(g);
    const s = excel.sheet("Team");
    const address = `Team!${columnLetter(free.col)}${free.row + 1}`;
    s.styles.set(address, "Team!A2");
    const read = await readSheet(excel.context());
    const d = decide({ grid: read.grid });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    await applyPlanToWorkbook(excel.context(), d.plan.plan);
    await removeGovernance(excel.context());
    expect(s.styles.get(address)).toBe("Team!A2");
    for (const c of d.plan.plan.cells.filter((x) => x.styleLike))
      expect(s.styles.has(`Team!${columnLetter(c.col)}${c.row + 1}`)).toBe(false);
  });
});

const RECORD = /<definedName name="DecisionMap_Added" localSheetId="(\d+)" comment="([^"]*)">([^<]*)<\/definedName>/g;

describe("written by the file host (command line, workbench), removed in Excel", () => {
  test("the record in the file names the labels; Excel's removal clears their look and content", async () => {
    const xml = `<sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>KPI</t></is></c><c r="B1" t="inlineStr"><is><t>On-time delivery</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>Owner</t></is></c><c r="B2" t="inlineStr"><is><t>Dana Lee</t></is></c></row>
<row r="7"><c r="A7" t="inlineStr"><is><t>Month</t></is></c><c r="B7" t="inlineStr"><is><t>Actual</t></is></c></row>
<row r="8"><c r="A8" t="inlineStr"><is><t>Jan</t></is></c><c r="B8"><v>0.91</v></c></row></sheetData>`;
    const input = buildXlsx({ sheets: [{ name: "Delivery", xml }] });
    const g = openWorkbook(input).readGrid("Delivery");
    const plan = planOf(g);
    const output = applyPlan(input, plan);
    const records = [...strFromU8(unzipSync(output)["xl/workbook.xml"]).matchAll(RECORD)];
    expect(records).toHaveLength(1);
    const comment = records[0][2].replace(/&quot;/g, '"');
    const ref = records[0][3];
    expect(ref).toBe("Delivery!$A$3:$B$5");
    expect(JSON.parse(comment).styled).toEqual([[0, 0, 3, 1]]);

    // Excel opens the file: the labels carry the Owner label's look; then removal.
    const out = openWorkbook(output).readGrid("Delivery");
    const excel = new FakeExcel();
    const s = excel.addSheet("Delivery");
    out.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null) s.set(out.origin.row + r, out.origin.col + c, typeof v === "object" ? v.error : v);
      }),
    );
    for (const c of plan.cells.filter((x) => x.styleLike))
      s.styles.set(`Delivery!${columnLetter(c.col)}${c.row + 1}`, "Delivery!A2");
    s.names.set("DecisionMap_Added", { range: ref.slice(ref.lastIndexOf("!") + 1).replace(/\$/g, ""), comment });
    await removeGovernance(excel.context());
    expect(s.styles.size).toBe(0);
    for (const r of [2, 3, 4]) for (const c of [0, 1]) expect(s.get(r, c)?.value ?? null).toBeNull();
    expect(s.get(1, 1)?.value).toBe("Dana Lee");
  });
});
