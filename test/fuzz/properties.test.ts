/**
 * Property-based tests over generated sheets (see arbitraries.ts). The seed is fixed (FUZZ_SEED,
 * else 20261124) so CI is repeatable; fast-check prints the seed and the shrunk case on a
 * failure, and FUZZ_SEED=<seed> FUZZ_RUNS=<n> replays or widens a run.
 */
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { auditTable, metricKey } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import { cellAt, isEmptyValue, type Grid } from "../../src/governance/grid";
import { planWrite } from "../../src/governance/plan";
import type { Answers, WritePlan } from "../../src/governance/types";
import { asTypedText } from "../../src/excel/convert";
import { applyPlanToWorkbook, readSheet } from "../../src/excel/host";
import { FakeExcel } from "../excel/fake";
import { applyPlan, openWorkbook } from "../../src/xlsx";
import { judgeLever } from "../../src/governance/lever";
import { LEVER_MAX_CHARS, OWNER_MAX_CHARS, THRESHOLD_MAX_CHARS } from "../../src/governance/lexicon";
import { judgeOwner } from "../../src/governance/owner";
import { parseThreshold } from "../../src/governance/threshold";
import { classifyHeader } from "../../src/governance/headers";
import {
  anyGrid,
  kpiSheet,
  longText,
  repeatedText,
  RUNS,
  SEED,
  sheetToXlsx,
  text,
  xmlSafeGrid,
  type SheetSpec,
} from "./arbitraries";

fc.configureGlobal({ seed: SEED, numRuns: RUNS });
beforeAll(() => console.log(`fast-check: seed ${SEED}, ${RUNS} runs a property (FUZZ_SEED / FUZZ_RUNS to change)`));

/** Detect, audit (with `answers` for the metrics), plan: null where there is no KPI table. */
function planFor(
  grid: Grid,
  answers = new Map<string, Partial<Answers>>(),
): { plan: WritePlan; governance: number[] } | null {
  const detected = detectKpiTable(grid);
  if (!detected.ok) return null;
  const audit = auditTable({ grid, table: detected.table, answers, answersSource: "ask" });
  const planned = planWrite(grid, audit);
  if (!planned.ok) return null;
  const g = detected.table.governance;
  const governance = [g.governance].filter((c): c is number => c !== null);
  return { plan: planned.plan, governance };
}

/** Answers for each metric name from a pool of typed text. */
const answered = (spec: SheetSpec, pool: string[]) => {
  const answers = new Map<string, Partial<Answers>>();
  const detected = detectKpiTable(spec.grid);
  if (!detected.ok) return answers;
  detected.table.metrics.forEach((m, i) => {
    const pick = (k: number) => pool[(i * 3 + k) % pool.length];
    answers.set(metricKey(m.name), { owner: pick(0), threshold: pick(1), lever: pick(2) });
  });
  return answers;
};

