/**
 * The command line looks for the table once (the look made while choosing the sheet is the
 * audit's), a one-sheet workbook's refusal says what to do there, and a reader that stops
 * early (`| head`) ends the report quietly.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import * as detect from "../../src/governance/detect";
import { runCli } from "../helpers/io";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dm-once-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

async function book(sheets: Record<string, (string | number | null)[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  const file = path.join(dir, "in.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

const KPIS = [
  ["Metric", "Jan", "Feb", "Mar"],
  ["MRR", 100, 110, 120],
  ["Churn", 0.03, 0.031, 0.034],
];

test.each([
  ["one sheet", { KPIs: KPIS }],
  ["the dashboard among others", { Notes: [["Meeting notes"]], Dashboard: KPIS, Ops: KPIS }],
])("%s: each sheet's table is looked for once, the chosen one not again", async (_, sheets) => {
  const file = await book(sheets);
  const spy = jest.spyOn(detect, "detectKpiTable");
  const run = await runCli(["audit", file, "--out", path.join(dir, "out.xlsx"), "--json"]);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).metrics.map((m: { name: string }) => m.name)).toEqual(["MRR", "Churn"]);
  const looked = spy.mock.calls.map(([g]) => g.sheetName);
  expect(new Set(looked).size).toBe(looked.length);
});

test("with --range the table is looked for within it, once more", async () => {
  const file = await book({ KPIs: [...KPIS, [], ["Metric", "Jan"], ["Cash", 5]] });
  const run = await runCli(["audit", file, "--out", path.join(dir, "out.xlsx"), "--json", "--range", "A5:B6"]);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).metrics.map((m: { name: string }) => m.name)).toEqual(["Cash"]);
});

test("a one-sheet workbook with no table is told what to do there, not to choose another sheet", async () => {
  const file = await book({
    HR: [
      ["Department", "Headcount", "Attrition %"],
      ["Engineering", 120, 0.08],
    ],
  });
  const run = await runCli(["audit", file, "--out", path.join(dir, "out.xlsx")]);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toContain("sheet 'HR'");
  expect(run.stderr).toContain("--range A1:D9");
  expect(run.stderr).not.toMatch(/another sheet|--sheet/);
  expect(existsSync(path.join(dir, "out.xlsx"))).toBe(false);
});

const bin = path.join(__dirname, "../../bin/decision-map.js");
const built = existsSync(path.join(__dirname, "../../lib/src/cli/main.js"));
if (!built) console.warn("lib/ is not built (npm run build:cli): the pipe test is left out");
(built ? test : test.skip)("a pipe closed early ends the report without a stack trace", async () => {
  const file = await book({ KPIs: KPIS });
  const run = spawnSync(
    "bash",
    [
      "-c",
      `node ${JSON.stringify(bin)} audit ${JSON.stringify(file)} --out ${JSON.stringify(path.join(dir, "o.xlsx"))} | head -1`,
    ],
    { encoding: "utf8" },
  );
  expect(run.stdout).toMatch(/^Decision Map: /);
  expect(run.stderr).not.toMatch(/EPIPE|at /);
});
