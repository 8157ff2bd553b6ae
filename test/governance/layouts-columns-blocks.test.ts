/**
 * Metrics as columns, the harder shapes: a second block of metric columns after a run of
 * empty columns (sharing the periods, or with a period column of its own), forecast-like
 * columns (Estimated / Forecast / Projected / Budget / Plan / Target, in several languages)
 * that are the target of the metric of their name or no metric at all, and a latest period
 * whose cell holds no number (#N/A, "-", an empty string).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main";
import { decide } from "../../src/governance/decide";
import type { CellValue, Grid } from "../../src/governance/grid";
import { forecastOf, readColumns } from "../../src/governance/layouts/columns";
import type { KpiTable } from "../../src/governance/types";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { grid } from "../helpers/grids";
import { excelRuleProblems, lostProblems, schemaProblems } from "../helpers/ooxml";

const E = (error: string): CellValue => ({ error }) as CellValue;

function detected(g: Grid) {
  const d = decide({ grid: g });
  if (!d.ok) throw new Error(d.message);
  return d;
}
const names = (t: KpiTable) => t.metrics.map((m) => m.name);

/** A row of `n` empty cells. */
const gap = (n: number): null[] => Array.from({ length: n }, () => null);

describe("a second block of metric columns after empty columns", () => {
  test("without a period column of its own it shares the periods: one table, both blocks", () => {
    const g = grid([
      [null, "PCH", "PCH Target", ...gap(8), "Year ICI", "Year ICI Target", "Year CV"],
      ["2024-01-14", 1, 6, ...gap(8), 10, 12, 20],
      ["2024-01-21", 2, 6, ...gap(8), 11, 12, 21],
      ["2024-01-28", 3, 6, ...gap(8), 14, 12, 25],
    ]);
    const d = detected(g);
    expect(d.table.orientation).toBe("columns");
    expect(names(d.table)).toEqual(["PCH", "Year ICI", "Year CV"]);
    expect(d.audit.metrics.map((m) => [m.name, m.current, m.currentPeriod])).toEqual([
      ["PCH", 3, "2024-01-28"],
      ["Year ICI", 14, "2024-01-28"],
      ["Year CV", 25, "2024-01-28"],
    ]);
    expect(d.table.metrics.map((m) => m.target ?? null)).toEqual([6, 12, null]);
    expect(d.table.notes.join(" ")).toMatch(/Metrics in L:N, after empty columns, share the periods of column A/);
    // The side table goes right of the second block, never between the blocks.
    expect(d.plan!.ok).toBe(true);
    if (!d.plan!.ok) return;
    const side = Math.min(...d.plan!.plan.columns.map((c) => c.col)) - 1;
    expect(side).toBe(13 + 2);
  });

  test("with a period column of its own it is another table, offered in `others`", () => {
    const g = grid([
      ["Month", "MRR", "Churn", ...gap(5), "Week", "Tickets", "Backlog"],
      ["Jan-24", 100, 3, ...gap(5), "2024-01-07", 40, 7],
      ["Feb-24", 110, 4, ...gap(5), "2024-01-14", 42, 9],
      ["Mar-24", 120, 2, ...gap(5), "2024-01-21", 45, 6],
      [null, null, null, ...gap(5), "2024-01-28", 47, 5],
    ]);
    const tables = readColumns(g);
    expect(tables.map(names).sort()).toEqual([
      ["MRR", "Churn"],
      ["Tickets", "Backlog"],
    ]);
    const d = detected(g);
    const all = [d.table, ...d.others];
    expect(all.map(names)).toEqual(
      expect.arrayContaining([
        ["MRR", "Churn"],
        ["Tickets", "Backlog"],
      ]),
    );
    const weekly = all.find((t) => names(t)[0] === "Tickets")!;
    expect(weekly.metricColumn).toBe(8);
    expect(weekly.metrics.map((m) => m.currentPeriod)).toEqual(["2024-01-28", "2024-01-28"]);
    const monthly = all.find((t) => names(t)[0] === "MRR")!;
    expect(monthly.metrics.map((m) => m.currentPeriod)).toEqual(["Mar-24", "Mar-24"]);
    // Neither reads the other's columns.
    expect(monthly.area!.right).toBe(2);
  });

  test("the second table is still offered once the first has its side table", () => {
    const g = grid([
      ["Month", "MRR", "Churn", ...gap(8), "Week", "Tickets", "Backlog"],
      ["Jan-24", 100, 3, ...gap(8), "2024-01-07", 40, 7],
      ["Feb-24", 110, 4, ...gap(8), "2024-01-14", 42, 9],
      ["Mar-24", 120, 2, ...gap(8), "2024-01-21", 45, 6],
    ]);
    const first = decide({ grid: g, hints: { within: { top: 0, left: 0, bottom: 3, right: 2 } } });
    if (!first.ok || !first.plan?.ok) throw new Error("no plan");
    const values = g.values.map((r) => [...r]);
    for (const c of first.plan.plan.cells) {
      while (values[c.row].length <= c.col) values[c.row].push(null);
      values[c.row][c.col] = c.value;
    }
    // The side table took D..H (a gap column, then five); the weekly table starts at L.
    expect(values[0].slice(4, 9)).toEqual(["Metric", "Owner", "Threshold", "Lever", "Governance"]);
    const again = readColumns({ ...g, values });
    expect(again.map(names).sort()).toEqual([
      ["MRR", "Churn"],
      ["Tickets", "Backlog"],
    ]);
    const monthly = again.find((t) => names(t)[0] === "MRR")!;
    expect(monthly.metrics[0].answerCells?.owner).toEqual({ row: 1, col: 5 });
  });

  test("a block of notes or a label table after the gap is not read as metrics", () => {
    const g = grid([
      ["Month", "MRR", "Churn", ...gap(4), "Metric", "Definition"],
      ["Jan-24", 100, 3, ...gap(4), "MRR", "Monthly recurring revenue"],
      ["Feb-24", 110, 4, ...gap(4), "Churn", "Lost customers"],
      ["Mar-24", 120, 2, ...gap(4), null, null],
    ]);
    expect(names(readColumns(g)[0])).toEqual(["MRR", "Churn"]);
  });
});

