/**
 * The workbook-safety fixtures (scripts/safety-fixtures.js), each through the .xlsx host
 * (as the command line and the browser workbench use it) and through the command line:
 * what the person gets, that the output passes the schemas and Excel's own rules, that
 * nothing of theirs is lost, and that a re-audit of the output changes nothing.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { auditTable, metricKey } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import { cellAt, cellText } from "../../src/governance/grid";
import { planWrite } from "../../src/governance/plan";
import type { PlanResult, WritePlan } from "../../src/governance/types";
import { applyPlan, chooseKpiSheet, openWorkbook, summarySheetConflict } from "../../src/xlsx";
import { excelRuleProblems, lostProblems, schemaProblems, schemasAvailable } from "../helpers/ooxml";
import { runCli } from "../helpers/io";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FIXTURES } = require("../../scripts/safety-fixtures.js") as {
  FIXTURES: Record<string, () => Uint8Array>;
};

const answers = new Map([
  [metricKey("Churn %"), { owner: "Dana Lee", threshold: "> 3%", lever: "authorize up to $10k in credits" }],
  [metricKey("CAC"), { owner: "Sales team", threshold: "above 500", lever: "escalate to CEO" }],
]);

/** Detect, audit and plan on the sheet the host chooses, as the command line does. */
function plan(bytes: Uint8Array): { result: PlanResult; sheet: string } {
  const wb = openWorkbook(bytes);
  const choice = chooseKpiSheet(wb);
  if (!choice.ok) throw new Error(choice.message);
  const detected = detectKpiTable(choice.grid);
  if (!detected.ok) throw new Error(detected.message);
  const conflict = summarySheetConflict(wb);
  if (conflict) return { result: { ok: false, code: "cell-occupied", message: conflict }, sheet: choice.name };
  const audit = auditTable({ grid: choice.grid, table: detected.table, answers });
  return { result: planWrite(choice.grid, audit), sheet: choice.name };
}

function write(bytes: Uint8Array): { output: Uint8Array; plan: WritePlan } {
  const { result } = plan(bytes);
  if (!result.ok) throw new Error(result.message);
  return { output: applyPlan(bytes, result.plan), plan: result.plan };
}

const part = (bytes: Uint8Array, name: string) => strFromU8(unzipSync(bytes)[name]);

/** The checks every output passes. */
async function sound(input: Uint8Array, output: Uint8Array, p: WritePlan): Promise<void> {
  expect(excelRuleProblems(output)).toEqual([]);
  expect(lostProblems(input, output, p)).toEqual([]);
  if (schemasAvailable()) expect(await schemaProblems(input, output)).toEqual([]);
}

if (!schemasAvailable()) console.warn("../shared/ooxml-schemas not found: schema validation skipped");

const WRITTEN = Object.keys(FIXTURES).filter((n) => n !== "person-sheet-named-like-ours.xlsx");

describe.each(WRITTEN)("%s", (name) => {
  const input = FIXTURES[name]();
  const copy = input.slice();
  const { output, plan: p } = write(input);

  test("the output passes the schemas and Excel's rules, and nothing of the person's is lost", async () => {
    await sound(input, output, p);
    expect(input).toEqual(copy);
  });

  test("a re-audit of the output reuses its columns and changes nothing", async () => {
    const again = plan(output).result;
    if (!again.ok) throw new Error(again.message);
    expect(again.plan.columns.filter((c) => c.created)).toEqual([]);
    expect(again.plan.columns.map((c) => c.col)).toEqual(p.columns.map((c) => c.col));
    const twice = applyPlan(output, again.plan);
    const sheets = Object.keys(unzipSync(output)).filter((n) => n.startsWith("xl/worksheets/"));
    for (const s of sheets) expect([s, part(twice, s)]).toEqual([s, part(output, s)]);
    await sound(output, twice, again.plan);
  });
});

