/** The one column-width conversion both hosts use (issue 11, item 7). */
import { columnWidthToPoints, pointsToColumnWidth, STANDARD_WIDTH_POINTS } from "../../src/governance/width";

describe("column widths: characters (the file's unit) and points (Office.js)", () => {
  test("Excel's standard width, 8.43 characters stored as 9.140625, is 64 pixels: 48 points", () => {
    expect(columnWidthToPoints(9.140625)).toBe(STANDARD_WIDTH_POINTS);
    expect(pointsToColumnWidth(48)).toBeCloseTo(9.14, 2);
  });

  test("60 characters is 420 pixels, 315 points (not 60 * 7 = 420 points)", () => {
    expect(columnWidthToPoints(60)).toBe(315);
    expect(columnWidthToPoints(120)).toBe(630); // 840 pixels
  });

  test("every whole-pixel width in points survives the round trip", () => {
    for (let px = 1; px < 1000; px++) {
      const points = (px * 3) / 4;
      expect([px, columnWidthToPoints(pointsToColumnWidth(points))]).toEqual([px, points]);
    }
  });

  test("nothing and negative widths are 0", () => {
    expect(columnWidthToPoints(0)).toBe(0);
    expect(columnWidthToPoints(-3)).toBe(0);
    expect(pointsToColumnWidth(0)).toBe(0);
  });
});
