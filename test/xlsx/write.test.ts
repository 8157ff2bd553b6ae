import { strFromU8, unzipSync } from "fflate";
import { validateXML } from "xmllint-wasm";
import { cellAt, isFormulaAt } from "../../src/governance/grid";
import type { WritePlan } from "../../src/governance/types";
import { applyPlan, openWorkbook, XlsxError } from "../../src/xlsx";
import { buildXlsx, MAIN_NS } from "./build";

const SHEET = `<sheetPr/><dimension ref="A1:C4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>
<sheetData><row r="1" spans="1:3"><c r="A1" s="5" t="inlineStr"><is><t>KPI</t></is></c><c r="B1" s="5"><v>1</v></c><c r="C1" s="1"><v>0.5</v></c></row><row r="3" spans="1:3"><c r="A3"><v>3</v></c><c r="C3"><v>33</v></c></row><row r="4" spans="1:3"><c r="A4"><v>4</v></c></row></sheetData>
<mergeCells count="1"><mergeCell ref="A5:C5"/></mergeCells><conditionalFormatting sqref="A1:A4"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>3</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="list" sqref="B3"><formula1>"a,b"</formula1></dataValidation></dataValidations><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;

const book = (sheet = SHEET) =>
  buildXlsx({
    sheets: [
      { name: "KPIs", xml: sheet },
      { name: "Other", xml: `<sheetData/>` },
    ],
    sharedStrings: ["unused"],
  });

const plan: WritePlan = {
  sheetName: "KPIs",
  columns: [{ kind: "governance", col: 4, header: "Governance", created: true, width: 40 }],
  cells: [
    { row: 0, col: 4, value: "Governance", styleLike: { row: 0, col: 0 } },
    { row: 1, col: 4, value: "=SUM(A1:A3)" }, // row 2 does not exist yet
    { row: 2, col: 1, value: "+1 between" }, // between A3 and C3
    { row: 2, col: 4, value: "@who -x" },
    { row: 3, col: 0, value: null }, // clears A4
    { row: 9, col: 4, value: 'a<b & "c" _x0041_ \u0001 tab\tcr\r' }, // a new row at the end
    { row: 0, col: 5, value: 12.5 },
  ],
  rules: [
    {
      range: { top: 1, left: 0, bottom: 3, right: 4 },
      formula: 'LEFT($E2,6)="VANITY"',
      style: "vanity",
      fill: "#FFC7CE",
      font: "#9C0006",
    },
    {
      range: { top: 1, left: 0, bottom: 3, right: 4 },
      formula: 'LEFT($E2,10)="INCOMPLETE"',
      style: "incomplete",
      fill: "#FFEB9C",
      font: "#9C5700",
    },
  ],
  sheets: [
    {
      name: "Decision Map",
      rows: [
        ["Metric", "Owner"],
        ["Churn & co", 3],
        [null, "=1+1"],
      ],
      widths: [20, 30],
    },
    { name: "MBR <Brief>", rows: [["MBR brief"]] },
  ],
};

const text = (bytes: Uint8Array, part: string) => strFromU8(unzipSync(bytes)[part]);
const sheetXml = (bytes: Uint8Array) => text(bytes, "xl/worksheets/sheet1.xml");

async function wellFormed(bytes: Uint8Array): Promise<void> {
  const parts = unzipSync(bytes);
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const r = await validateXML({
      xml: [{ fileName: "part.xml", contents: strFromU8(data) }],
      normalization: "format",
    });
    expect([name, r.errors.map((e) => e.rawMessage)]).toEqual([name, []]);
  }
}

describe("applyPlan on a small sheet", () => {
  const input = book();
  const copy = input.slice();
  const output = applyPlan(input, plan);
  const xml = sheetXml(output);

  test("the input bytes are untouched and every part stays well-formed XML", async () => {
    expect(input).toEqual(copy);
    await wellFormed(output);
  });

  test("cells land in sorted position, new rows in sorted position", () => {
    const rows = [...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([1, 2, 3, 4, 10]);
    const row3 = /<row r="3"[^>]*>(.*?)<\/row>/.exec(xml)![1];
    expect([...row3.matchAll(/<c r="([A-Z]+\d+)"/g)].map((m) => m[1])).toEqual(["A3", "B3", "C3", "E3"]);
    const row1 = /<row r="1"[^>]*>(.*?)<\/row>/.exec(xml)![1];
    expect([...row1.matchAll(/<c r="([A-Z]+\d+)"/g)].map((m) => m[1])).toEqual(["A1", "B1", "C1", "E1", "F1"]);
  });

  test("spans that would lie are gone; the dimension covers the new cells", () => {
    expect(/<row r="1"[^>]*spans="1:3"/.test(xml)).toBe(false);
    expect(xml).toContain('<dimension ref="A1:F10"/>');
  });

  test("text is an inline string, never a formula; styleLike copies the style", () => {
    expect(xml).not.toMatch(/<f>/);
    expect(xml).toContain('<c r="E1" s="5" t="inlineStr"><is><t xml:space="preserve">Governance</t></is></c>');
    const g = openWorkbook(output).readGrid("KPIs");
    expect(cellAt(g, 1, 4)).toBe("=SUM(A1:A3)");
    expect(isFormulaAt(g, 1, 4)).toBe(false);
    expect(cellAt(g, 2, 1)).toBe("+1 between");
    expect(cellAt(g, 2, 4)).toBe("@who -x");
    expect(cellAt(g, 3, 0)).toBeNull();
    expect(cellAt(g, 0, 5)).toBe(12.5);
    expect(cellAt(g, 9, 4)).toBe('a<b & "c" _x0041_  tab\tcr\r'); // the control character is dropped
    expect(cellAt(g, 2, 2)).toBe(33); // neighbours keep their values
    expect(text(output, "xl/sharedStrings.xml")).toBe(text(input, "xl/sharedStrings.xml"));
  });

  test("the rules sit after the existing ones and before dataValidations, with new dxfs and unique priorities", () => {
    const cf = xml.indexOf('<conditionalFormatting sqref="A2:E4">');
    expect(cf).toBeGreaterThan(xml.indexOf("</mergeCells>"));
    expect(cf).toBeGreaterThan(xml.indexOf('<conditionalFormatting sqref="A1:A4">'));
    expect(cf).toBeLessThan(xml.indexOf("<dataValidations"));
    const priorities = [...xml.matchAll(/priority="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(priorities).size).toBe(priorities.length);
    const styles = text(output, "xl/styles.xml");
    expect(styles).toContain('<dxfs count="3">');
    const g = openWorkbook(output).readGrid("KPIs");
    expect(g.conditionalFormats.map((c) => [c.formulas[0], c.color])).toEqual([
      ["3", "#FFC7CE"],
      ['LEFT($E2,6)="VANITY"', "#FFC7CE"],
      ['LEFT($E2,10)="INCOMPLETE"', "#FFEB9C"],
    ]);
    // An identical dxf already in the file is reused rather than copied: only the new colour adds one.
    expect(xml).toMatch(/dxfId="1"[^>]*><formula>LEFT\(\$E2,6\)/);
  });

  test("the new column gets its width", () => {
    expect(xml).toContain('<cols><col min="5" max="5" width="40" customWidth="1"/></cols>');
  });

  test("new sheets: parts, relationships, sheet list and content types; names escaped", () => {
    const wb = openWorkbook(output);
    expect(wb.sheetNames).toEqual(["KPIs", "Other", "Decision Map", "MBR <Brief>"]);
    expect(wb.readGrid("Decision Map").values).toEqual([
      ["Metric", "Owner"],
      ["Churn & co", 3],
      [null, "=1+1"],
    ]);
    expect(wb.readGrid("Decision Map").formulas?.flat().some(Boolean) ?? false).toBe(false);
    const workbook = text(output, "xl/workbook.xml");
    expect(workbook).toContain('name="MBR &lt;Brief&gt;" sheetId="4"');
    const types = text(output, "[Content_Types].xml");
    expect(types).toContain('PartName="/xl/worksheets/sheet3.xml"');
    expect(types).toContain('PartName="/xl/worksheets/sheet4.xml"');
    const rels = text(output, "xl/_rels/workbook.xml.rels");
    expect([...rels.matchAll(/Id="(rId\d+)"/g)].map((m) => m[1]).sort()).toEqual([
      "rId1",
      "rId2",
      "rId3",
      "rId4",
      "rId5",
      "rId6",
    ]);
  });

  test("a second run gives the same parts (idempotent), adding no dxf, rule or sheet", () => {
    const twice = applyPlan(output, plan);
    const a = unzipSync(output);
    const b = unzipSync(twice);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) expect([name, strFromU8(b[name])]).toEqual([name, strFromU8(a[name])]);
  });

  test("an existing sheet of that name is refreshed in place", () => {
    const changed: WritePlan = { ...plan, sheets: [{ name: "Decision Map", rows: [["Fresh"]] }] };
    const again = applyPlan(output, changed);
    const wb = openWorkbook(again);
    expect(wb.sheetNames.filter((n) => n === "Decision Map")).toHaveLength(1);
    expect(wb.readGrid("Decision Map").values).toEqual([["Fresh"]]);
    expect(text(again, "xl/workbook.xml")).toBe(text(output, "xl/workbook.xml"));
  });

  test("every untouched part is byte for byte the same", () => {
    const a = unzipSync(input);
    const b = unzipSync(output);
    const mayChange = new Set([
      "xl/worksheets/sheet1.xml",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
    ]);
    for (const name of Object.keys(a)) {
      expect(b[name]).toBeDefined();
      if (!mayChange.has(name)) expect([name, Buffer.from(b[name]).equals(Buffer.from(a[name]))]).toEqual([name, true]);
    }
  });
});

describe("applyPlan edge cases", () => {
  test("a sheet with <sheetData/> and no dxfs gains rows and a dxfs block in schema order", async () => {
    const styles = `<?xml version="1.0"?><styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="1"><xf/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"><extLst><ext uri="x"/></extLst></cellStyle></cellStyles><tableStyles count="0"/><extLst><ext uri="y"/></extLst></styleSheet>`;
    const input = buildXlsx({
      sheets: [
        {
          name: "KPIs",
          xml: `<dimension ref="A1"/><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
        },
      ],
      styles,
    });
    const out = applyPlan(input, { ...plan, cells: [{ row: 2, col: 1, value: "x" }], sheets: [] });
    await wellFormed(out);
    const s = text(out, "xl/styles.xml");
    expect(s.indexOf("<dxfs")).toBeGreaterThan(s.indexOf("</cellStyles>"));
    expect(s.indexOf("<dxfs")).toBeLessThan(s.indexOf("<tableStyles"));
    expect(s).toContain('<dxfs count="2">');
    const g = openWorkbook(out).readGrid("KPIs");
    expect(cellAt(g, 2, 1)).toBe("x");
    expect(sheetXml(out)).toContain('<dimension ref="A1:B3"/>');
    expect(sheetXml(out).indexOf("<conditionalFormatting")).toBeLessThan(sheetXml(out).indexOf("<pageMargins"));
  });

  test("an earlier rule with the same formula is replaced, and its emptied block dropped", () => {
    const sheet = `<sheetData/><conditionalFormatting sqref="A1:A9"><cfRule type="expression" dxfId="0" priority="7"><formula>LEFT($E2,6)="VANITY"</formula></cfRule></conditionalFormatting><conditionalFormatting sqref="B1"><cfRule type="expression" dxfId="0" priority="2"><formula>LEFT($E2,10)="INCOMPLETE"</formula></cfRule><cfRule type="expression" dxfId="0" priority="3"><formula>B1&gt;0</formula></cfRule></conditionalFormatting>`;
    const out = sheetXml(
      applyPlan(buildXlsx({ sheets: [{ name: "KPIs", xml: sheet }] }), { ...plan, cells: [], sheets: [] }),
    );
    expect(out).not.toContain('sqref="A1:A9"');
    expect(out).toContain(
      '<conditionalFormatting sqref="B1"><cfRule type="expression" dxfId="0" priority="3"><formula>B1&gt;0</formula></cfRule></conditionalFormatting>',
    );
    expect(out.match(/LEFT\(\$E2,6\)/g)).toHaveLength(1);
    expect(out.match(/LEFT\(\$E2,10\)/g)).toHaveLength(1);
  });

  test("a row's spans stay true or go", () => {
    const out = sheetXml(applyPlan(book(), { ...plan, cells: [{ row: 2, col: 1, value: 1 }], rules: [], sheets: [] }));
    for (const m of out.matchAll(/<row r="(\d+)"[^>]*?(?:spans="(\d+):(\d+)")?[^>]*>(.*?)<\/row>/g)) {
      if (m[2] === undefined) continue;
      const cols = [...m[4].matchAll(/<c r="([A-Z]+)/g)].map((c) => c[1].charCodeAt(0) - 64);
      expect(Math.max(...cols)).toBeLessThanOrEqual(Number(m[3]));
      expect(Math.min(...cols)).toBeGreaterThanOrEqual(Number(m[2]));
    }
  });

  test("a sheet written with a namespace prefix is refused, not damaged", () => {
    const ws = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData/></x:worksheet>`;
    const input = buildXlsx({ sheets: [{ name: "KPIs", xml: ws }] });
    expect(() => applyPlan(input, plan)).toThrow(XlsxError);
    expect(() => applyPlan(input, plan)).toThrow(/save it, and try again/);
  });

  test("an unknown sheet is refused", () => {
    expect(() => applyPlan(book(), { ...plan, sheetName: "Missing" })).toThrow(/Missing/);
  });
});