describe("forecast-like columns", () => {
  test.each([
    ["Estimated Hires", "Hires", 2],
    ["Forecast Revenue", "Revenue", 2],
    ["Projected ARR", "ARR", 2],
    ["Expected Churn", "Churn", 2],
    ["Hires Target", "Hires", 0],
    ["Revenue (Plan)", "Revenue", 1],
    ["Revenue Budget", "Revenue", 1],
    ["Prévision CA", "CA", 2],
    ["Objetivo Ventas", "Ventas", 0],
    ["Umsatz Ziel", "Umsatz", 0],
    ["Meta Vendas", "Vendas", 0],
    ["Budget", "", 1],
    ["Plan", "", 1],
    ["Target", "", 0],
  ])("%s belongs to '%s'", (header, base, rank) => {
    expect(forecastOf(header)).toMatchObject({ base, rank });
  });

  test("a cell far longer than a header is no forecast header, whatever it ends with", () => {
    // Read whole, its runs of spaces made the patterns backtrack for minutes per cell.
    expect(forecastOf(`Hires${" ".repeat(200)}Forecast`)).toBeNull();
    expect(forecastOf(`${"x ".repeat(20_000)}Estimated`)).toBeNull();
    expect(forecastOf(`Hires${" ".repeat(20)}Forecast`)).toMatchObject({ base: "Hires", rank: 2 });
  });

  test.each(["Hires", "Planned SP", "Targeted Accounts", "Overtarget", "MRR ($)", "Estimation"])(
    "%s is no forecast",
    (header) => {
      expect(forecastOf(header)).toBeNull();
    },
  );

  test("Estimated X beside X is X's threshold hint; a forecast of no metric is set aside and named", () => {
    const g = grid([
      ["Month", "Hires", "Estimated Hires", "Offers", "Projected Revenue", "Budget", "Forecast"],
      ["Jan-24", 3, 4, 10, 1000, 50, 9],
      ["Feb-24", 5, 6, 12, 1100, 50, 9],
      ["Mar-24", 4, 7, 11, 1200, 50, 9],
    ]);
    const d = detected(g);
    expect(names(d.table)).toEqual(["Hires", "Offers"]);
    expect(d.table.metrics.map((m) => m.target ?? null)).toEqual([7, null]);
    expect(d.audit.metrics[0].target).toBe(7);
    const note = d.table.notes.find((n) => n.startsWith("Not metrics"));
    expect(note).toBe(
      "Not metrics: 'Projected Revenue', 'Budget', 'Forecast' (a target, plan or forecast with no metric of their name on the sheet).",
    );
    expect(d.table.referenceColumns).toEqual([2, 4, 5, 6]);
  });

  test("a target beats a plan, a plan beats a forecast, whatever their order", () => {
    const g = grid([
      ["Month", "Revenue", "Forecast Revenue", "Revenue Budget", "Revenue Target", "Cost", "Cost Plan", "Est. Cost"],
      ["Jan-24", 100, 1, 2, 3, 10, 20, 30],
      ["Feb-24", 110, 4, 5, 6, 11, 21, 31],
    ]);
    const t = readColumns(g)[0];
    expect(names(t)).toEqual(["Revenue", "Cost"]);
    expect(t.metrics.map((m) => m.target)).toEqual([6, 21]);
  });

  test("multilingual: Prévision, Objetivo, Ziel, Meta pair with their metric", () => {
    const g = grid([
      ["Mois", "CA", "Prévision CA", "Ventas", "Objetivo Ventas", "Umsatz", "Umsatz Ziel", "Vendas", "Meta Vendas"],
      ["Jan-24", 100, 90, 10, 12, 5, 6, 7, 8],
      ["Feb-24", 110, 95, 11, 13, 6, 7, 8, 9],
    ]);
    const t = readColumns(g)[0];
    expect(names(t)).toEqual(["CA", "Ventas", "Umsatz", "Vendas"]);
    expect(t.metrics.map((m) => m.target)).toEqual([95, 13, 7, 9]);
  });

  test("a plan prefix pairs with the metric of its base name; unpaired, it is set aside and named", () => {
    const g = grid([
      ["Month", "Revenue", "Plan Revenue", "Orders", "Budget Headcount"],
      ["Jan-24", 100, 120, 7, 30],
      ["Feb-24", 110, 125, 8, 30],
    ]);
    const t = readColumns(g)[0];
    expect(names(t)).toEqual(["Revenue", "Orders"]);
    expect(t.metrics.map((m) => m.target ?? null)).toEqual([125, null]);
    expect(t.notes).toContain(
      "Not metrics: 'Budget Headcount' (a target, plan or forecast with no metric of its name on the sheet).",
    );
  });

  test("duplicated metric headers: a target pairs with the one on its left", () => {
    const g = grid([
      [null, "Year ICI", "Year ICI", "Year ICI Target"],
      ["2024-01-14", 1, 5, 9],
      ["2024-01-21", 2, 6, 10],
    ]);
    const t = readColumns(g)[0];
    expect(t.metrics.map((m) => [m.name, m.cell!.col, m.target ?? null])).toEqual([
      ["Year ICI", 1, null],
      ["Year ICI", 2, 10],
    ]);
  });
});

