import { deflateSync, strToU8, unzipSync, zipSync } from "fflate";
import { cellAt, isFormulaAt, numberFormatAt } from "../../src/governance/grid";
import { openWorkbook, XlsxError } from "../../src/xlsx";
import { attributes, resolveTarget } from "../../src/xlsx/xml";
import { crc32, entryData, useCodec, ZipIntegrityError, type ZipEntry } from "../../src/xlsx/zip";
import { NODE_CODEC } from "../../src/cli/zlibCodec";
import { buildXlsx, MAIN_NS, REL_NS } from "./build";

const T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

describe("the workbook", () => {
  const bytes = buildXlsx({
    activeTab: 2,
    sheets: [
      {
        name: "Calc",
        xml: `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`,
        state: "hidden",
        part: "worksheets/calc.xml",
      },
      {
        name: "Chart",
        xml: `<?xml version="1.0"?><chartsheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`,
        chart: true,
      },
      {
        name: "Q3 KPIs & more",
        xml: `<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`,
        absolute: true,
      },
      { name: "Secret", xml: `<sheetData/>`, state: "veryHidden" },
    ],
  });
  const wb = openWorkbook(bytes);

  test("sheets in workbook order through the relationships, hidden ones named", () => {
    expect(wb.sheetNames).toEqual(["Calc", "Chart", "Q3 KPIs & more", "Secret"]);
    expect(wb.hiddenSheets).toEqual(["Calc", "Secret"]);
    expect(wb.activeSheet).toBe("Q3 KPIs & more");
  });
  test("a part not named sheet1.xml and an absolute target both resolve", () => {
    expect(cellAt(wb.readGrid("Calc"), 0, 0)).toBe(1);
    expect(wb.readGrid("Q3 KPIs & more").origin).toEqual({ row: 1, col: 1 });
    expect(cellAt(wb.readGrid("Q3 KPIs & more"), 1, 1)).toBe("x");
  });
  test("a chartsheet and an empty sheet give empty grids", () => {
    expect(wb.readGrid("Chart").values).toEqual([]);
    expect(wb.readGrid("Secret").values).toEqual([]);
  });
  test("an unknown sheet throws", () => {
    expect(() => wb.readGrid("Nope")).toThrow(/Nope/);
  });
  test("activeTab defaults to the first sheet", () => {
    const one = buildXlsx({
      sheets: [
        { name: "A", xml: "<sheetData/>" },
        { name: "B", xml: "<sheetData/>" },
      ],
    });
    expect(openWorkbook(one).activeSheet).toBe("A");
  });
});