describe("what each class gets", () => {
  test("formulas that show nothing are never written over: the columns move past them", () => {
    const { output, plan: p } = write(FIXTURES["formulas-that-show-nothing.xlsx"]());
    expect(p.columns.map((c) => c.col)).toEqual([6, 7, 8, 9]); // E holds formulas, F an array formula
    const grid = openWorkbook(output).readGrid("Dashboard");
    expect(cellText(cellAt(grid, 0, 6))).toBe("Owner");
    expect(part(output, "xl/calcChain.xml")).toBe(
      part(FIXTURES["formulas-that-show-nothing.xlsx"](), "xl/calcChain.xml"),
    );
  });

  test("the rules go beside the data bar, not inside it, and its extension is kept", () => {
    const input = FIXTURES["data-bar-with-extension.xlsx"]();
    const xml = part(write(input).output, "xl/worksheets/sheet1.xml");
    expect(xml.match(/<conditionalFormatting /g)).toHaveLength(4); // the data bar and our three
    expect(xml).toContain('<cfRule type="dataBar" priority="1">');
    expect(xml.indexOf("</conditionalFormatting>")).toBeLessThan(xml.indexOf("<pageMargins"));
  });

  test("a person's 'mbr brief' is refused, naming it, and nothing is written", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "dm-safety-")), "book.xlsx");
    const bytes = FIXTURES["person-sheet-named-like-ours.xlsx"]();
    writeFileSync(file, bytes);
    const run = await runCli(["audit", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'mbr brief' (Excel takes it for 'MBR Brief')");
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
  });

  test("an Excel table takes the governance columns into itself", () => {
    const { output, plan: p } = write(FIXTURES["kpi-as-excel-table.xlsx"]());
    expect(p.columns.map((c) => [c.col, c.table])).toEqual([
      [4, "KPIs"],
      [5, "KPIs"],
      [6, "KPIs"],
      [7, "KPIs"],
    ]);
    const table = part(output, "xl/tables/table1.xml");
    expect(table).toContain('ref="A1:H5"');
    expect(table).toContain('<autoFilter ref="A1:H5"/>');
    expect(table).toContain('<tableColumns count="8">');
    expect(table).toContain('<tableColumn id="8" name="Governance"/>');
  });

  test("spacers, a shape, a merged note and a neighbouring table are moved past", () => {
    const { plan: p } = write(FIXTURES["charts-spacers-and-neighbours.xlsx"]());
    // E, F spacers; G:J under the shape; K merged; L:M the Projects table.
    expect(p.columns.map((c) => c.col)).toEqual([13, 14, 15, 16]);
  });

  test("docProps/app.xml lists the sheets we add", () => {
    const { output } = write(FIXTURES["kpi-as-excel-table.xlsx"]());
    const app = part(output, "docProps/app.xml");
    expect(app).toContain("<vt:i4>3</vt:i4>");
    expect(app).toContain(
      '<vt:vector size="3" baseType="lpstr"><vt:lpstr>Dashboard</vt:lpstr><vt:lpstr>Decision Map</vt:lpstr><vt:lpstr>MBR Brief</vt:lpstr></vt:vector>',
    );
  });
});

describe("through the command line", () => {
  test.each(WRITTEN)("%s: exit 0, a sound output, the input untouched", async (name) => {
    const dir = mkdtempSync(path.join(tmpdir(), "dm-safety-"));
    const file = path.join(dir, name);
    const out = path.join(dir, "out.xlsx");
    const bytes = FIXTURES[name]();
    writeFileSync(file, bytes);
    const run = await runCli(["audit", file, "--out", out]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const output = new Uint8Array(readFileSync(out));
    expect(excelRuleProblems(output)).toEqual([]);
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
  });
});

describe("the checks catch the damage they are for", () => {
  // Damage an output by hand the ways the issue saw, and make sure each check says so.
  const input = FIXTURES["kpi-as-excel-table.xlsx"]();
  const { output, plan: p } = write(input);
  const files = unzipSync(output);
  const edit = (name: string, change: (xml: string) => string) => {
    const copy: Record<string, Uint8Array> = { ...files };
    copy[name] = new TextEncoder().encode(change(strFromU8(files[name])));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return new Uint8Array(require("fflate").zipSync(copy));
  };

  test("a rule put inside another element fails the schema", async () => {
    if (!schemasAvailable()) return;
    const bad = edit("xl/worksheets/sheet1.xml", (x) =>
      x.replace(
        /(<conditionalFormatting [\s\S]*?<\/conditionalFormatting>)([\s\S]*?)(<pageMargins [^>]*\/>)/,
        "$2$3$1",
      ),
    );
    expect((await schemaProblems(input, bad)).length).toBeGreaterThan(0);
  });

  test("a twin sheet name, a table header that is not its column's name, and a lost cell are named", () => {
    const twin = edit("xl/workbook.xml", (x) => x.replace('name="MBR Brief"', 'name="dashboard"'));
    expect(excelRuleProblems(twin)).toContain("sheet name 'dashboard' repeats (without case)");
    const header = edit("xl/tables/table1.xml", (x) => x.replace('name="Owner"', 'name="Owners"'));
    expect(excelRuleProblems(header).join(" ")).toContain("column is 'Owners'");
    const lost = edit("xl/worksheets/sheet1.xml", (x) => x.replace("<v>0.034</v>", "<v>0.035</v>"));
    expect(lostProblems(input, lost, p).join(" ")).toContain("cell C2 changed");
  });
});

describe("every corpus workbook that can be audited", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { corpusFiles, CORPUS_DIR } = require("../xlsx/corpus") as typeof import("../xlsx/corpus");
  const files = corpusFiles();
  const auditable = files.filter((f) => {
    const bytes = new Uint8Array(readFileSync(path.join(CORPUS_DIR, f)));
    try {
      return plan(bytes).result.ok;
    } catch {
      return false;
    }
  });
  if (files.length > 0)
    test("at least the three one-metric-per-row dashboards are audited", () => {
      expect(auditable.length).toBeGreaterThanOrEqual(3);
    });
  test.each(auditable)("%s: sound output; a re-audit changes nothing", async (name) => {
    const input = new Uint8Array(readFileSync(path.join(CORPUS_DIR, name)));
    const { output, plan: p } = write(input);
    await sound(input, output, p);
    const again = plan(output).result;
    if (!again.ok) throw new Error(again.message);
    expect(again.plan.columns.filter((c) => c.created)).toEqual([]);
    const twice = applyPlan(output, again.plan);
    const sheet = Object.keys(unzipSync(output)).filter((n) => n.startsWith("xl/worksheets/sheet"));
    for (const s of sheet) expect([s, part(twice, s) === part(output, s)]).toEqual([s, true]);
  });
});

