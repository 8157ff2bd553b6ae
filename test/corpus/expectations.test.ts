/**
 * What Decision Map must read in each real workbook of ../shared/corpus, written down by
 * reading the workbook itself (not by copying the product's output), and checked through
 * all three faces: the command line (its JSON), the browser workbench's file host, and the
 * Excel host on a fake holding the same sheet.
 *
 * One JSON file per workbook in ./expectations, named after it:
 *   {
 *     "file": "fpa_bank_kpi_actual_budget_forecast.xlsx",
 *     "howRead": "how the expectation was read from the file (cells looked at)",
 *     "runs": [
 *       {
 *         "sheet": "KPI_Dashboard",          // the sheet audited
 *         "default": true,                   // what a run without --sheet chooses (one run at most)
 *         "args": ["--table", "Table9"],     // optional: CLI options; --table / --range become hints elsewhere
 *         "orientation": "rows",             // rows | columns | blocks | long
 *         "headerRow": 1,                    // 1-based
 *         "metrics": [["Return on Equity (ROE)", 0.142, "Actual"]],  // name, current value (or null), period (or null); all of them, in order
 *         "notMetrics": ["Total"],           // labels on the sheet that must not be metrics
 *         "summaryOnly": false,              // true: only the summary sheets are written (pivots, protected sheets)
 *         "summaryOnlyNote": "is protected"  // words the one-line note on a summary-only write must contain
 *       },
 *       { "sheet": "Pivot", "refused": "words the refusal must contain" },
 *       { "sheet": "Locked", "writeRefused": "structure is protected", ... }  // read as expected, but the write is refused (all faces)
 *     ]
 *   }
 * Without ../shared the suite is skipped with a warning.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main";
import { decide } from "../../src/governance/decide";
import { summaryOnlyNote } from "../../src/governance/plan";
import { parseUserRange } from "../../src/governance/detect";
import type { DetectHints } from "../../src/governance/types";
import { applyPlanToWorkbook, readSheet } from "../../src/excel/host";
import { fileHost } from "../../src/taskpane/workbench/fileHost";
import { chooseKpiSheet, openWorkbook } from "../../src/xlsx";
import { fakeFromGrid } from "../excel/from-grid";

interface Run {
  sheet: string;
  default?: boolean;
  args?: string[];
  orientation?: string;
  headerRow?: number;
  metrics?: [string, number | null, string | null][];
  notMetrics?: string[];
  summaryOnly?: boolean;
  /** Words the one line about a summary-only write must contain (a protected sheet's, a pivot's). */
  summaryOnlyNote?: string;
  refused?: string;
  /** The sheet reads as expected, but writing to it is refused with these words (a protected sheet). */
  writeRefused?: string;
}
interface Expectation {
  file: string;
  howRead: string;
  runs: Run[];
}

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const DIR = path.join(__dirname, "expectations");
const available = fs.existsSync(CORPUS);
if (!available) console.warn(`corpus expectations: skipped (no corpus at ${CORPUS})`);
const expectations: Expectation[] = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")) as Expectation);

/** What every face reports, in one shape. */
interface Seen {
  sheet: string;
  orientation: string;
  headerRow: number;
  metrics: [string, number | null, string | null][];
  summaryOnly: boolean;
  /** The one line about a summary-only write, or null. */
  note: string | null;
  /** Cells the write plans on the audited sheet itself (none when summary-only). */
  cellsOnSheet: number;
  /** After a summary-only write (the hosts make it): the audited sheet is as it was. */
  sheetUntouched?: boolean;
  /** Why the write was refused, when it was. */
  writeRefused?: string;
}

function hintsOf(args: string[] = []): DetectHints {
  const hints: DetectHints = {};
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === "--table") hints.table = args[i + 1];
    else if (args[i] === "--range") hints.within = parseUserRange(args[i + 1].replace(/^.*!/, "")) ?? undefined;
  }
  return hints;
}

async function viaCli(file: string, run: Run): Promise<Seen | string> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dm-expect-")), "out.xlsx");
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = "";
  let err = "";
  stdout.on("data", (d) => (text += d));
  stderr.on("data", (d) => (err += d));
  const argv = ["audit", path.join(CORPUS, file), "--json", "--out", out, ...(run.args ?? [])];
  if (!run.default) argv.push("--sheet", run.sheet);
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr });
  if (code === 2 && run.writeRefused !== undefined) return { ...NOTHING_READ, sheet: run.sheet, writeRefused: err };
  if (code === 2) return err;
  const json = JSON.parse(text);
  return {
    sheet: json.sheet,
    orientation: json.table.orientation,
    headerRow: json.table.headerRow,
    metrics: json.metrics.map((m: { name: string; current: number | null; currentPeriod: string | null }) => [
      m.name,
      m.current,
      m.currentPeriod,
    ]),
    summaryOnly: json.table.summaryOnly !== null,
    note: (json.notes as string[]).find((n) => /Decision Map/.test(n)) ?? null,
    // The command line shows the governance columns it wrote beside the metrics, if any.
    cellsOnSheet: json.table.governanceColumns === null ? 0 : json.metrics.length,
  };
}

/** What the command line reports of a sheet it refused to write: only why. */
const NOTHING_READ: Seen = {
  sheet: "",
  orientation: "",
  headerRow: 0,
  metrics: [],
  summaryOnly: false,
  note: null,
  cellsOnSheet: 0,
};

