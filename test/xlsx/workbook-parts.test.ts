/**
 * The workbook-level parts a write touches, as other tools write them: openpyxl declares
 * xmlns:r on each <sheet> rather than on <workbook>; Excel in Japanese heads docProps/app.xml's
 * sheet list "ワークシート".
 */
import { strFromU8, unzipSync } from "fflate";
import { decide } from "../../src/governance/decide";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { excelRuleProblems, schemaProblems, schemasAvailable } from "../helpers/ooxml";
import { buildXlsx, MAIN_NS, REL_NS } from "./build";

const KPIS =
  "<sheetData>" +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c><c r="B1" t="inlineStr"><is><t>Actual</t></is></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>Churn</t></is></c><c r="B2"><v>3</v></c></row>' +
  '<row r="3"><c r="A3" t="inlineStr"><is><t>NPS</t></is></c><c r="B3"><v>41</v></c></row>' +
  "</sheetData>";

function audited(input: Uint8Array): Uint8Array {
  const d = decide({ grid: openWorkbook(input).readGrid("KPIs") });
  if (!d.ok || !d.plan?.ok) throw new Error("no plan");
  return applyPlan(input, d.plan.plan);
}

test("sheets added to a workbook whose <sheet> elements declare xmlns:r themselves declare it too", async () => {
  const input = buildXlsx({
    sheets: [{ name: "KPIs", xml: KPIS }],
    extra: {
      "xl/workbook.xml":
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}"><sheets>` +
        `<sheet xmlns:r="${REL_NS}" name="KPIs" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
  });
  const output = audited(input);
  const xml = strFromU8(unzipSync(output)["xl/workbook.xml"]);
  expect(xml).toMatch(new RegExp(`<sheet name="Decision Map" sheetId="2" xmlns:r="${REL_NS}" r:id="rId\\d+"/>`));
  expect(excelRuleProblems(output)).toEqual([]);
  if (schemasAvailable()) expect(await schemaProblems(input, output)).toEqual([]);
});

test("docProps/app.xml's sheet list grows under a heading in another language", () => {
  const app =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>ワークシート</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>KPIs</vt:lpstr></vt:vector></TitlesOfParts></Properties>`;
  const input = buildXlsx({ sheets: [{ name: "KPIs", xml: KPIS }], extra: { "docProps/app.xml": app } });
  const out = strFromU8(unzipSync(audited(input))["docProps/app.xml"]);
  expect(out).toContain("<vt:lpstr>ワークシート</vt:lpstr></vt:variant><vt:variant><vt:i4>3</vt:i4>");
  expect(out).toContain(
    '<vt:vector size="3" baseType="lpstr"><vt:lpstr>KPIs</vt:lpstr><vt:lpstr>Decision Map</vt:lpstr><vt:lpstr>MBR Brief</vt:lpstr></vt:vector>',
  );
});
