/**
 * The Decision Map sheet shows each current value in its sheet's number format (98%,
 * $1,200,000), in a file and in Excel, and its first columns are as wide as their text.
 */
import { unzipSync, strFromU8 } from "fflate";
import { decide } from "../../src/governance/decide";
import { applyPlanToWorkbook, readSheet } from "../../src/excel/host";
import type { WritePlan } from "../../src/governance/types";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { excelRuleProblems, lostProblems, schemaProblems, schemasAvailable } from "../helpers/ooxml";
import { fakeFromGrid } from "../excel/from-grid";
import { buildXlsx, STYLES } from "./build";

const MONEY = '"$"#,##0';
// Churn as a percentage (built-in 0.0%: id 164 in STYLES), revenue in a custom money format, NPS plain.
const styles = STYLES.replace(
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>',
  // A function, so the "$&" in the format code is not read as a replacement pattern.
  () =>
    `<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="${MONEY.replace(/"/g, "&quot;")}"/></numFmts>`,
)
  .replace('<cellXfs count="6">', '<cellXfs count="7">')
  .replace(
    "</cellXfs>",
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
  );

const input = buildXlsx({
  styles,
  sharedStrings: ["Metric", "Actual", "Churn", "Revenue", "NPS score of our enterprise customers"],
  sheets: [
    {
      name: "KPIs",
      xml:
        "<sheetData>" +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="4"><v>0.034</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" s="6"><v>1200000</v></c></row>' +
        '<row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4"><v>41</v></c></row>' +
        "</sheetData>",
    },
  ],
});

function planFor(bytes: Uint8Array): { plan: WritePlan } {
  const grid = openWorkbook(bytes).readGrid("KPIs");
  const d = decide({ grid });
  if (!d.ok || !d.plan || !d.plan.ok) throw new Error("no plan");
  return { plan: d.plan.plan };
}

describe("the Decision Map sheet's current values", () => {
  it("are planned in the formats of the cells they come from, and General stays General", () => {
    const sheet = planFor(input).plan.sheets.find((s) => s.name === "Decision Map")!;
    const col = sheet.rows[0].indexOf("Current value");
    expect(sheet.rows.slice(1).map((r) => r[col])).toEqual([0.034, 1200000, 41]);
    expect(sheet.numberFormats!.slice(1).map((r) => r[col] ?? null)).toEqual(["0.0%", MONEY, null]);
  });

  it("fit the metric names' width, within bounds", () => {
    const sheet = planFor(input).plan.sheets.find((s) => s.name === "Decision Map")!;
    expect(sheet.widths![0]).toBe("NPS score of our enterprise customers".length + 2);
  });

  it("are written in those formats into the file, which stays valid", async () => {
    const { plan } = planFor(input);
    const output = applyPlan(input, plan);
    const files = unzipSync(output);
    const stylesXml = strFromU8(files["xl/styles.xml"]);
    const xfs = [...stylesXml.slice(stylesXml.indexOf("<cellXfs")).matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    const part = Object.keys(files).find(
      (f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f) && strFromU8(files[f]).includes("Current value"),
    )!;
    const xml = strFromU8(files[part]);
    const styleOf = (ref: string) => Number(new RegExp(`<c r="${ref}"[^>]*? s="(\\d+)"`).exec(xml)?.[1] ?? 0);
    // Rows 2-4 of column E: the three current values.
    expect(xfs[styleOf("E2")]).toBe(164);
    expect(xfs[styleOf("E3")]).toBe(165);
    expect(xfs[styleOf("E4")] ?? 0).toBe(0);
    expect(excelRuleProblems(output)).toEqual([]);
    expect(lostProblems(input, output, plan)).toEqual([]);
    if (schemasAvailable()) expect(await schemaProblems(input, output)).toEqual([]);
  });

  it("are written in those formats in Excel", async () => {
    const excel = fakeFromGrid(openWorkbook(input).readGrid("KPIs"));
    const { grid } = await readSheet(excel.context());
    const d = decide({ grid });
    if (!d.ok || !d.plan?.ok) throw new Error("no plan");
    await applyPlanToWorkbook(excel.context(), d.plan.plan);
    const map = excel.sheet("Decision Map");
    expect([1, 2, 3].map((r) => map.get(r, 4)?.numberFormat ?? null)).toEqual(["0.0%", MONEY, null]);
    expect([1, 2, 3].map((r) => map.get(r, 4)?.value)).toEqual([0.034, 1200000, 41]);
  });
});

describe("a format the workbook's styles do not list", () => {
  it("is added as a numFmt of its own (the styles had none), and the file stays valid", async () => {
    // Built-in format 38 ("#,##0;[Red](#,##0)") needs no numFmt in the input; the writer spells it out.
    const bare = STYLES.replace('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>', "").replace(
      '<xf numFmtId="3" ',
      '<xf numFmtId="38" ',
    );
    const book = buildXlsx({
      styles: bare,
      sharedStrings: ["Metric", "Actual", "Cash"],
      sheets: [
        {
          name: "KPIs",
          xml:
            "<sheetData>" +
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
            '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="5"><v>-1200</v></c></row>' +
            "</sheetData>",
        },
      ],
    });
    const { plan } = planFor(book);
    const output = applyPlan(book, plan);
    const stylesXml = strFromU8(unzipSync(output)["xl/styles.xml"]);
    expect(stylesXml).toMatch(
      /^<\?xml[^>]*>\s*<styleSheet[^>]*><numFmts count="1"><numFmt numFmtId="164" formatCode="[^"]+"\/><\/numFmts>/,
    );
    expect(excelRuleProblems(output)).toEqual([]);
    if (schemasAvailable()) expect(await schemaProblems(book, output)).toEqual([]);
  });
});
