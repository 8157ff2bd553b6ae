/** Which sheet is audited when the person names none: a visible one that reads as a dashboard. */
import { chooseKpiSheet, openWorkbook } from "../../src/xlsx";
import { buildXlsx } from "./build";

const T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const str = (r: number, c: number, t: string) =>
  `<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${t}</t></is></c>`;
const num = (r: number, c: number, v: number, s?: number) =>
  `<c r="${String.fromCharCode(65 + c)}${r + 1}"${s === undefined ? "" : ` s="${s}"`}><v>${v}</v></c>`;

/** A table: header Metric | Nov | Dec, then one row per name; `style` 3 makes the values dates. */
function table(names: string[], style?: number): string {
  const rows = [`<row r="1">${str(0, 0, "Metric")}${str(0, 1, "Nov")}${str(0, 2, "Dec")}</row>`];
  names.forEach((n, i) =>
    rows.push(
      `<row r="${i + 2}">${str(i + 1, 0, n)}${num(i + 1, 1, 45000 + i, style)}${num(i + 1, 2, 45031 + i, style)}</row>`,
    ),
  );
  return `<sheetData>${rows.join("")}</sheetData>`;
}
const KPIS = table(["Churn", "NRR", "CAC", "Gross Margin"]);

test("a hidden sheet is never the default, even when it is active", () => {
  const wb = openWorkbook(
    buildXlsx({
      sheets: [
        { name: "Calc", xml: KPIS, state: "hidden" },
        { name: "Board", xml: KPIS },
      ],
      activeTab: 0,
    }),
  );
  expect(chooseKpiSheet(wb)).toMatchObject({ ok: true, name: "Board" });
});

test("a sheet holding a pivot table is never the default", () => {
  const pivot = { id: "rId1", type: `${T}/pivotTable`, target: "../pivotTables/pivotTable1.xml" };
  const wb = openWorkbook(
    buildXlsx({
      sheets: [
        { name: "Pivot", xml: KPIS, rels: [pivot] },
        { name: "KPIs", xml: KPIS },
      ],
    }),
  );
  expect(chooseKpiSheet(wb)).toMatchObject({ ok: true, name: "KPIs" });
});

test("a raw data dump (record IDs, dates as values) is passed over for the dashboard", () => {
  const ids = Array.from({ length: 40 }, (_, i) => `SUB-${10200 + i}`);
  const wb = openWorkbook(
    buildXlsx({
      sheets: [
        { name: "Raw Data", xml: table(ids) },
        { name: "Dated", xml: table(["Churn", "NRR", "CAC"], 3) },
        { name: "KPI Dashboard", xml: KPIS },
      ],
    }),
  );
  expect(chooseKpiSheet(wb)).toMatchObject({ ok: true, name: "KPI Dashboard", others: [] });
});

test("among several that qualify: the active one, else the one named as a dashboard; the others are named", () => {
  const sheets = [
    { name: "Notes", xml: KPIS },
    { name: "Scorecard", xml: KPIS },
    { name: "Ops", xml: KPIS },
  ];
  expect(chooseKpiSheet(openWorkbook(buildXlsx({ sheets, activeTab: 2 })))).toMatchObject({
    ok: true,
    name: "Ops",
    others: ["Notes", "Scorecard"],
  });
  expect(
    chooseKpiSheet(
      openWorkbook(buildXlsx({ sheets: [...sheets, { name: "Empty", xml: "<sheetData/>" }], activeTab: 3 })),
    ),
  ).toMatchObject({
    ok: true,
    name: "Scorecard",
    others: ["Notes", "Ops"],
  });
});

test("when only a hidden sheet or a dump holds a table, the refusal names it and how to choose it", () => {
  const wb = openWorkbook(
    buildXlsx({
      sheets: [
        { name: "Cover", xml: "<sheetData/>" },
        { name: "Calc", xml: KPIS, state: "hidden" },
      ],
    }),
  );
  const choice = chooseKpiSheet(wb, undefined, "Name a sheet with --sheet to see why.");
  expect(choice).toMatchObject({ ok: false, code: "no-kpi-table" });
  if (!choice.ok)
    expect(choice.message).toBe(
      "No sheet reads as a dashboard; the only tables are on 'Calc' (hidden), which Decision Map does not choose by itself. Name a sheet with --sheet if that is the one.",
    );
  expect(chooseKpiSheet(wb, "calc")).toMatchObject({ ok: true, name: "Calc" });
});

test("the command line says which sheet it chose and names the others that would do", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCli } = require("../helpers/io") as typeof import("../helpers/io");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require("node:fs") as typeof import("node:fs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const os = require("node:os") as typeof import("node:os");
  const dir = fs.mkdtempSync(`${os.tmpdir()}/dm-choose-`);
  const file = `${dir}/book.xlsx`;
  fs.writeFileSync(
    file,
    buildXlsx({
      sheets: [
        { name: "Notes", xml: KPIS },
        { name: "Scorecard", xml: KPIS },
      ],
      activeTab: 1,
    }),
  );
  const run = await runCli(["audit", file]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    "Audited 'Scorecard'; 'Notes' also reads as a dashboard (--sheet NAME to audit it instead).",
  );
  const json = await runCli(["audit", file, "--json", "--out", `${dir}/b.xlsx`]);
  expect((JSON.parse(json.stdout) as { otherSheets: string[] }).otherSheets).toEqual(["Notes"]);
});

test("column widths: a later <col> wins where spans overlap, and repeated whole-sheet spans are read once each", () => {
  const cols = `<cols>${'<col min="1" max="16384" width="2"/>'.repeat(2000)}<col min="1" max="10" width="5"/><col min="3" max="4" width="20"/></cols>`;
  const grid = openWorkbook(buildXlsx({ sheets: [{ name: "KPIs", xml: cols + KPIS }] })).readGrid("KPIs");
  expect(grid.columnWidths?.slice(0, 6)).toEqual([5, 5, 20, 20, 5, 5]);
  expect(grid.columnWidths?.[10]).toBe(2);
  expect(grid.columnWidths?.[16383]).toBe(2);
});
