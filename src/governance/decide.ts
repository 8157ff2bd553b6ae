/**
 * The one core call: detect → audit → plan. The command line, the ribbon command, the pane
 * and the tests all go through here, so a new layout or option reaches every face at once.
 */
import { auditTable, type AuditInput } from "./audit";
import { detectKpiTable } from "./detect";
import type { Grid } from "./grid";
import { planWrite, withSheetProtection } from "./plan";
import type { Audit, DetectFailure, DetectHints, KpiTable, PlanResult } from "./types";

export interface DecideInput extends Omit<AuditInput, "table"> {
  grid: Grid;
  /** What the person chose: a range, an Excel table, a header row, a layout. */
  hints?: DetectHints;
  /** The table detected earlier, to audit again with new answers without detecting again. */
  table?: KpiTable;
  /** With `table`: the other tables found beside it then. */
  others?: KpiTable[];
  /** Plan the write too (default true); a pane that only shows the audit skips it. */
  plan?: boolean;
}

export type Decision =
  | {
      ok: true;
      table: KpiTable;
      /** Other KPI tables on the sheet, best first. */
      others: KpiTable[];
      audit: Audit;
      /** The write, or why it is refused; null when not asked for. */
      plan: PlanResult | null;
    }
  | DetectFailure;

export function decide(input: DecideInput): Decision {
  let table = input.table;
  let others: KpiTable[] = input.others ?? [];
  if (table === undefined) {
    const detected = detectKpiTable(input.grid, input.hints);
    if (!detected.ok) return detected;
    table = detected.table;
    others = detected.others ?? [];
  }
  // Nothing can be written beside the metrics of a protected sheet: the summary sheets can.
  table = withSheetProtection(input.grid, table);
  const audit = auditTable({ ...input, table });
  const plan = input.plan === false ? null : planWrite(input.grid, audit);
  return { ok: true, table, others, audit, plan };
}
