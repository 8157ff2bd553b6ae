/**
 * A workbook in the 1904 date system (<workbookPr date1904="1"/>, old Mac workbooks): the
 * file host reads its dates as the 1900-system serials the core reads periods by, and leaves
 * every other number as it is.
 */
import { openWorkbook } from "../../src/xlsx";
import { MONTHS, packageOf, baseLayout, FEATURES, type Ctx } from "./make";

function book(date1904: boolean) {
  const b = baseLayout("columns");
  const x: Ctx = { ...b, layout: "columns", forbidden: [] };
  if (date1904) FEATURES.date1904(x);
  // A number in General format and an ISO date cell (t="d", always 1900-based in the grid).
  x.sheet.cells[1][7] = 43830;
  x.sheet.cells[2][7] = { t: "d", v: "2024-06-01", s: 4 };
  return openWorkbook(packageOf(x.book)).readGrid("Monthly");
}

describe("the 1904 date system", () => {
  it("reads date-formatted serials as the same dates in the 1900 system", () => {
    const g = book(true);
    expect(g.values.slice(1, 7).map((r) => r[0])).toEqual(MONTHS);
    expect(
      book(false)
        .values.slice(1, 7)
        .map((r) => r[0]),
    ).toEqual(MONTHS);
  });

  it("leaves numbers that are no dates, and ISO date cells, as they are", () => {
    const g = book(true);
    expect(g.values[1][7]).toBe(43830);
    expect(g.values[2][7]).toBe(45444);
    expect(g.values[6][1]).toBe(150);
    expect(g.values[6][2]).toBe(0.034);
  });
});
