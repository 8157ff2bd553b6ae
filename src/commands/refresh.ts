/// <reference types="office-js" />
/**
 * The ribbon's "Refresh governance" command, without the pane: read the active sheet, audit
 * it and write the governance columns, highlighting and summary sheets, as the pane's button
 * does. Resolves to a sentence saying what it did; throws an Error whose message is for the
 * person (nothing is written when it throws).
 */
import { readSheet, applyPlanToWorkbook } from "../excel/host";
import { decide, quoteSheetName } from "../governance";
import { summaryOnlyNote } from "../governance/plan";

/**
 * The most cells the ribbon command reads. Excel gives a function command 5 minutes before it
 * ends it half done; the pane has no such limit. 300,000 cells is 3 to 4 read requests and one
 * write batch of each kind (the fake's measure: bench/ has no Excel to time it in), well
 * inside that limit on any connection where the pane itself is usable.
 */
export const RIBBON_MAX_CELLS = 300_000;

export async function refreshGovernance(context: Excel.RequestContext): Promise<string> {
  const read = await readSheet(context, {
    maxCells: RIBBON_MAX_CELLS,
    maxCellsAdvice:
      "That is too large to refresh from the ribbon: open the Decision Map pane and use Refresh governance there.",
  });
  const decided = decide({ grid: read.grid });
  if (!decided.ok) throw new Error(decided.message);
  if (read.conflict) throw new Error(read.conflict);
  const planned = decided.plan!;
  if (!planned.ok) throw new Error(planned.message);
  await applyPlanToWorkbook(context, planned.plan);
  const s = decided.audit.summary;
  // A protected sheet (or a pivot) got only the summary sheets: say so in the same words.
  const only = summaryOnlyNote(decided.table);
  return `Governance refreshed on ${quoteSheetName(decided.table.sheetName)}: ${s.ratio}.${only ? ` ${only}` : ""}`;
}
