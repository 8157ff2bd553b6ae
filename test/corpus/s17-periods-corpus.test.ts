/**
 * Periods on the real KPI workbooks in ../shared/corpus (issue 13, classes 5 and 6): on every
 * sheet of every workbook, whatever layout reads it, a metric's current value is never a
 * total, YTD, average or full-year column, never a target / plan / budget column, and its
 * period is the latest one with a number in its row. Without the corpus the suite is skipped
 * with a warning.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { decide } from "../../src/governance/decide";
import { cellAt, columnLetter, type Grid } from "../../src/governance/grid";
import { classifyHeader, isAggregateHeader, periodRank } from "../../src/governance/headers";

interface Workbook {
  sheetNames: string[];
  readGrid(name: string): Grid;
}

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const available = fs.existsSync(CORPUS);
if (!available) console.warn(`s17-periods-corpus: skipped (no corpus at ${CORPUS})`);
const suite = available ? describe : describe.skip;

const files = available
  ? fs
      .readdirSync(CORPUS)
      .filter((f) => f.endsWith(".xlsx"))
      .sort()
  : [];

function open(file: string): Workbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openWorkbook } = require("../../src/xlsx") as { openWorkbook(bytes: Uint8Array): Workbook };
  return openWorkbook(new Uint8Array(fs.readFileSync(path.join(CORPUS, file))));
}

suite("current periods on the corpus", () => {
  test.each(files.map((f) => [f]))("%s: no current value is a total, YTD or target", (file) => {
    const wb = open(file);
    let audited = 0;
    for (const sheet of wb.sheetNames) {
      const grid = wb.readGrid(sheet);
      const d = decide({ grid, plan: false });
      if (!d.ok) continue;
      const t = d.table;
      for (const m of d.audit.metrics) {
        if (m.currentCell === null) continue;
        audited++;
        const where = `${sheet}!${columnLetter(m.currentCell.col)}${m.currentCell.row + 1} (${m.name})`;
        if (m.currentPeriod) {
          expect([where, isAggregateHeader(m.currentPeriod)]).toEqual([where, false]);
          expect([where, periodRank(m.currentPeriod)]).not.toEqual([where, 5]);
        }
        if ((t.orientation ?? "rows") !== "rows") continue;
        // The header over the current value is no target, plan or budget.
        const header = t.headers[m.currentCell.col] ?? "";
        expect([where, header, classifyHeader(header, false).kind]).not.toEqual([where, header, "reference"]);
        // The latest period with a number in the metric's row is the current one.
        const later = t.valueColumns.filter((c) => c > m.currentCell!.col);
        const laterNumbers = later.filter((c) => typeof cellAt(grid, m.currentCell!.row, c) === "number");
        if (t.currentColumn !== null && later.length > 0)
          expect([where, laterNumbers.map(columnLetter)]).toEqual([where, []]);
      }
    }
    expect(audited).toBeGreaterThan(0);
  });
});