// Long and repeated text is also mixed into `text`, so every property below meets it in cells
// and answers; a judge that backtracks or rescans per word stalls these properties until
// jest's timeout fails them.
describe("the judges on long and repeated text", () => {
  test("never throw, and past each length cap give the cap's verdict, saying so", () => {
    fc.assert(
      fc.property(fc.oneof(repeatedText, longText), (s) => {
        const t = s.trim();
        const owner = judgeOwner(s);
        const lever = judgeLever(s);
        const threshold = parseThreshold(s, { name: "Churn", unit: "percent-fraction" });
        classifyHeader(s, false);
        if (t.length > OWNER_MAX_CHARS) expect(owner.reasons[0]?.message).toMatch(/so no more is read/);
        if (t.length > LEVER_MAX_CHARS) expect(lever.reasons[0]?.message).toMatch(/so no more is read/);
        if (t.length > THRESHOLD_MAX_CHARS) expect(threshold.reasons[0]?.message).toMatch(/so no more is read/);
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });
});

describe("properties over generated sheets", () => {
  test("the audit and the plan never throw, on any grid", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyGrid,
          kpiSheet.map((s) => s.grid),
        ),
        (grid) => {
          planFor(grid);
        },
      ),
    );
  });

  test("a plan never targets a non-empty cell that is not a recognized governance cell", () => {
    let planned = 0;
    fc.assert(
      fc.property(kpiSheet, fc.array(text, { minLength: 3, maxLength: 9 }), (spec, pool) => {
        const result = planFor(spec.grid, answered(spec, pool));
        if (!result) return;
        planned++;
        for (const c of result.plan.cells) {
          const before = cellAt(spec.grid, c.row, c.col);
          if (isEmptyValue(before) || result.governance.includes(c.col)) continue;
          // The only other write allowed on a filled cell is the same text again (a header).
          expect([c.row, c.col, before]).toEqual([c.row, c.col, c.value]);
        }
      }),
    );
    expect(planned).toBeGreaterThan(RUNS / 4); // the property was not vacuous
  });

  test("text a person typed is never a formula: the .xlsx host keeps it as text, the Excel host marks it", () => {
    fc.assert(
      fc.property(kpiSheet, fc.array(text, { minLength: 3, maxLength: 9 }), (raw, pool) => {
        const spec = xmlSafeGrid(raw);
        const safePool = pool.map(
          (t) => xmlSafeGrid({ grid: { ...spec.grid, values: [[t]] }, dates: new Set() }).grid.values[0][0] as string,
        );
        const result = planFor(spec.grid, answered(spec, safePool));
        if (!result) return;
        const bytes = applyPlan(sheetToXlsx(spec), result.plan);
        const wb = openWorkbook(bytes);
        const after = wb.readGrid(spec.grid.sheetName);
        for (const c of result.plan.cells) {
          if (typeof c.value !== "string") continue;
          expect([c.row, c.col, after.formulas?.[c.row]?.[c.col] ?? false]).toEqual([c.row, c.col, false]);
          expect([c.row, c.col, cellAt(after, c.row, c.col)]).toEqual([c.row, c.col, c.value === "" ? null : c.value]);
          // In Excel, a value that Excel would read as a formula or a number goes in with its text mark.
          const typed = asTypedText(c.value);
          if (/^[=+\-@']/.test(c.value) || (Number.isFinite(Number(c.value.trim())) && c.value.trim() !== ""))
            expect(typed).toBe(`'${c.value}`);
          if (typed !== c.value) expect(typed).toBe(`'${c.value}`);
        }
      }),
    );
  });

  test("audit, apply, audit, apply gives the same sheet (.xlsx host)", () => {
    let applied = 0;
    fc.assert(
      fc.property(kpiSheet, fc.array(text, { minLength: 3, maxLength: 9 }), (raw, pool) => {
        const spec = xmlSafeGrid(raw);
        const first = planFor(
          spec.grid,
          answered(
            spec,
            pool.map((t) => t.replace(/[\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g, "?")),
          ),
        );
        if (!first) return;
        applied++;
        const once = applyPlan(sheetToXlsx(spec), first.plan);
        const grid1 = openWorkbook(once).readGrid(spec.grid.sheetName);
        const second = planFor(grid1);
        expect(second).not.toBeNull();
        const twice = applyPlan(once, second!.plan);
        const grid2 = openWorkbook(twice).readGrid(spec.grid.sheetName);
        expect(grid2.values).toEqual(grid1.values);
        // The whole sheet part, rules and widths included, is the same after the second apply.
        const sheetXml = (b: Uint8Array) => strFromU8(unzipSync(b)["xl/worksheets/sheet1.xml"]);
        expect(sheetXml(twice)).toBe(sheetXml(once));
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 2)) },
    );
    expect(applied).toBeGreaterThan(RUNS / 8); // not vacuous
  });
});

describe("properties through the Excel host (office-addin-mock fake)", () => {
  /** The generated sheet in a fake workbook, values as Excel holds them. */
  function fakeWith(spec: SheetSpec): FakeExcel {
    const excel = new FakeExcel();
    const s = excel.addSheet(spec.grid.sheetName);
    spec.grid.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const stored = typeof v === "object" ? v.error : v;
        s.set(r, c, stored, spec.grid.numberFormats?.[r]?.[c] ?? undefined);
      }),
    );
    return excel;
  }

  async function planExcel(excel: FakeExcel, answers?: Map<string, Partial<Answers>>): Promise<WritePlan | null> {
    const { grid } = await readSheet(excel.context());
    return planFor(grid, answers)?.plan ?? null;
  }

  test("typed text never becomes a formula, and audit, apply, audit, apply gives the same sheet", async () => {
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(kpiSheet, fc.array(text, { minLength: 3, maxLength: 9 }), async (spec, pool) => {
        const excel = fakeWith(spec);
        const sheet = excel.sheet(spec.grid.sheetName);
        const formulasBefore = [...sheet.cells.values()].filter((c) => c.formula).length;
        const first = await planExcel(excel, answered(spec, pool));
        if (!first) return;
        applied++;
        await applyPlanToWorkbook(excel.context(), first);
        expect([...sheet.cells.values()].filter((c) => c.formula).length).toBe(formulasBefore);
        for (const c of first.cells) {
          if (typeof c.value === "string" && c.value !== "") expect(sheet.get(c.row, c.col)?.value).toBe(c.value);
        }
        const once = sheet.snapshot();
        const second = await planExcel(excel);
        expect(second).not.toBeNull();
        await applyPlanToWorkbook(excel.context(), second!);
        expect(sheet.snapshot()).toBe(once);
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 4)) },
    );
    expect(applied).toBeGreaterThan(RUNS / 16); // not vacuous
    console.log(`Excel host: ${applied} sheets audited and applied twice`);
  });
});