describe("a latest period that holds no number", () => {
  test.each([
    ["#N/A", E("#N/A"), "#N/A"],
    ["#DIV/0!", E("#DIV/0!"), "#DIV/0!"],
    ["a dash", "-", "'-'"],
    ["an empty string", " ", "an empty string"],
  ])("%s: current is the last number, with its own period, and the audit warns naming the latest", (_, cell, holds) => {
    const g = grid([
      ["Month", "MRR", "Churn"],
      ["Jan-24", 100, 3],
      ["Feb-24", 110, 4],
      ["Mar-24", 120, cell],
    ]);
    const d = detected(g);
    const churn = d.audit.metrics[1];
    expect([churn.current, churn.currentPeriod]).toEqual([4, "Feb-24"]);
    expect(churn.currentCell).toEqual({ row: 2, col: 2 });
    expect(d.table.metrics[1].latestMissing).toEqual({ period: "Mar-24", holds });
    const w = churn.warnings.find((x) => x.code === "current-not-latest");
    expect(w?.message).toBe(
      `'Churn' has no number for the latest period, Mar-24 (the cell holds ${holds}): its current value is Feb-24's.`,
    );
    // MRR has its number: no warning.
    expect(d.audit.metrics[0].warnings.map((x) => x.code)).not.toContain("current-not-latest");
    expect([d.audit.metrics[0].current, d.audit.metrics[0].currentPeriod]).toEqual([120, "Mar-24"]);
    expect(d.table.notes.join(" ")).toContain("No number for Mar-24 in 'Churn'");
    // The warning is on the Decision Map sheet, not in the Governance cell.
    if (!d.plan?.ok) throw new Error("no plan");
    const mapRow = d.plan.plan.sheets[0].rows[2];
    expect(String(mapRow[8])).toContain("no number for the latest period, Mar-24");
    const verdict = d.plan.plan.cells.find(
      (c) =>
        c.row === d.audit.metrics[1].row &&
        typeof c.value === "string" &&
        /^(VANITY|INCOMPLETE|DECISION)/.test(c.value),
    );
    expect(String(verdict?.value)).not.toContain("Mar-24");
  });

  test("months ahead with no values at all are not the latest period: no warning", () => {
    const g = grid([
      ["Month", "MRR", "Churn"],
      ["Jan-24", 100, 3],
      ["Feb-24", 110, 4],
      ["Mar-24", null, null],
      ["Apr-24", null, null],
    ]);
    const d = detected(g);
    expect(d.audit.metrics.map((m) => [m.current, m.currentPeriod])).toEqual([
      [110, "Feb-24"],
      [4, "Feb-24"],
    ]);
    expect(d.audit.metrics.flatMap((m) => m.warnings.map((w) => w.code))).not.toContain("current-not-latest");
  });

  test("a metric with no number at all has no current value and no such warning", () => {
    const g = grid([
      ["Month", "MRR", "Churn"],
      ["Jan-24", 100, E("#N/A")],
      ["Feb-24", 110, E("#N/A")],
    ]);
    const d = detected(g);
    expect(d.audit.metrics[1].current).toBeNull();
    expect(d.audit.metrics[1].warnings.map((w) => w.code)).not.toContain("current-not-latest");
  });
});

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const available = fs.existsSync(CORPUS);
if (!available) console.warn(`columns blocks corpus tests: skipped (no corpus at ${CORPUS})`);
const corpusTest = available ? test : test.skip;

