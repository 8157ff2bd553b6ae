/** The fake is only worth its strictness: each way it behaves like Excel can fail a host that does not. */
import { FakeExcel } from "./fake";

function excelAt(version: string): FakeExcel {
  const excel = new FakeExcel(version);
  const s = excel.addSheet("KPIs");
  s.set(0, 0, "Metric");
  s.set(1, 0, "Churn");
  return excel;
}

const office = () => (globalThis as unknown as { Office: typeof Office }).Office;

describe("the strict fake", () => {
  test("a member above the host's ExcelApi version is ApiNotFound", () => {
    const excel = excelAt("1.9");
    const range = excel.context().workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
    expect(() => range.getMergedAreasOrNullObject()).toThrow(/ApiNotFound/);
  });

  test("a member above the manifest's 1.9 throws unless isSetSupported said yes, even on a newer host", () => {
    const excel = excelAt("1.13");
    const context = excel.context();
    const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
    expect(() => range.getMergedAreasOrNullObject()).toThrow(/check isSetSupported\("ExcelApi", "1.13"\)/);
    expect(office().context.requirements.isSetSupported("ExcelApi", "1.14")).toBe(false);
    expect(office().context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(true);
    expect(() => range.getMergedAreasOrNullObject()).not.toThrow();
  });

  test("a call on a null object fails the sync with ItemNotFound", async () => {
    const excel = excelAt("1.9");
    const context = excel.context();
    const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
    missing.getRange("A1").load("values");
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("getItem of a sheet that is not there fails the sync with ItemNotFound; names are case-insensitive", async () => {
    const excel = excelAt("1.9");
    const context = excel.context();
    const found = context.workbook.worksheets.getItem("kpis");
    found.load("name");
    await context.sync();
    expect(found.name).toBe("KPIs");
    context.workbook.worksheets.getItem("Nope");
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("a response above 5 MB is refused and reads nothing", async () => {
    const excel = excelAt("1.9");
    const s = excel.sheet("KPIs");
    for (let r = 0; r < 3000; r++) s.set(r, 1, "x".repeat(1000));
    const context = excel.context();
    const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:B3000");
    range.load("values, formulas");
    await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  test("a request above 5 MB is refused and writes nothing", async () => {
    const excel = excelAt("1.9");
    const context = excel.context();
    const before = excel.sheet("KPIs").snapshot();
    context.workbook.worksheets.getActiveWorksheet().getRange("C1:C6000").values = Array.from({ length: 6000 }, () => [
      "y".repeat(1000),
    ]);
    await expect(context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(excel.sheet("KPIs").snapshot()).toBe(before);
  });

  test("cell-edit mode fails a batch, unless it was run with delayForCellEdit (ExcelApi 1.11, checked)", async () => {
    const excel = excelAt("1.11");
    excel.editing = true;
    await expect(excel.run(async (c: Excel.RequestContext) => c.sync())).rejects.toMatchObject({
      code: "InvalidOperationInCellEditMode",
    });
    excel.context(); // makes it the global Office
    await expect(excel.run({ delayForCellEdit: true }, async () => undefined)).rejects.toThrow(/isSetSupported/);
    office().context.requirements.isSetSupported("ExcelApi", "1.11");
    await excel.run({ delayForCellEdit: true }, async (c: Excel.RequestContext) => {
      c.workbook.worksheets.getActiveWorksheet().getRange("B2").values = [["typed"]];
      await c.sync();
    });
    expect(excel.sheet("KPIs").get(1, 1)?.value).toBe("typed");
  });

  test("a write to a protected sheet fails with AccessDenied; what ran before it in the batch stays done", async () => {
    const excel = excelAt("1.9");
    const other = excel.addSheet("Brief");
    other.protected = true;
    const context = excel.context();
    context.workbook.worksheets.getItem("KPIs").getRange("B1").values = [["written"]];
    context.workbook.worksheets.getItem("Brief").getRange("A1").values = [["refused"]];
    await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    expect(excel.sheet("KPIs").get(0, 1)?.value).toBe("written");
    expect(other.get(0, 0)).toBeUndefined();
  });

  test("adding a sheet with the workbook's structure protected fails with AccessDenied", async () => {
    const excel = excelAt("1.9");
    excel.structureProtected = true;
    const context = excel.context();
    context.workbook.worksheets.add("New");
    await expect(context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    expect(excel.sheets).toHaveLength(1);
  });

  test("change events carry source, and triggerSource only from ExcelApi 1.14", async () => {
    for (const [version, has] of [
      ["1.13", false],
      ["1.14", true],
    ] as const) {
      const excel = excelAt(version);
      const seen: { source: string; triggerSource?: string }[] = [];
      excel.sheet("KPIs").changeHandlers.push(async (e) => {
        seen.push(e);
      });
      await excel.edit("KPIs", "A2", { source: "Remote" });
      expect(seen[0].source).toBe("Remote");
      expect("triggerSource" in seen[0]).toBe(has);
    }
  });
});
