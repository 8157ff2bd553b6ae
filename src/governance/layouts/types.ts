/**
 * One reader per layout of KPI table. Each turns a sheet into the candidate tables it sees
 * in its own layout, scored by `KpiTable.confidence` (0..1), and says nothing about the
 * others: detect.ts asks every reader and keeps the best. A new layout is one new file
 * here (and its placer in ../place), one line in ./index.ts, and one test file.
 */
import type { Grid } from "../grid";
import type { DetectHints, KpiTable, Orientation } from "../types";

export interface LayoutReader {
  orientation: Orientation;
  /**
   * The tables of this layout on the sheet (inside `hints.within` when given), best first;
   * [] when there are none. Each has `orientation` set to the reader's.
   */
  read(grid: Grid, hints: DetectHints): KpiTable[];
}
