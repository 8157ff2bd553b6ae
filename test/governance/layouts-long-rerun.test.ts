/**
 * A long export re-run after a new period's rows arrived: each metric's current row is the
 * new one. The earlier run's verdicts on last month's rows are cleared (only cells holding our
 * verdict text, never a formula or the person's note), and the answers the person typed on
 * last month's rows are written again on the new rows, so nothing is lost. Through the grid,
 * the Excel fake and the file writer, on synthetic sheets and on the hospital export.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { metricKey } from "../../src/governance/audit";
import { decide } from "../../src/governance/decide";
import { cellAt, cellText, type CellValue, type Grid } from "../../src/governance/grid";
import type { Answers, WritePlan } from "../../src/governance/types";
import { applyPlanToWorkbook, readSheet } from "../../src/excel/host";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { fakeFromGrid } from "../excel/from-grid";
import { grid, withPlanWritten } from "../helpers/grids";
import { excelRuleProblems, lostProblems, schemaProblems } from "../helpers/ooxml";

type Given = Map<string, Partial<Answers>>;

function planOf(g: Grid, answers?: Given): WritePlan {
  const d = decide({ grid: g, answers });
  if (!d.ok) throw new Error(d.message);
  if (!d.plan?.ok) throw new Error(d.plan ? d.plan.message : "no plan");
  expect(d.table.orientation).toBe("long");
  return d.plan.plan;
}

const written = withPlanWritten;

function withRows(g: Grid, rows: CellValue[][]): Grid {
  return { ...g, values: [...g.values, ...rows].map((r) => [...r]) };
}

const text = (g: Grid, row: number, col: number) => cellText(cellAt(g, row, col));

const JAN: CellValue[][] = [
  ["Month", "Metric", "Site", "Value"],
  ["Jan 2024", "NPS", "Paris", 40],
  ["Jan 2024", "NPS", "Lyon", 30],
  ["Jan 2024", "Churn %", "Paris", 3],
];
const FEB: CellValue[][] = [
  ["Feb 2024", "NPS", "Paris", 41],
  ["Feb 2024", "NPS", "Lyon", 33],
  ["Feb 2024", "Churn %", "Paris", 4],
];
// Governance goes right of the table: Owner E (4), Threshold F (5), Lever G (6), Governance H (7).
const [OWNER, THRESHOLD, LEVER, GOVERNANCE] = [4, 5, 6, 7];

describe("a long export re-run after a new period's rows arrived", () => {
  function firstRun(): Grid {
    const g = grid(JAN);
    const answers: Given = new Map([
      [metricKey("NPS · Paris"), { owner: "Dana Lee", threshold: "< 30" }],
      [metricKey("Churn % · Paris"), { owner: "Sam Roe", threshold: "> 5", lever: "call every lost account" }],
    ]);
    const plan = planOf(g, answers);
    expect(plan.columns.map((c) => [c.kind, c.col])).toEqual([
      ["owner", OWNER],
      ["threshold", THRESHOLD],
      ["lever", LEVER],
      ["governance", GOVERNANCE],
    ]);
    const after = written(g, plan);
    // The person types a lever on Lyon's January row, by hand.
    after.values[2][LEVER] = "run a call-back day";
    return after;
  }

  test("last month's verdicts are cleared, the answers move to the new rows, nothing typed is lost", () => {
    const jan = firstRun();
    expect(text(jan, 1, GOVERNANCE)).toMatch(/^INCOMPLETE|^VANITY|^DECISION-READY/);
    const g = withRows(jan, FEB);
    const plan = planOf(g);
    const after = written(g, plan);
    // January's verdicts (rows 1-3) are gone; February's rows (4-6) have theirs.
    for (const row of [1, 2, 3]) expect(text(after, row, GOVERNANCE)).toBe("");
    for (const row of [4, 5, 6]) expect(text(after, row, GOVERNANCE)).toMatch(/^(INCOMPLETE|VANITY|DECISION-READY)/);
    // The answers, typed or given on January's rows, are on February's rows now…
    expect([4, 5, 6].map((r) => [text(after, r, OWNER), text(after, r, THRESHOLD), text(after, r, LEVER)])).toEqual([
      ["Dana Lee", "< 30", ""],
      ["", "", "run a call-back day"],
      ["Sam Roe", "> 5", "call every lost account"],
    ]);
    // …and January's stay where the person put them: their cells are never cleared.
    expect([1, 2, 3].map((r) => [text(after, r, OWNER), text(after, r, LEVER)])).toEqual([
      ["Dana Lee", ""],
      ["", "run a call-back day"],
      ["Sam Roe", "call every lost account"],
    ]);
    // The verdict reads the carried answers: Churn % · Paris is decision-ready on its new row.
    const d = decide({ grid: after, plan: false });
    if (!d.ok) throw new Error(d.message);
    expect(d.audit.metrics.map((m) => [m.name, m.row, m.current, m.currentPeriod, m.status])).toEqual([
      ["NPS · Paris", 4, 41, "Feb 2024", "vanity"],
      ["NPS · Lyon", 5, 33, "Feb 2024", "vanity"],
      ["Churn % · Paris", 6, 4, "Feb 2024", "decision-ready"],
    ]);
    expect(d.audit.metrics.map((m) => m.sources.owner)).toEqual(["sheet", "none", "sheet"]);
  });

  test("a re-run of the same month is stable: nothing more to clear or carry", () => {
    const g = withRows(firstRun(), FEB);
    const once = written(g, planOf(g));
    const plan = planOf(once);
    expect(plan.cells.filter((c) => c.value === null)).toEqual([]);
    // Only the verdicts (rows 4-6) are written again.
    expect(plan.cells.filter((c) => c.row > 0).map((c) => [c.row, c.col])).toEqual([
      [4, GOVERNANCE],
      [5, GOVERNANCE],
      [6, GOVERNANCE],
    ]);
    expect(written(once, plan).values).toEqual(once.values);
  });

  test("only our verdicts are cleared: a note or a formula in the Governance column of an old row stays", () => {
    const jan = firstRun();
    jan.values[2][GOVERNANCE] = "Checked with Lyon on 3 Feb";
    // A formula of the person's that shows a word like ours: still theirs.
    jan.values[3][GOVERNANCE] = "VANITY: too high";
    const formulas = jan.values.map((r) => r.map(() => undefined as boolean | undefined));
    formulas[3][GOVERNANCE] = true;
    const g = withRows({ ...jan, formulas }, FEB);
    const plan = planOf(g);
    expect(plan.cells.filter((c) => c.value === null).map((c) => [c.row, c.col])).toEqual([[1, GOVERNANCE]]);
    const after = written(g, plan);
    expect(text(after, 2, GOVERNANCE)).toBe("Checked with Lyon on 3 Feb");
  });

  test("a new answer typed on the new row wins over last month's", () => {
    const g = withRows(firstRun(), FEB);
    g.values[4][OWNER] = "Ana Diaz";
    const plan = planOf(g);
    const after = written(g, plan);
    expect(text(after, 4, OWNER)).toBe("Ana Diaz");
    expect(text(after, 4, THRESHOLD)).toBe("< 30");
    expect(plan.cells.some((c) => c.row === 4 && c.col === OWNER)).toBe(false);
  });

  test("a number typed as a threshold is carried as a number", () => {
    const jan = firstRun();
    jan.values[2][THRESHOLD] = 25;
    const after = written(withRows(jan, FEB), planOf(withRows(jan, FEB)));
    expect(cellAt(after, 5, THRESHOLD)).toBe(25);
  });

  test("the Excel fake: the old verdict cells are emptied, the new rows get answers and verdicts", async () => {
    const jan = firstRun();
    const excel = fakeFromGrid(jan);
    const s = excel.sheet(jan.sheetName);
    FEB.forEach((r, i) => r.forEach((v, c) => s.set(4 + i, c, v as string | number)));
    const read = await readSheet(excel.context());
    const plan = planOf(read.grid);
    await applyPlanToWorkbook(excel.context(), plan);
    for (const row of [1, 2, 3]) expect(s.get(row, GOVERNANCE)?.value ?? null).toBeNull();
    expect(String(s.get(4, GOVERNANCE)?.value)).toMatch(/^(INCOMPLETE|VANITY|DECISION-READY)/);
    expect(s.get(4, OWNER)?.value).toBe("Dana Lee");
    expect(s.get(5, LEVER)?.value).toBe("run a call-back day");
    expect(s.get(2, LEVER)?.value).toBe("run a call-back day");
  });
});

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const HOSPITAL = path.join(CORPUS, "hospital_overtime_kpi_long_format_target_status.xlsx");
const available = existsSync(HOSPITAL);
if (!available) console.warn(`long re-run corpus test: skipped (no corpus at ${CORPUS})`);

(available ? describe : describe.skip)("hospital: the October export arrives", () => {
  test("September's verdicts are cleared, answers carried to October's rows, the file stays valid", () => {
    const OT = "Overtime Dollars - % (Finance)";
    const input = new Uint8Array(readFileSync(HOSPITAL));
    const sep = openWorkbook(input).readGrid("Sheet1");
    const answers: Given = new Map([[metricKey(`${OT} · ED · MSH`), { owner: "Sam Roe", threshold: "> 10%" }]]);
    const plan1 = planOf(sep, answers);
    const bytes1 = applyPlan(input, plan1);
    const g1 = openWorkbook(bytes1).readGrid("Sheet1");
    const gov = plan1.columns.find((c) => c.kind === "governance")!.col;
    const owner = plan1.columns.find((c) => c.kind === "owner")!.col;
    // Row 19 (0-based 18) is ED · MSH: Service A, Site B, period E ("Sep 2021") and F ("09-2021"), value G.
    expect([text(g1, 18, 0), text(g1, 18, 1), text(g1, 18, 4)]).toEqual(["ED", "MSH", "Sep 2021"]);
    expect(text(g1, 18, owner)).toBe("Sam Roe");
    // October: every September row again, one period later, under the table.
    const last = g1.values.length;
    const oct = g1.values.slice(1, last).map((r) => {
      const row = [...r].slice(0, 9);
      row[4] = "Oct 2021";
      row[5] = "10-2021";
      return row;
    });
    const g2 = withRows(g1, oct);
    const d = decide({ grid: g2 });
    if (!d.ok || !d.plan?.ok) throw new Error("refused");
    expect(d.table.orientation).toBe("long");
    expect(d.audit.metrics).toHaveLength(44);
    expect(new Set(d.audit.metrics.map((m) => m.currentPeriod))).toEqual(new Set(["Oct 2021"]));
    const plan2 = d.plan.plan;
    const cleared = plan2.cells.filter((c) => c.value === null);
    expect(cleared).toHaveLength(44);
    expect(cleared.every((c) => c.col === gov && c.row >= 1 && c.row < last)).toBe(true);
    const edMsh = d.audit.metrics.find((m) => m.name === `${OT} · ED · MSH`)!;
    expect(edMsh.row).toBe(18 + last - 1);
    expect(plan2.cells.find((c) => c.row === edMsh.row && c.col === owner)?.value).toBe("Sam Roe");
    // The file writer empties the old verdict cells and stays valid.
    const bytes2 = applyPlan(bytes1, plan2);
    const g3 = openWorkbook(bytes2).readGrid("Sheet1");
    for (let r = 1; r < last; r++) expect(text(g3, r, gov)).toBe("");
    expect(text(g3, 18, owner)).toBe("Sam Roe");
    expect(text(g3, edMsh.row, owner)).toBe("Sam Roe");
    expect(text(g3, 18, 8)).toBe(text(g1, 18, 8));
    const elsewhere = (p: string) => /^xl\/workbook\.xml|docProps\/app\.xml/.test(p);
    return Promise.all([schemaProblems(bytes1, bytes2), Promise.resolve(excelRuleProblems(bytes2))]).then(
      ([schema, rules]) => {
        expect(schema.filter((p) => !elsewhere(p))).toEqual([]);
        expect(rules.filter((p) => !elsewhere(p))).toEqual([]);
        expect(lostProblems(bytes1, bytes2, plan2)).toEqual([]);
      },
    );
  }, 60000);
});
