/**
 * The .xlsx host records what it created in the same sheet-scoped name the Excel host uses
 * (DecisionMap_Added), so "Remove governance" in Excel takes out columns the command line added.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { auditTable } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import { columnLetter, type Grid } from "../../src/governance/grid";
import { planWrite } from "../../src/governance/plan";
import { applyPlanToWorkbook, readSheet, removeGovernance } from "../../src/excel/host";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { FakeExcel } from "../excel/fake";
import { buildXlsx } from "./build";

const workbookXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)["xl/workbook.xml"]);
const RECORD = /<definedName name="DecisionMap_Added" localSheetId="(\d+)" comment="([^"]*)">([^<]*)<\/definedName>/g;

function audit(bytes: Uint8Array, sheet: string): Uint8Array {
  const grid = openWorkbook(bytes).readGrid(sheet);
  const detected = detectKpiTable(grid);
  if (!detected.ok) throw new Error(detected.message);
  const planned = planWrite(grid, auditTable({ grid, table: detected.table }));
  if (!planned.ok) throw new Error(planned.message);
  return applyPlan(bytes, planned.plan);
}

const KPIS = `<cols><col min="5" max="5" width="30" customWidth="1"/></cols><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c><c r="B1" t="inlineStr"><is><t>Dec</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>Churn</t></is></c><c r="B2"><v>0.034</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>NPS</t></is></c><c r="B3"><v>38</v></c></row></sheetData>`;

test("the created columns are recorded once, with their widths from before; a re-run keeps one record", () => {
  const input = buildXlsx({
    sheets: [
      { name: "Notes", xml: "<sheetData/>" },
      { name: "KPIs", xml: KPIS },
    ],
  });
  const once = audit(input, "KPIs");
  const records = [...workbookXml(once).matchAll(RECORD)];
  expect(records).toHaveLength(1);
  const [, sheetId, comment, ref] = records[0];
  expect(sheetId).toBe("1"); // the second sheet
  expect(ref).toBe("KPIs!$C$1:$F$3"); // Owner, Threshold, Lever, Governance
  // Column E (the person's width 30) was not changed by us: null; the others got our widths.
  expect(JSON.parse(comment.replace(/&quot;/g, '"'))).toEqual({ decisionMap: 1, widths: [48, 48, null, 48] });
  const twice = audit(once, "KPIs");
  expect([...workbookXml(twice).matchAll(RECORD)]).toHaveLength(1);
  expect(workbookXml(twice)).toBe(workbookXml(once));
});

/** A workbook's sheet, rules and record in the Excel fake, as Excel would open the file. */
function openInExcel(bytes: Uint8Array, sheetName: string): FakeExcel {
  const grid: Grid = openWorkbook(bytes).readGrid(sheetName);
  const excel = new FakeExcel();
  const sheet = excel.addSheet(sheetName);
  grid.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) sheet.set(grid.origin.row + r, grid.origin.col + c, typeof v === "object" ? v.error : v);
    }),
  );
  for (const cf of grid.conditionalFormats)
    for (const range of cf.ranges)
      sheet.rules.push({
        range: `${columnLetter(range.left)}${range.top + 1}:${columnLetter(range.right)}${range.bottom + 1}`,
        type: cf.type === "expression" ? "Custom" : "CellValue",
        formula: `=${cf.formulas[0] ?? ""}`,
        fill: cf.color,
      });
  for (const [, , comment, ref] of workbookXml(bytes).matchAll(RECORD))
    sheet.names.set("DecisionMap_Added", {
      range: ref.slice(ref.lastIndexOf("!") + 1).replace(/\$/g, ""),
      comment: comment.replace(/&quot;/g, '"'),
    });
  return excel;
}

test("audited by the command line, then 'Remove governance' in Excel: the sheet is as it was", async () => {
  const sample = new Uint8Array(readFileSync(path.resolve(__dirname, "../../assets/sample-kpi-dashboard.xlsx")));
  const before = openInExcel(sample, "Dashboard").sheet("Dashboard").snapshot();
  const audited = audit(sample, "Dashboard");
  const excel = openInExcel(audited, "Dashboard");
  expect(excel.sheet("Dashboard").snapshot()).not.toBe(before);
  const removed = await removeGovernance(excel.context());
  expect(removed.columns).toBe("Dashboard!Q4:S18"); // Threshold, Lever, Governance; Owner (P) was the person's
  expect(removed.rules).toBe(3); // red names, vanity rows, incomplete rows
  expect(excel.sheet("Dashboard").snapshot()).toBe(before);

  // And Excel can audit it again from there.
  const { grid } = await readSheet(excel.context());
  const detected = detectKpiTable(grid);
  expect(detected.ok).toBe(true);
  if (detected.ok) {
    const planned = planWrite(grid, auditTable({ grid, table: detected.table }));
    expect(planned.ok).toBe(true);
    if (planned.ok) await applyPlanToWorkbook(excel.context(), planned.plan);
  }
});
