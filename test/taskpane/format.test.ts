import { describeThreshold, formatCellValue, isDateFormat } from "../../src/governance/format";
import { parseThreshold } from "../../src/governance/threshold";

test.each([
  [0.14, "0.0%", "14.0%"],
  [0.98, "0%", "98%"],
  [0.034, "0.0%", "3.4%"],
  [227100, "$#,##0", "$227,100"],
  [-1200, "$#,##0", "-$1,200"],
  [1200.5, "#,##0.00", "1,200.50"],
  [1.5, "0.00", "1.50"],
  [45, "0", "45"],
  [1101.54, '_-"$"* #,##0_-;\\-"$"* #,##0_-;_-"$"* "-"??_-;_-@_-', "$1,102"],
  [-1101.54, '_-"$"* #,##0_-;\\-"$"* #,##0_-;_-"$"* "-"??_-;_-@_-', "-$1,102"],
  [17.98, '_-* #,##0_-;\\-* #,##0_-;_-* "-"??_-;_-@_-', "18"],
  [2500000, '#,##0,"K"', "2,500K"],
  [44896, "mmm\\ yyyy;@", "Dec 2022"],
  [44896, "d/m/yyyy", "1/12/2022"],
  [44896, "yyyy-mm-dd", "2022-12-01"],
  [44896.5, "h:mm", "12:00"],
  [0.14, "General", "0.14"],
  [0.14, undefined, "0.14"],
  [12500, "[$€-407] #,##0", "€ 12,500"],
  [0.031, "[Red]0.0%", "3.1%"],
])("%p shown by %p is %p", (value, format, shown) => {
  expect(formatCellValue(value, format)).toBe(shown);
});

test("without a format a value falls back to its unit", () => {
  expect(formatCellValue(3, "General", "percent-points")).toBe("3%");
  expect(formatCellValue(0.034, null, "percent-fraction")).toBe("3.4%");
});

test("date formats are told from number formats", () => {
  expect(isDateFormat("mmm\\ yyyy;@")).toBe(true);
  expect(isDateFormat("d-mmm")).toBe(true);
  expect(isDateFormat("0.0%")).toBe(false);
  expect(isDateFormat('#,##0 "days"')).toBe(false);
  expect(isDateFormat("General")).toBe(false);
});

test("a parsed threshold is echoed in the cell's own format", () => {
  const metric = { name: "Net Interest Margin", unit: "percent-fraction" as const };
  const t = parseThreshold("< 5%", metric).threshold!;
  expect(describeThreshold(t, "0.0%", "percent-fraction")).toBe("alert when below 5.0%");
  const cac = parseThreshold(">= $500", { name: "CAC", unit: "number" }).threshold!;
  expect(describeThreshold(cac, "$#,##0")).toBe("alert when at or above $500");
  expect(describeThreshold(cac, "General")).toBe("alert when at or above $500");
  const churn = parseThreshold("3%", { name: "Churn", unit: "percent-fraction" }).threshold!;
  expect(describeThreshold(churn, "0.0%", "percent-fraction")).toBe("alert when at or above 3.0%");
  const ratio = parseThreshold("< 5%", { name: "Deposit Growth", unit: "number" }).threshold!;
  expect(describeThreshold(ratio, "General")).toBe("alert when below 5%");
  const points = parseThreshold("> 3", { name: "Churn %", unit: "percent-points" }).threshold!;
  expect(describeThreshold(points, null, "percent-points")).toBe("alert when above 3%");
});