describe("cells", () => {
  const sheet = `<dimension ref="A1:H9"/><sheetData>
    <row r="1" spans="1:8"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>0.034</v></c><c r="D1" s="2"><v>0.5</v></c><c r="E1" s="3"><v>45292</v></c><c r="F1" s="4"><v>0.25</v></c><c r="G1" s="5"><v>1234</v></c></row>
    <row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="E2"><f>SUM(A1:A3)</f></c><c r="F2"><f>B1</f><v></v></c><c r="G2" t="inlineStr"><is><r><t>in</t></r><r><rPr><b/></rPr><t xml:space="preserve">line</t></r></is></c></row>
    <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"/><c r="C3" s="2"></c></row>
    <row r="4" s="1" customFormat="1"><c r="A4" s="1"/><c r="Z4" s="1"/></row>
    <row r="5"><c r="B5" t="d"><v>2024-01-01T12:00:00</v></c><c r="C5"><v>-1.5E-3</v></c><c r="D5" t="s"><v>3</v></c></row>
    <row r="9" hidden="1"><c r="A9"><v>9</v></c></row>
    <row r="12" s="2" customFormat="1"/>
  </sheetData>`;
  const sst = [
    "KPI",
    `<r><t>Rich </t></r><r><rPr><i/></rPr><t>text</t></r><rPh sb="0" eb="1"><t>フリガナ</t></rPh>`,
    "a &amp; b &lt;c&gt;",
    "line_x000D_break",
  ];
  const grid = openWorkbook(buildXlsx({ sheets: [{ name: "S", xml: sheet }], sharedStrings: sst })).readGrid("S");

  test("shared strings, rich text without phonetic runs, entities and _x escapes", () => {
    expect(cellAt(grid, 0, 0)).toBe("KPI");
    expect(cellAt(grid, 0, 1)).toBe("Rich text");
    expect(cellAt(grid, 2, 0)).toBe("a & b <c>");
    expect(cellAt(grid, 4, 3)).toBe("line\rbreak");
  });
  test("numbers, booleans, errors, formula strings, inline rich strings", () => {
    expect(cellAt(grid, 0, 2)).toBe(0.034);
    expect(cellAt(grid, 4, 2)).toBe(-0.0015);
    expect(cellAt(grid, 1, 0)).toBe(true);
    expect(cellAt(grid, 1, 1)).toEqual({ error: "#N/A" });
    expect(cellAt(grid, 1, 2)).toEqual({ error: "#DIV/0!" });
    expect(cellAt(grid, 1, 3)).toBe("ab");
    expect(cellAt(grid, 1, 6)).toBe("inline");
  });
  test("a formula without a cached value reads as null and is flagged", () => {
    expect(cellAt(grid, 1, 4)).toBeNull();
    expect(isFormulaAt(grid, 1, 4)).toBe(true);
    expect(cellAt(grid, 1, 5)).toBeNull();
    expect(isFormulaAt(grid, 1, 5)).toBe(true);
    expect(isFormulaAt(grid, 1, 2)).toBe(true);
    expect(isFormulaAt(grid, 0, 2)).toBe(false);
  });
  test("built-in and custom number formats", () => {
    expect(numberFormatAt(grid, 0, 2)).toBe("0%");
    expect(numberFormatAt(grid, 0, 3)).toBe("0.00%");
    expect(numberFormatAt(grid, 0, 4)).toBe("m/d/yyyy");
    expect(numberFormatAt(grid, 0, 5)).toBe("0.0%");
    expect(numberFormatAt(grid, 0, 6)).toBe("#,##0");
    expect(numberFormatAt(grid, 0, 0)).toBe("General");
  });
  test("an ISO date cell is a serial number", () => {
    expect(cellAt(grid, 4, 1)).toBe(45292.5);
  });
  test("styled empty cells and styled empty rows do not extend the grid", () => {
    expect(grid.origin).toEqual({ row: 0, col: 0 });
    expect(grid.values.length).toBe(9); // rows 1..9; row 12 is styled and empty
    expect(Math.max(...grid.values.map((r) => r.length))).toBe(7); // Z4 is styled and empty
    expect(cellAt(grid, 2, 1)).toBeNull();
    expect(grid.hiddenRows).toEqual([8]);
  });
});

