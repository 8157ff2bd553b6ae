/// <reference types="office-js" />
/**
 * The ribbon's "Refresh governance" command, without the pane: read the active sheet, audit
 * it and write the governance columns, highlighting and summary sheets, as the pane's button
 * does. Resolves to a sentence saying what it did; throws an Error whose message is for the
 * person (nothing is written when it throws).
 */
import { readSheet, applyPlanToWorkbook } from "../excel/host";
import { auditTable, detectKpiTable, planWrite, quoteSheetName } from "../governance";

export async function refreshGovernance(context: Excel.RequestContext): Promise<string> {
  const read = await readSheet(context);
  const detected = detectKpiTable(read.grid);
  if (!detected.ok) throw new Error(detected.message);
  if (read.conflict) throw new Error(read.conflict);
  const audit = auditTable({ grid: read.grid, table: detected.table });
  const planned = planWrite(read.grid, audit);
  if (!planned.ok) throw new Error(planned.message);
  await applyPlanToWorkbook(context, planned.plan);
  const s = audit.summary;
  return `Governance refreshed on ${quoteSheetName(detected.table.sheetName)}: ${s.ratio}.`;
}