function seen(d: ReturnType<typeof decide>, sheet: string): Seen | string {
  if (!d.ok) return d.message;
  return {
    writeRefused: d.plan && !d.plan.ok ? d.plan.message : undefined,
    sheet,
    orientation: d.table.orientation ?? "rows",
    headerRow: d.table.headerRow + 1,
    metrics: d.audit.metrics.map((m) => [m.name, m.current, m.currentPeriod]),
    summaryOnly: d.table.summaryOnly !== undefined,
    note: summaryOnlyNote(d.table),
    cellsOnSheet: d.plan?.ok ? d.plan.plan.cells.length : 0,
  };
}

/** The workbench: the sheet it opens by itself (or the one picked), read by its file host. */
async function viaWorkbench(file: string, run: Run): Promise<Seen | string> {
  const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, file)));
  const choice = chooseKpiSheet(openWorkbook(bytes), run.default ? undefined : run.sheet);
  if (!choice.ok) return choice.message;
  const host = fileHost({ bytes, sheetName: choice.name, prefersDark: () => false });
  const read = await host.read();
  const d = decide({ grid: read.grid, hints: hintsOf(run.args) });
  const face = seen(d, choice.name);
  // A summary-only write is made: the audited sheet reads back exactly as it was.
  if (typeof face !== "string" && d.ok && d.plan?.ok && d.table.summaryOnly !== undefined) {
    await host.apply(d.plan.plan);
    const after = openWorkbook(host.bytes());
    face.sheetUntouched =
      JSON.stringify(after.readGrid(choice.name)) === JSON.stringify(read.grid) &&
      after.sheetNames.includes("Decision Map");
  }
  return face;
}

/** Excel: the same sheet in a fake workbook, read by the Office.js host. */
async function viaExcel(file: string, run: Run): Promise<Seen | string> {
  const wb = openWorkbook(new Uint8Array(fs.readFileSync(path.join(CORPUS, file))));
  const excel = fakeFromGrid(wb.readGrid(run.sheet));
  const read = await readSheet(excel.context());
  const d = decide({ grid: read.grid, hints: hintsOf(run.args) });
  const face = seen(d, run.sheet);
  // A summary-only write is made: the audited sheet is as it was, the summary sheets are added.
  if (typeof face !== "string" && d.ok && d.plan?.ok && d.table.summaryOnly !== undefined) {
    const before = excel.sheet(run.sheet).snapshot();
    await applyPlanToWorkbook(excel.context(), d.plan.plan);
    face.sheetUntouched =
      excel.sheet(run.sheet).snapshot() === before && excel.sheets.some((x) => x.name === "Decision Map");
  }
  return face;
}

function check(face: Seen | string, run: Run): void {
  if (run.refused !== undefined) {
    expect(typeof face).toBe("string");
    expect(face).toContain(run.refused);
    return;
  }
  if (typeof face === "string") throw new Error(`refused: ${face}`);
  if (run.writeRefused !== undefined) expect(face.writeRefused).toContain(run.writeRefused);
  else expect(face.writeRefused).toBeUndefined();
  // The command line says only why it refused a write; the other faces show the reading.
  if (face === NOTHING_READ || (run.writeRefused !== undefined && face.sheet === run.sheet && face.orientation === ""))
    return;
  expect(face.sheet).toBe(run.sheet);
  if (run.orientation !== undefined) expect(face.orientation).toBe(run.orientation);
  if (run.headerRow !== undefined) expect(face.headerRow).toBe(run.headerRow);
  if (run.summaryOnly !== undefined) expect(face.summaryOnly).toBe(run.summaryOnly);
  // Summary-only: nothing is planned on the sheet, and every face says why in one line.
  if (run.summaryOnly) expect(face.cellsOnSheet).toBe(0);
  if (face.sheetUntouched !== undefined) expect(face.sheetUntouched).toBe(true);
  if (run.summaryOnlyNote !== undefined) {
    expect(face.note).toContain(run.summaryOnlyNote);
    expect(face.note!.split("\n")).toHaveLength(1);
  }
  if (run.metrics !== undefined) {
    expect(face.metrics.map((m) => m[0])).toEqual(run.metrics.map((m) => m[0]));
    run.metrics.forEach(([name, current, period], i) => {
      const [, got, gotPeriod] = face.metrics[i];
      if (current === null) expect({ name, current: got }).toEqual({ name, current: null });
      else
        expect({
          name,
          close: got !== null && Math.abs(got - current) <= 1e-9 * Math.max(1, Math.abs(current)),
        }).toEqual({ name, close: true });
      expect({ name, period: gotPeriod }).toEqual({ name, period });
    });
  }
  for (const label of run.notMetrics ?? []) expect(face.metrics.map((m) => m[0])).not.toContain(label);
}

(available ? describe : describe.skip)("each corpus workbook reads as its owner reads it", () => {
  it("has an expectation for every workbook in the corpus, each with at most one default run", () => {
    const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx"));
    const covered = expectations.map((e) => e.file);
    for (const e of expectations) expect(e.runs.filter((r) => r.default).length).toBeLessThanOrEqual(1);
    // Coverage grows as each layout lands; every expectation names a real file.
    for (const f of covered) expect(files).toContain(f);
  });

  for (const e of expectations) {
    describe(e.file, () => {
      for (const run of e.runs) {
        const label = `${run.default ? "by default, " : ""}${run.sheet}${run.args ? ` ${run.args.join(" ")}` : ""}`;
        it(`${label}: the command line`, async () => check(await viaCli(e.file, run), run));
        it(`${label}: the browser workbench`, async () => check(await viaWorkbench(e.file, run), run));
        if (!run.default || run.refused === undefined)
          it(`${label}: Excel`, async () => check(await viaExcel(e.file, run), run));
      }
    });
  }
});