describe("sheet structure", () => {
  const sheet = `<sheetPr/><dimension ref="A1:D4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>
    <cols><col min="2" max="3" width="0" hidden="1" customWidth="1"/><col min="5" max="16384" width="9"/></cols>
    <sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="D4"><v>4</v></c></row></sheetData>
    <sheetProtection sheet="1" objects="1" scenarios="1"/><mergeCells count="2"><mergeCell ref="A1:XFD5"/><mergeCell ref="B2:C3"/></mergeCells>
    <conditionalFormatting sqref="B2:B4 D1"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>0.03</formula></cfRule><cfRule type="expression" dxfId="0" priority="2"><formula>$A1&gt;"x"</formula></cfRule></conditionalFormatting>
    <conditionalFormatting sqref="A1:A4"><cfRule type="colorScale" priority="3"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>
    <pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="2"><tablePart r:id="rId1"/><tablePart r:id="rId2"/></tableParts>`;
  const bytes = buildXlsx({
    sheets: [
      {
        name: "S",
        xml: sheet,
        rels: [
          { id: "rId1", type: `${T}/table`, target: "../tables/table1.xml" },
          { id: "rId2", type: `${T}/table`, target: "/xl/tables/table7.xml" },
        ],
      },
    ],
    extra: {
      "xl/tables/table1.xml": `<?xml version="1.0"?><table xmlns="${MAIN_NS}" id="1" name="Table1" displayName="Scores" ref="A1:H1048576" totalsRowShown="0"><autoFilter ref="A1:H1048576"/><tableColumns count="1"><tableColumn id="1" name="A"/></tableColumns></table>`,
      "xl/tables/table7.xml": `<?xml version="1.0"?><table xmlns="${MAIN_NS}" id="7" name="T7" displayName="T7" ref="J2:K9" headerRowCount="0" totalsRowCount="1"><tableColumns count="1"><tableColumn id="1" name="A"/></tableColumns></table>`,
    },
  });
  const grid = openWorkbook(bytes).readGrid("S");

  test("merges as declared, a full-width merge included, without allocating it", () => {
    expect(grid.merges).toEqual([
      { top: 0, left: 0, bottom: 4, right: 16383 },
      { top: 1, left: 1, bottom: 2, right: 2 },
    ]);
    expect(grid.values.length).toBe(4);
    expect(grid.values[3].length).toBe(4);
  });
  test("tables with their header and totals rows; a table to row 1,048,576 stays a declaration", () => {
    expect(grid.tables).toEqual([
      {
        name: "Scores",
        range: { top: 0, left: 0, bottom: 1048575, right: 7 },
        hasHeaderRow: true,
        hasTotalsRow: false,
      },
      { name: "T7", range: { top: 1, left: 9, bottom: 8, right: 10 }, hasHeaderRow: false, hasTotalsRow: true },
    ]);
  });
  test("hidden columns and protection", () => {
    expect(grid.hiddenColumns).toEqual([1, 2]);
    expect(grid.protected).toBe(true);
  });
  test("conditional formats with ranges, operator, formulas and the dxf colour", () => {
    expect(grid.conditionalFormats).toEqual([
      {
        ranges: [
          { top: 1, left: 1, bottom: 3, right: 1 },
          { top: 0, left: 3, bottom: 0, right: 3 },
        ],
        type: "cellIs",
        operator: "greaterThan",
        formulas: ["0.03"],
        color: "#FFC7CE",
      },
      {
        ranges: [
          { top: 1, left: 1, bottom: 3, right: 1 },
          { top: 0, left: 3, bottom: 0, right: 3 },
        ],
        type: "expression",
        operator: undefined,
        formulas: ['$A1>"x"'],
        color: "#FFC7CE",
      },
      {
        ranges: [{ top: 0, left: 0, bottom: 3, right: 0 }],
        type: "colorScale",
        operator: undefined,
        formulas: [],
        color: undefined,
      },
    ]);
  });
  test("an unprotected sheet is not protected", () => {
    const g = openWorkbook(
      buildXlsx({ sheets: [{ name: "S", xml: `<sheetData/><sheetProtection sheet="0"/>` }] }),
    ).readGrid("S");
    expect(g.protected).toBe(false);
  });
});

describe("a workbook written with a namespace prefix", () => {
  test("is read like any other", () => {
    const ws = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>KPI</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const g = openWorkbook(buildXlsx({ sheets: [{ name: "P", xml: ws }] })).readGrid("P");
    expect(g.values).toEqual([["KPI", 3]]);
  });
});