async function cli(from: string, to: string, sheet: string) {
  const stdout = new PassThrough();
  let text = "";
  stdout.on("data", (d) => (text += d));
  const argv = ["audit", from, "--json", "--out", to, "--sheet", sheet];
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr: new PassThrough() });
  return { code, json: code === 2 ? null : JSON.parse(text) };
}

describe("corpus: recruiter Beatrix1 (a Year block after eight empty columns)", () => {
  corpusTest(
    "both blocks are read as one table; the side table goes right of the Year block; valid, nothing lost, re-run finds it",
    async () => {
      const file = path.join(CORPUS, "recruiter_kpi_per_person_actual_target_pairs.xlsx");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "colslong-"));
      const out = path.join(dir, "beatrix.xlsx");
      const r = await cli(file, out, "Beatrix1");
      expect(r.code).not.toBe(2);
      const report = r.json;
      expect(report.table.orientation).toBe("columns");
      expect(report.table.range).toBe("A1:Y14");
      // B1 PCH; L1:Y1 Year ICI (twice: L and M), Year CV, Year CCM1, Year Placed, Year CL, Year F2F, Year PCH.
      expect(report.metrics.map((m: { name: string; cell: string }) => `${m.name}@${m.cell}`)).toEqual([
        "PCH@B1",
        "Year ICI@L1",
        "Year ICI@M1",
        "Year CV@O1",
        "Year CCM1@Q1",
        "Year Placed@S1",
        "Year CL@T1",
        "Year F2F@V1",
        "Year PCH@X1",
      ]);
      // L holds numbers only in L4:L5 (2024-01-15, 2024-01-26): its latest period holds nothing.
      const l = report.metrics[1];
      expect([l.current, l.currentPeriod, l.warnings]).toEqual([0, "2024-01-26", ["current-not-latest"]]);
      // Z is the gap; the side table's Metric column is AA.
      expect(report.table.governanceColumns).toEqual({ owner: "AB", threshold: "AC", lever: "AD", governance: "AE" });
      const input = new Uint8Array(fs.readFileSync(file));
      const output = new Uint8Array(fs.readFileSync(out));
      const elsewhere = (p: string) => /^xl\/workbook\.xml|docProps\/app\.xml/.test(p);
      expect((await schemaProblems(input, output)).filter((p) => !elsewhere(p))).toEqual([]);
      expect(excelRuleProblems(output).filter((p) => !elsewhere(p))).toEqual([]);
      const d = decide({ grid: openWorkbook(input).readGrid("Beatrix1") });
      if (!d.ok || !d.plan?.ok) throw new Error("refused");
      expect(lostProblems(input, applyPlan(input, d.plan.plan), d.plan.plan)).toEqual([]);
      const again = await cli(out, path.join(dir, "again.xlsx"), "Beatrix1");
      expect(again.json.metrics.map((m: { name: string }) => m.name)).toEqual(
        report.metrics.map((m: { name: string }) => m.name),
      );
      expect(again.json.table.governanceColumns).toEqual(report.table.governanceColumns);
    },
    60000,
  );
});

