/** Our two sheets against the person's sheets whose names differ from ours only in case. */
import { strFromU8, unzipSync } from "fflate";
import { DECISION_MAP_HEADER } from "../../src/governance/plan";
import type { WritePlan } from "../../src/governance/types";
import { applyPlan, chooseKpiSheet, openWorkbook, summarySheetConflict, XlsxError } from "../../src/xlsx";
import { buildXlsx } from "./build";

const KPIS = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c><c r="B1" t="inlineStr"><is><t>Dec</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Churn</t></is></c><c r="B2"><v>0.03</v></c></row></sheetData>`;
const cell = (text: string) =>
  `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData>`;

const plan: WritePlan = {
  sheetName: "KPIs",
  columns: [],
  cells: [],
  rules: [],
  sheets: [
    { name: "Decision Map", rows: [["Metric"]] },
    { name: "MBR Brief", rows: [["MBR brief: KPIs"]] },
  ],
};

const sheetNames = (bytes: Uint8Array) =>
  [...strFromU8(unzipSync(bytes)["xl/workbook.xml"]).matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);

describe("sheet names without regard to case", () => {
  test("a person's 'mbr brief' is refused as not ours, naming it", () => {
    const wb = openWorkbook(
      buildXlsx({
        sheets: [
          { name: "KPIs", xml: KPIS },
          { name: "mbr brief", xml: cell("Minutes of the board") },
        ],
      }),
    );
    expect(summarySheetConflict(wb)).toMatch(/'mbr brief' \(Excel takes it for 'MBR Brief'\)/);
  });

  test("our own sheet under another case is refreshed in place, never added twice", () => {
    const input = buildXlsx({
      sheets: [
        { name: "KPIs", xml: KPIS },
        {
          name: "decision map",
          xml: `<sheetData><row r="1">${DECISION_MAP_HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row></sheetData>`,
        },
      ],
    });
    expect(summarySheetConflict(openWorkbook(input))).toBeNull();
    const out = applyPlan(input, plan);
    expect(sheetNames(out)).toEqual(["KPIs", "decision map", "MBR Brief"]);
  });

  test("a summary sheet whose part is missing is refused, and no other part is written over", () => {
    const input = buildXlsx({
      sheets: [
        { name: "KPIs", xml: KPIS },
        { name: "MBR Brief", xml: cell("x"), part: "styles.xml" },
      ],
    });
    expect(() => applyPlan(input, plan)).toThrow(XlsxError);
    expect(() => applyPlan(input, plan)).toThrow(/sheet 'MBR Brief' points at a part the workbook also uses/);
  });
});

test("a sheet asked for by name is found whatever the case", () => {
  const wb = openWorkbook(buildXlsx({ sheets: [{ name: "KPIs", xml: KPIS }] }));
  const choice = chooseKpiSheet(wb, "kpis");
  expect(choice.ok && choice.name).toBe("KPIs");
});