describe("what is not a workbook", () => {
  const zip = (files: Record<string, string>) =>
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  const ole = (name: string) => {
    const b = new Uint8Array(4096);
    b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    b.set(
      name.split("").flatMap((ch) => [ch.charCodeAt(0), 0]),
      1024 + 64 * 3,
    );
    return b;
  };
  const strict = (() => {
    const ok = buildXlsx({ sheets: [{ name: "S", xml: "<sheetData/>" }] });
    const files = require("fflate").unzipSync(ok) as Record<string, Uint8Array>;
    files["xl/workbook.xml"] = strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    return zipSync(files);
  })();
  const random = new Uint8Array(3000).map((_, i) => (i * 2654435761) % 251);
  test.each([
    ["random bytes", "not-a-zip", random, /is not an \.xlsx workbook/],
    ["a CSV renamed", "not-a-zip", strToU8("metric,owner\nChurn,Dana\n"), /is not an \.xlsx workbook/],
    ["an empty file", "not-a-zip", new Uint8Array(0), /is not an \.xlsx workbook/],
    ["a zip without a workbook", "not-xlsx", zip({ "hello.txt": "hi" }), /not an Excel workbook/],
    [
      "an Office package without xl/workbook.xml",
      "not-xlsx",
      zip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>" }),
      /not an Excel workbook/,
    ],
    [
      "a truncated zip",
      "corrupt",
      buildXlsx({ sheets: [{ name: "S", xml: "<sheetData/>" }] }).slice(0, 200),
      /damaged/,
    ],
    ["an encrypted workbook", "encrypted", ole("EncryptedPackage"), /encrypted.*password/i],
    ["an old .xls", "old-xls", ole("Workbook"), /old \.xls workbook: open it in Excel and save it as \.xlsx/],
    ["Strict Open XML", "unsupported", strict, /Strict Open XML/],
  ] as [string, string, Uint8Array, RegExp][])(
    "%s → %s, with a sentence that says what to do",
    (_what, code, bytes, message) => {
      let error: unknown;
      try {
        openWorkbook(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(XlsxError);
      expect((error as XlsxError).code).toBe(code);
      expect((error as XlsxError).message).toMatch(message);
      expect((error as XlsxError).message).toMatch(/(Excel|again)[^.]*\.$/);
    },
  );
});

describe("relationship targets are resolved, normalised and confined", () => {
  test.each([
    ["xl/workbook.xml", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"],
    ["xl/workbook.xml", "/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"],
    ["xl/workbook.xml", "../xl/./worksheets//sheet1.xml", "xl/worksheets/sheet1.xml"],
    ["xl/workbook.xml", "../customXml/item1.xml", "customXml/item1.xml"],
    ["xl/worksheets/sheet1.xml", "../tables/table1.xml", "xl/tables/table1.xml"],
    ["xl/workbook.xml", "worksheets/my%20sheet.xml", "xl/worksheets/my sheet.xml"],
    ["", "xl/workbook.xml", "xl/workbook.xml"],
  ])("from %s, %s is %s", (owner, target, part) => {
    expect(resolveTarget(owner, target)).toBe(part);
  });
  test.each([
    ["xl/workbook.xml", "../../x.xml"],
    ["xl/workbook.xml", "/../x.xml"],
    ["xl/workbook.xml", "worksheets/%2E%2E/%2E%2E/%2E%2E/x.xml"],
    ["xl/workbook.xml", "worksheets/a%2Fb.xml"],
    ["xl/workbook.xml", "worksheets/a%5Cb.xml"],
    ["xl/workbook.xml", "C:%5Cx.xml"],
    ["xl/workbook.xml", "bad%zz.xml"],
    ["xl/workbook.xml", "/"],
  ])("from %s, %s is refused (null)", (owner, target) => {
    expect(resolveTarget(owner, target)).toBeNull();
  });
});

describe.each([
  ["fflate (the browser, Excel)", null],
  ["Node's zlib (the command line)", NODE_CODEC],
] as const)("parts are checked against the zip directory, inflated by %s", (_, codec) => {
  beforeAll(() => useCodec(codec));
  afterAll(() => useCodec(null));
  const entry = (data: Uint8Array, over: Partial<ZipEntry> = {}): ZipEntry => ({
    name: "xl/x.xml",
    method: 8,
    flags: 0,
    crc: crc32(data),
    size: data.length,
    raw: deflateSync(data),
    time: 0,
    date: 0x21,
    ...over,
  });
  const data = strToU8("<x>".repeat(10_000));

  test("an honest part inflates to its bytes", () => {
    expect(entryData(entry(data))).toEqual(data);
    expect(entryData(entry(data, { method: 0, raw: data }))).toEqual(data);
    expect(entryData(entry(new Uint8Array(0), { raw: new Uint8Array(0) }))).toEqual(new Uint8Array(0));
  });
  test("a part that inflates past its declared size stops there", () => {
    expect(() => entryData(entry(data, { size: 100 }))).toThrow(ZipIntegrityError);
    expect(() => entryData(entry(data, { size: 100 }))).toThrow(/inflates to more than the 100 bytes/);
  });
  test("a part shorter than declared, or with another CRC, or damaged, is refused", () => {
    expect(() => entryData(entry(data, { size: data.length + 1 }))).toThrow(/not the 30001 declared/);
    expect(() => entryData(entry(data, { raw: strToU8("not deflate at all") }))).toThrow(ZipIntegrityError);
    expect(() => entryData(entry(data, { crc: 1 }))).toThrow(/CRC differs/);
    expect(() => entryData(entry(data, { method: 0, raw: data.subarray(1) }))).toThrow(/stored size differs/);
  });
});

describe("encodings", () => {
  const sheet = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Zoë</t></is></c></row></sheetData></worksheet>`;
  const utf16 = (text: string, le: boolean, bom: boolean): Uint8Array<ArrayBuffer> => {
    const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
    if (bom) [out[0], out[1]] = le ? [0xff, 0xfe] : [0xfe, 0xff];
    for (let i = 0, at = bom ? 2 : 0; i < text.length; i++, at += 2) {
      const c = text.charCodeAt(i);
      [out[at], out[at + 1]] = le ? [c & 0xff, c >>> 8] : [c >>> 8, c & 0xff];
    }
    return out;
  };
  const withSheet = (bytes: Uint8Array<ArrayBuffer>) => {
    const files = unzipSync(buildXlsx({ sheets: [{ name: "S", xml: "<sheetData/>" }] }));
    files["xl/worksheets/sheet1.xml"] = bytes;
    return zipSync(files);
  };
  test.each([
    ["UTF-16LE with a byte-order mark", true, true],
    ["UTF-16BE with a byte-order mark", false, true],
    ["UTF-16LE without one", true, false],
  ])("%s is read", (_name, le, bom) => {
    const wb = openWorkbook(withSheet(utf16(`<?xml version="1.0" encoding="UTF-16"?>${sheet}`, le, bom)));
    expect(cellAt(wb.readGrid("S"), 0, 0)).toBe("Zoë");
  });
  test("another declared encoding is refused by name", () => {
    const wb = openWorkbook(withSheet(strToU8(`<?xml version="1.0" encoding="windows-1252"?>${sheet}`)));
    expect(() => wb.readGrid("S")).toThrow(/Sheet 'S' is encoded as windows-1252, not UTF-8 or UTF-16/);
  });
});

describe("the grid's limits", () => {
  const book = (sheetData: string) => openWorkbook(buildXlsx({ sheets: [{ name: "S", xml: sheetData }] }));
  test.each([
    ["row 0", `<sheetData><row r="0"><c r="A1"><v>1</v></c></row></sheetData>`, /a row numbered 0/],
    [
      "row 1,048,577",
      `<sheetData><row r="1048577"><c r="A1048577"><v>1</v></c></row></sheetData>`,
      /a row numbered 1048577/,
    ],
    ["row 1.5", `<sheetData><row r="1.5"><c r="A1"><v>1</v></c></row></sheetData>`, /a row numbered 1\.5/],
    ["column XFE", `<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>`, /a cell at XFE1/],
  ])("%s is refused before anything is allocated", (_name, xml, message) => {
    const wb = book(xml);
    expect(() => wb.readGrid("S")).toThrow(XlsxError);
    expect(() => wb.readGrid("S")).toThrow(message);
  });
  test("row 1,048,576 and column XFD are Excel's own: read", () => {
    const grid = book(`<sheetData><row r="1048576"><c r="XFD1048576"><v>7</v></c></row></sheetData>`).readGrid("S");
    expect(grid.origin).toEqual({ row: 1_048_575, col: 16_383 });
    expect(cellAt(grid, 1_048_575, 16_383)).toBe(7);
  });
  test("a grid wider than the cell limit is refused, not allocated", () => {
    const rows = Array.from(
      { length: 200 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c><c r="XFD${i + 1}"><v>1</v></c></row>`,
    );
    const wb = book(`<sheetData>${rows.join("")}</sheetData>`);
    expect(() => wb.readGrid("S")).toThrow(
      /spreads its cells over 200 rows and 16,384 columns, more than 2,000,000 cells/,
    );
  });
  test("overlapping hidden column spans are listed once", () => {
    const grid = book(
      `<cols>${'<col min="2" max="4" hidden="1"/>'.repeat(5000)}<col min="3" max="6" hidden="1"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`,
    ).readGrid("S");
    expect(grid.hiddenColumns).toEqual([1, 2, 3, 4, 5]);
  });
  test("an element with more than 1,000 attributes is refused", () => {
    expect(() => attributes(' a="1"'.repeat(1001))).toThrow(/more than 1,000 attributes/);
    expect(attributes(' a="1"'.repeat(1000)).get("a")).toBe("1");
  });
});