describe("corpus: scrum Data (Estimated … columns, #N/A in the last sprint's row)", () => {
  corpusTest(
    "Estimated % Compliance is % Compliance's target; the other estimates are not metrics; #N/A is warned",
    () => {
      const file = path.join(CORPUS, "scrum_sprint_kpi_dashboard_excel_tables.xlsx");
      const wb = openWorkbook(new Uint8Array(fs.readFileSync(file)));
      // Data!A1:AA27: Sprint 41..66 down A; V1 Hours Next Sprint (V27 #N/A), W1:Y1 Estimated Total SP /
      // SP Planned / SP Unplanned (#N/A in row 27), Z1 Estimated % Compliance (Z27 0.979…), S1 % Compliance (S27 1).
      const d = decide({ grid: wb.readGrid("Data"), plan: false });
      if (!d.ok) throw new Error(d.message);
      expect(d.table.orientation).toBe("columns");
      const names = d.audit.metrics.map((m) => m.name);
      for (const n of [
        "Estimated Total SP",
        "Estimated SP Planned",
        "Estimated SP Unplanned",
        "Estimated % Compliance",
      ])
        expect(names).not.toContain(n);
      const compliance = d.audit.metrics.find((m) => m.name === "% Compliance")!;
      expect([compliance.current, compliance.currentPeriod]).toEqual([1, "66"]);
      expect(compliance.target).toBeCloseTo(0.9793, 4);
      const next = d.audit.metrics.find((m) => m.name === "Hours Next Sprint")!;
      expect([next.current, next.currentPeriod]).toEqual([364, "65"]);
      expect(next.warnings.map((w) => w.message)).toContain(
        "'Hours Next Sprint' has no number for the latest period, 66 (the cell holds #N/A): its current value is 65's.",
      );
      expect(d.table.notes).toContain(
        "Not metrics: 'Estimated Total SP', 'Estimated SP Planned', 'Estimated SP Unplanned' (a target, plan or forecast with no metric of their name on the sheet).",
      );
    },
  );
});
