/**
 * Pivot-table sheets: the pivot's rows read as metrics (never "Grand Total" or "Row Labels"),
 * the latest period as current (never a total column), and only the summary sheets written,
 * since a pivot rewrites its cells and the ones beside it when it refreshes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { decide } from "../../src/governance/decide";
import { detectKpiTable } from "../../src/governance/detect";
import type { CellValue } from "../../src/governance/grid";
import { PIVOT_SUMMARY_ONLY } from "../../src/governance/layouts/pivot";
import { chooseKpiSheet, openWorkbook } from "../../src/xlsx";
import { entryData, readZip } from "../../src/xlsx/zip";
import { grid } from "../helpers/grids";
import { runCli } from "../helpers/io";
import { buildXlsx } from "../xlsx/build";

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const PIVOTS = path.join(CORPUS, "kpi_dashboard_template_pivots_fullrow_merge.xlsx");
const available = existsSync(PIVOTS);
if (!available) console.warn(`pivot corpus tests: skipped (no corpus at ${CORPUS})`);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dm-pivot-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Each part of a package, by name, as text. */
function parts(bytes: Uint8Array): Map<string, string> {
  return new Map(readZip(bytes).map((e) => [e.name, Buffer.from(entryData(e)).toString("utf8")]));
}

(available ? describe : describe.skip)("the pivot template workbook (corpus 13)", () => {
  test("by default the pivot with the longest time line is audited, for the summary sheets only, and the command says so", async () => {
    const out = path.join(dir, "out.xlsx");
    const run = await runCli(["audit", PIVOTS, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "1 metric in ProfitByMonth!B3, metrics as columns, periods down rows 4–15; current values from row 15 (Dec)",
    );
    expect(run.stdout).toContain(
      `Only the Decision Map and MBR Brief sheets were written, nothing on 'ProfitByMonth': ${PIVOT_SUMMARY_ONLY}.`,
    );
    expect(run.stdout).toContain("Audited 'ProfitByMonth'; 'ProfitByCookieandCountry', 'UnitsSoldEachMonth' also read");
  });

  test("the JSON says summary-only, has no governance columns, and reads the latest month, not the Grand Total", async () => {
    const out = path.join(dir, "out.xlsx");
    const run = await runCli(["audit", PIVOTS, "--json", "--out", out]);
    const json = JSON.parse(run.stdout);
    expect(json.sheet).toBe("ProfitByMonth");
    expect(json.table).toMatchObject({
      orientation: "columns",
      range: "A3:B16",
      summaryOnly: PIVOT_SUMMARY_ONLY,
      governanceColumns: null,
    });
    expect(json.metrics).toHaveLength(1);
    expect(json.metrics[0]).toMatchObject({ name: "Profit", currentPeriod: "Dec", currentCell: "B15", column: "B" });
    expect(json.metrics[0].current).toBeCloseTo(633191.65, 2);
    expect(json.notes).toEqual([expect.stringContaining(PIVOT_SUMMARY_ONLY)]);
  });

  test("nothing is written into any pivot sheet, its pivot table or its cache: only the two summary sheets are added", async () => {
    const out = path.join(dir, "out.xlsx");
    for (const args of [[], ["--sheet", "ProfitByCookieandCountry"], ["--sheet", "UnitsSoldEachMonth"]]) {
      const run = await runCli(["audit", PIVOTS, ...args, "--out", out]);
      expect(run.code).toBe(0);
      const before = parts(new Uint8Array(readFileSync(PIVOTS)));
      const after = parts(new Uint8Array(readFileSync(out)));
      const changed = [...before.keys()].filter((name) => after.get(name) !== before.get(name));
      // The workbook's lists of parts and sheets change; no worksheet, pivot table or cache does.
      expect(changed.filter((n) => /worksheets\/|pivotTables\/|pivotCache\//.test(n))).toEqual([]);
      const added = [...after.keys()].filter((name) => !before.has(name));
      expect(added.filter((n) => n.startsWith("xl/worksheets/sheet"))).toHaveLength(2);
    }
  });

  test("a pivot with products across reads its row items as metrics, with no current value from the total column", async () => {
    const run = await runCli([
      "audit",
      PIVOTS,
      "--sheet",
      "ProfitByCookieandCountry",
      "--json",
      "--out",
      path.join(dir, "o.xlsx"),
    ]);
    const json = JSON.parse(run.stdout);
    expect(json.metrics.map((m: { name: string }) => m.name)).toEqual(["India"]);
    expect(json.metrics[0]).toMatchObject({ current: null, currentPeriod: null });
    expect(json.table.summaryOnly).toBe(PIVOT_SUMMARY_ONLY);
  });
});

describe("the pivot reader, on the cells a pivot shows", () => {
  test("periods across: each row item is a metric, current from the latest month, not the Grand Total column", () => {
    const g = grid([
      ["Sum of Revenue", "Column Labels", null, null, null],
      ["Row Labels", "Oct", "Nov", "Dec", "Grand Total"],
      ["North", 10, 11, 12, 33],
      ["South", 20, 21, null, 41],
      ["Grand Total", 30, 32, 12, 74],
    ]);
    const d = detectKpiTable(g);
    if (!d.ok) throw new Error(d.message);
    expect(d.table.summaryOnly).toBe(PIVOT_SUMMARY_ONLY);
    expect(d.table.orientation).toBe("rows");
    const a = decide({ grid: g, table: d.table, plan: true });
    if (!a.ok) throw new Error(a.message);
    expect(a.audit.metrics.map((m) => [m.name, m.current, m.currentPeriod])).toEqual([
      ["North", 12, "Dec"],
      ["South", 21, "Nov"],
    ]);
    // Summary sheets only: no cell of the pivot's sheet is planned.
    expect(a.plan).toMatchObject({ ok: true, plan: { cells: [], columns: [], rules: [] } });
  });

  test("Spanish captions and sprint numbers down the rows: data fields are the metrics, the last sprint is current", () => {
    const d = detectKpiTable(
      grid([
        ["Etiquetas de fila", "Suma de Bugs", "Promedio de Hours"],
        [62, 7, 445.75],
        [63, 3, 400],
        [64, 5, 410],
        ["Total general", 15, 418.6],
      ]),
    );
    if (!d.ok) throw new Error(d.message);
    expect(d.table.orientation).toBe("columns");
    expect(d.table.metrics.map((m) => [m.name, m.current, m.currentPeriod])).toEqual([
      ["Bugs", { row: 3, col: 1 }, "64"],
      ["Hours", { row: 3, col: 2 }, "64"],
    ]);
  });

  test("row fields nested in one column (a date, its region, its department) are no metrics", () => {
    const nested: CellValue[][] = [
      ["Row Labels", "Sum of Sales"],
      ["2023", 10],
      ["North", 10],
      ["Marketing", 10],
      ["2024", 12],
      ["North", 12],
      ["Marketing", 12],
      ["Grand Total", 22],
    ];
    const d = detectKpiTable(grid(nested));
    if (d.ok) expect(d.table.metrics.map((m) => m.name)).not.toContain("North");
  });

  test("a table the host knows to be on a pivot's cells is summary-only, whichever reader read it", () => {
    const cells: CellValue[][] = [
      ["Metric", "Nov", "Dec"],
      ["MRR", 1, 2],
      ["Churn", 0.1, 0.2],
    ];
    const plain = detectKpiTable(grid(cells));
    expect(plain.ok && plain.table.summaryOnly).toBeUndefined();
    const onPivot = detectKpiTable(grid(cells, { pivots: [{ top: 0, left: 0, bottom: 2, right: 2 }] }));
    expect(onPivot.ok && onPivot.table.summaryOnly).toBe(PIVOT_SUMMARY_ONLY);
  });
});

describe("pivot sheets in a workbook", () => {
  const T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const s = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const n = (ref: string, v: number) => `<c r="${ref}"><v>${v}</v></c>`;
  const PIVOT_XML =
    "<sheetData>" +
    `<row r="3">${s("A3", "Row Labels")}${s("B3", "Sum of Profit")}</row>` +
    `<row r="4">${s("A4", "Jan")}${n("B4", 5)}</row>` +
    `<row r="5">${s("A5", "Feb")}${n("B5", 6)}</row>` +
    `<row r="6">${s("A6", "Grand Total")}${n("B6", 11)}</row>` +
    "</sheetData>";
  const pivotPart = `<?xml version="1.0" encoding="UTF-8"?><pivotTableDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="PivotTable1"><location ref="A3:B6" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/></pivotTableDefinition>`;
  const spec = (extra: { name: string; xml: string; state?: "hidden" }[] = []) => ({
    sheets: [
      { name: "Cover", xml: "<sheetData/>" },
      {
        name: "Pivot",
        xml: PIVOT_XML,
        rels: [{ id: "rId1", type: `${T}/pivotTable`, target: "../pivotTables/pivotTable1.xml" }],
      },
      ...extra,
    ],
    extra: { "xl/pivotTables/pivotTable1.xml": pivotPart },
  });

  test("the file host reads each pivot's location onto the sheet's grid", () => {
    const wb = openWorkbook(buildXlsx(spec()));
    expect(wb.pivotSheets).toEqual(["Pivot"]);
    expect(wb.readGrid("Pivot").pivots).toEqual([{ top: 2, left: 0, bottom: 5, right: 1 }]);
    expect(wb.readGrid("Cover").pivots).toBeUndefined();
  });

  test("when only pivots hold KPIs, a pivot sheet is chosen; when a plain sheet does, never", () => {
    expect(chooseKpiSheet(openWorkbook(buildXlsx(spec())))).toMatchObject({ ok: true, name: "Pivot" });
    const kpis =
      "<sheetData>" +
      `<row r="1">${s("A1", "Metric")}${s("B1", "Nov")}${s("C1", "Dec")}</row>` +
      `<row r="2">${s("A2", "MRR")}${n("B2", 1)}${n("C2", 2)}</row>` +
      `<row r="3">${s("A3", "Churn")}${n("B3", 3)}${n("C3", 4)}</row>` +
      "</sheetData>";
    expect(chooseKpiSheet(openWorkbook(buildXlsx(spec([{ name: "KPIs", xml: kpis }]))))).toMatchObject({
      ok: true,
      name: "KPIs",
    });
    // A table only on a hidden sheet is still refused with the message that names it.
    const hidden = chooseKpiSheet(
      openWorkbook(
        buildXlsx({
          sheets: [
            { name: "Cover", xml: "<sheetData/>" },
            { name: "Calc", xml: kpis, state: "hidden" },
          ],
        }),
      ),
    );
    expect(hidden).toMatchObject({ ok: false, code: "no-kpi-table" });
  });

  test("the command line writes nothing on the pivot sheet", async () => {
    const file = path.join(dir, "p.xlsx");
    writeFileSync(file, buildXlsx(spec()));
    const run = await runCli(["audit", file, "--json", "--out", path.join(dir, "o.xlsx")]);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ sheet: "Pivot", table: { summaryOnly: PIVOT_SUMMARY_ONLY, governanceColumns: null } });
    expect(json.metrics.map((m: { name: string; current: number }) => [m.name, m.current])).toEqual([["Profit", 6]]);
    const before = parts(new Uint8Array(readFileSync(file)));
    const after = parts(new Uint8Array(readFileSync(path.join(dir, "o.xlsx"))));
    expect(after.get("xl/worksheets/sheet2.xml")).toBe(before.get("xl/worksheets/sheet2.xml"));
  });
});
