/** The KPI workbook the Excel host tests share, in the fake, and the plan the core makes for it. */
import { decide } from "../../src/governance/decide";
import type { WritePlan } from "../../src/governance/types";
import { readSheet } from "../../src/excel/host";
import { FakeExcel } from "./fake";

export const MONTHS = ["Oct", "Nov", "Dec"];

/** A KPI sheet with `n` metrics from row 3: title, Metric, Oct..Dec, Target, a partly filled Owner column. */
export function workbook(n: number, sheetName = "Dashboard"): FakeExcel {
  const excel = new FakeExcel();
  const s = excel.addSheet(sheetName);
  s.set(0, 0, "Acme KPIs");
  ["Metric", ...MONTHS, "Target", "Owner"].forEach((h, c) => s.set(2, c, h));
  for (let i = 0; i < n; i++) {
    const row = 3 + i;
    s.set(row, 0, i % 2 === 0 ? `Churn ${i}` : `NPS ${i}`);
    MONTHS.forEach((_, m) =>
      s.set(row, 1 + m, i % 2 === 0 ? 0.03 + m * 0.002 : 40 - m, i % 2 === 0 ? "0.0%" : undefined),
    );
    s.set(row, 4, i % 2 === 0 ? 0.025 : 45, i % 2 === 0 ? "0.0%" : undefined);
    if (i % 3 === 0) s.set(row, 5, i % 2 === 0 ? "Dana Lee" : "Sales team");
  }
  excel.addSheet("Notes").set(0, 0, "notes");
  return excel;
}

/** Reads the active sheet through the Excel host and plans the write the core would make. */
export async function plan(
  excel: FakeExcel,
  answers = new Map<string, { owner?: string; threshold?: string; lever?: string }>(),
): Promise<WritePlan> {
  const { grid } = await readSheet(excel.context());
  const decided = decide({ grid, answers });
  if (!decided.ok) throw new Error(decided.message);
  const result = decided.plan!;
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}