describe("the demo and the bad-input fixtures that are audited", () => {
  const ROOT = path.resolve(__dirname, "../..");
  const cases: [string, string[]][] = [
    ["assets/sample-kpi-dashboard.xlsx", ["--answers", path.join(ROOT, "assets/sample-answers.csv")]],
    ...[
      "merged-header-cells",
      "error-values",
      "dates-as-values",
      "cell-of-32767-characters",
      "sheet-name-with-quotes-and-spaces",
    ].map((n): [string, string[]] => [`test/fixtures/bad/${n}.xlsx`, []]),
  ];
  test.each(cases)("%s: the written workbook is sound", async (file, extra) => {
    const dir = mkdtempSync(path.join(tmpdir(), "dm-safety-"));
    const out = path.join(dir, "out.xlsx");
    const input = new Uint8Array(readFileSync(path.join(ROOT, file)));
    const run = await runCli(["audit", path.join(ROOT, file), "--out", out, ...extra]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const output = new Uint8Array(readFileSync(out));
    expect(excelRuleProblems(output)).toEqual([]);
    if (schemasAvailable()) expect(await schemaProblems(input, output)).toEqual([]);
  });
});

describe("the written workbook at the MBR", () => {
  const input = FIXTURES["custom-sheet-views.xlsx"]();
  const { output, plan: p } = write(input);
  const styles = part(output, "xl/styles.xml");
  const xfs = [
    ...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(/<xf\b[\s\S]*?(?:\/>|<\/xf>)/g),
  ].map((m) => m[0]);
  const styleOf = (xml: string, ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)?.[1] ?? -1);

  test("the added Lever and Governance cells wrap, top-aligned; the others do not", () => {
    const sheet = part(output, "xl/worksheets/sheet1.xml");
    const lever = p.columns.find((c) => c.kind === "lever")!.col;
    const owner = p.columns.find((c) => c.kind === "owner")!.col;
    const at = (col: number) => `${String.fromCharCode(65 + col)}2`;
    expect(xfs[styleOf(sheet, at(lever))]).toContain('wrapText="1"');
    expect(sheet).toMatch(new RegExp(`<c r="${at(owner)}" t="inlineStr">`));
  });

  test("both added sheets print landscape, one page wide; the Decision Map header is bold and frozen", () => {
    const names = [...part(output, "xl/workbook.xml").matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
    const dm = part(output, `xl/worksheets/sheet${names.indexOf("Decision Map") + 1}.xml`);
    const brief = part(output, `xl/worksheets/sheet${names.indexOf("MBR Brief") + 1}.xml`);
    for (const x of [dm, brief]) {
      expect(x).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(x).toContain('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    }
    expect(dm).toContain('state="frozen"');
    const fontId = Number(/fontId="(\d+)"/.exec(xfs[styleOf(dm, "A1")])?.[1]);
    const fonts = [
      ...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? "").matchAll(/<font\b[\s\S]*?<\/font>/g),
    ].map((m) => m[0]);
    expect(fonts[fontId]).toContain("<b/>");
  });

  test("a second run adds no style twice", () => {
    const again = plan(output).result;
    if (!again.ok) throw new Error(again.message);
    expect(part(applyPlan(output, again.plan), "xl/styles.xml")).toBe(styles);
  });
});
