/** Runs a block of host tests once for each ExcelApi version the fake can be: the manifest's minimum, 1.13 and the newest. */
import { FakeExcel, MANIFEST_EXCEL_API, NEWEST_EXCEL_API } from "./fake";

export const VERSIONS = [MANIFEST_EXCEL_API, "1.13", NEWEST_EXCEL_API];

export function atEachVersion(tests: (version: string) => void): void {
  describe.each(VERSIONS)("as ExcelApi %s", (version) => {
    beforeAll(() => {
      FakeExcel.version = version;
    });
    afterAll(() => {
      FakeExcel.version = MANIFEST_EXCEL_API;
      delete (globalThis as { Office?: unknown }).Office;
      delete (globalThis as { Excel?: unknown }).Excel;
    });
    tests(version);
  });
}

/** Whether ExcelApi `a` is at least `b`. */
export function atLeast(a: string, b: string): boolean {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  return x[0] > y[0] || (x[0] === y[0] && x[1] >= y[1]);
}
