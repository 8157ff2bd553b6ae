/**
 * Where the writer splices: highlight rules only among the worksheet's own children, cells
 * only where parsing (not a pattern) finds them.
 */
import { strFromU8, unzipSync } from "fflate";
import type { WritePlan } from "../../src/governance/types";
import { applyPlan, XlsxError } from "../../src/xlsx";
import { children, rootElement } from "../../src/xlsx/scan";
import { buildXlsx } from "./build";

const ROWS = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c><c r="B1"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Churn</t></is></c><c r="B2"><v>2</v></c></row></sheetData>`;

const plan: WritePlan = {
  sheetName: "KPIs",
  columns: [{ kind: "governance", col: 2, header: "Governance", created: true, width: 40 }],
  cells: [
    { row: 0, col: 2, value: "Governance" },
    { row: 1, col: 2, value: "VANITY: no owner" },
  ],
  rules: [
    {
      range: { top: 1, left: 0, bottom: 1, right: 2 },
      formula: 'LEFT($C2,6)="VANITY"',
      style: "vanity",
      fill: "#FFC7CE",
      font: "#9C0006",
    },
  ],
  sheets: [],
};

const sheetOf = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
const write = (inner: string) => sheetOf(applyPlan(buildXlsx({ sheets: [{ name: "KPIs", xml: inner }] }), plan));

/** The worksheet's top-level children, by name, in order. */
function topNames(xml: string): string[] {
  const root = rootElement(xml);
  return children(xml, root.innerStart, root.innerEnd)
    .map((k) => k.name)
    .filter((n) => n !== "cols");
}

const DATA_BAR =
  `<conditionalFormatting sqref="B2"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>` +
  `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>{00000000-0000-0000-0000-000000000001}</x14:id></ext></extLst></cfRule></conditionalFormatting>`;
const MARGINS = `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;

describe("highlight rules go among the worksheet's own children, in schema order", () => {
  test("a data bar's own extLst is not taken for the worksheet's", () => {
    const xml = write(`${ROWS}${DATA_BAR}${MARGINS}`);
    expect(topNames(xml)).toEqual(["sheetData", "conditionalFormatting", "conditionalFormatting", "pageMargins"]);
    // The data bar rule is intact, with its extension inside it.
    expect(xml).toContain(DATA_BAR);
  });

  test("a custom view's pageMargins is not taken for the worksheet's", () => {
    const views = `<customSheetViews><customSheetView guid="{11111111-1111-1111-1111-111111111111}">${MARGINS}</customSheetView></customSheetViews>`;
    const xml = write(`${ROWS}${views}${MARGINS}`);
    expect(topNames(xml)).toEqual(["sheetData", "customSheetViews", "conditionalFormatting", "pageMargins"]);
    expect(xml).toContain(views);
  });

  test("with nothing after them they go last, and a comment or CDATA naming elements changes nothing", () => {
    const xml = write(`${ROWS}<!-- <pageMargins/> --><mergeCells count="1"><mergeCell ref="A5:B5"/></mergeCells>`);
    expect(topNames(xml)).toEqual(["sheetData", "mergeCells", "conditionalFormatting"]);
  });

  test("controls wrapped in mc:AlternateContent stay after the rules", () => {
    const mc = `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent>`;
    const xml = write(`${ROWS}${MARGINS}${mc}`);
    expect(topNames(xml)).toEqual(["sheetData", "conditionalFormatting", "pageMargins", "mc:AlternateContent"]);
  });

  test("an earlier rule of ours is replaced, the person's rules and their priorities kept", () => {
    const once = applyPlan(buildXlsx({ sheets: [{ name: "KPIs", xml: `${ROWS}${DATA_BAR}${MARGINS}` }] }), plan);
    const twice = sheetOf(applyPlan(once, plan));
    expect(twice.match(/LEFT\(\$C2,6\)/g)).toHaveLength(1);
    expect(twice).toContain(DATA_BAR);
    const priorities = [...twice.matchAll(/priority="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(priorities).size).toBe(priorities.length);
  });
});

describe("cells are found by parsing the sheet, not by patterns", () => {
  test("a formula whose CDATA holds cell-like markup is left whole", () => {
    const tricky = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c><c r="B1"><v>1</v></c></row><row r="2"><c r="A2"><f><![CDATA[1</c><c r="C2">]]></f><v>1</v></c><c r="B2"><v>2</v></c></row></sheetData>`;
    const xml = write(tricky);
    expect(xml).toContain(
      `<c r="A2"><f><![CDATA[1</c><c r="C2">]]></f><v>1</v></c><c r="B2"><v>2</v></c><c r="C2" t="inlineStr">`,
    );
  });

  test("a row whose cells are out of order is rewritten in order, never given a second cell with one address", () => {
    const unsorted = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c></row><row r="2"><c r="D2"><v>9</v></c><c r="A2"><v>1</v></c></row></sheetData>`;
    const xml = write(unsorted);
    const row2 = /<row r="2"[^>]*>(.*?)<\/row>/.exec(xml)![1];
    expect([...row2.matchAll(/<c r="([A-Z]+\d+)"/g)].map((m) => m[1])).toEqual(["A2", "C2", "D2"]);
    expect(row2).toContain('<c r="D2"><v>9</v></c>');
  });

  test("one address twice in a row is refused", () => {
    const twice = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Metric</t></is></c></row><row r="2"><c r="C2"><v>9</v></c><c r="A2"><v>1</v></c><c r="C2"><v>8</v></c></row></sheetData>`;
    expect(() => write(twice)).toThrow(XlsxError);
  });

  test("rows out of order are refused", () => {
    const unsorted = `<sheetData><row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`;
    expect(() => write(unsorted)).toThrow(/damaged/);
  });

  test("a cell under a prefix bound to the main namespace is a cell: ours goes beside it, not over it", () => {
    const prefixed = `<sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Metric</x:t></x:is></x:c><x:c r="D1"><x:v>5</x:v></x:c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData>`;
    const xml = write(prefixed);
    const row1 = /<row r="1"[^>]*>(.*?)<\/row>/.exec(xml)![1];
    expect([...row1.matchAll(/<(?:x:)?c r="([A-Z]+\d+)"/g)].map((m) => m[1])).toEqual(["A1", "C1", "D1"]);
  });
});

test("a styles part named by a target that climbs and comes back (../xl/styles.xml) is found", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { strToU8, zipSync } = require("fflate") as typeof import("fflate");
  const parts = unzipSync(buildXlsx({ sheets: [{ name: "KPIs", xml: ROWS }] }));
  const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"]).replace(
    'Target="styles.xml"',
    'Target="../xl/styles.xml"',
  );
  parts["xl/_rels/workbook.xml.rels"] = strToU8(rels);
  const out = applyPlan(zipSync(parts), plan);
  expect(strFromU8(unzipSync(out)["xl/styles.xml"])).toContain('<bgColor rgb="FFFFC7CE"/>');
});
