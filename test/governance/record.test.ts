import { recordComment, recordWidths, STANDARD_WIDTH_POINTS, widthsToRestore } from "../../src/governance/record";

describe("widths to give back on removal", () => {
  test("the recorded widths, null where the person's own width was kept", () => {
    expect(widthsToRestore(recordWidths(recordComment([48, null, 30])), 3)).toEqual([48, null, 30]);
  });

  test("a record whose comment was lost (a LibreOffice round trip) gives back the standard width", () => {
    expect(widthsToRestore(recordWidths(null), 4)).toEqual([48, 48, 48, 48].map(() => STANDARD_WIDTH_POINTS));
    expect(widthsToRestore(recordWidths("not ours"), 2)).toEqual([STANDARD_WIDTH_POINTS, STANDARD_WIDTH_POINTS]);
  });

  test("a record shorter than its range gives the standard width to the columns it does not cover", () => {
    expect(widthsToRestore([null], 3)).toEqual([null, STANDARD_WIDTH_POINTS, STANDARD_WIDTH_POINTS]);
  });
});
