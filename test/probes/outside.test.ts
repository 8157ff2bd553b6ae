/**
 * Probe failures whose cause lay in the layout readers rather than the file host, kept as
 * small grid tests beside the probes. Each states the input and what came out before the fix.
 */
import { detectKpiTable } from "../../src/governance/detect";
import type { CellValue } from "../../src/governance/grid";
import { grid } from "../helpers/grids";

describe("long exports", () => {
  /**
   * Input (sheet 'Export'): A1:D13 a long export Metric | Month | Value | Service (Revenue ($k)
   * and NPS × Cloud and Support × Apr..Jun 2024), two empty rows, then a small lookup block
   * A16:B18 `Owner | Email`, `Dana Lee | dana@example.com`, `Sam Roe | sam@example.com`
   * (an Excel table 'People' in the probe; plain cells here fail the same way).
   * Output before the fix: 7 metrics — the 4 right ones plus "Owner · ", "Dana Lee · ", "Sam Roe · ",
   * read from the block under the export across the blank rows (CLI: "7 metrics in
   * Export!A2:A18, a long export …"). Expected: the 4 metrics of A1:D13 only.
   * Cause: src/governance/layouts/long.ts read records past the blank rows that end the export.
   */
  it("stops at the blank rows that end the export: a block under it is no records", () => {
    const rows: CellValue[][] = [["Metric", "Month", "Value", "Service"]];
    for (const m of ["Revenue ($k)", "NPS"])
      for (const s of ["Cloud", "Support"]) for (const d of [45383, 45413, 45444]) rows.push([m, d, 10, s]);
    rows.push([null, null, null, null], [null, null, null, null]);
    rows.push(["Owner", "Email"], ["Dana Lee", "dana@example.com"], ["Sam Roe", "sam@example.com"]);
    const g = grid(rows, { numberFormats: rows.map((r, i) => (i === 0 ? [] : [null, "mmm-yy"])) });
    const d = detectKpiTable(g);
    if (!d.ok) throw new Error(d.message);
    expect(d.table.orientation).toBe("long");
    expect(d.table.metrics.map((m) => m.name)).toEqual([
      "Revenue ($k) · Cloud",
      "Revenue ($k) · Support",
      "NPS · Cloud",
      "NPS · Support",
    ]);
  });
});
