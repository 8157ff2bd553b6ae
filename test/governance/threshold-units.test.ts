/** A threshold is compared in the unit the sheet shows, in the direction the sheet states. */
import { isBreached, parseThreshold } from "../../src/governance/threshold";

test.each([
  ["percent-points" as const, 7, "> 8%", 8, false],
  ["percent-points" as const, 9, "> 8%", 8, true],
  ["percent-fraction" as const, 0.07, "> 8%", 0.08, false],
  ["percent-fraction" as const, 0.09, "> 8%", 0.08, true],
  ["percent-points" as const, 3.4, "> 3", 3, true],
])("unit %s: %d against '%s' (trigger %d) breached=%s", (unit, current, answer, value, breached) => {
  const t = parseThreshold(answer, { name: "Error rate", unit, current }).threshold!;
  expect(t.value).toBe(value);
  expect(isBreached(t, current)).toBe(breached);
});

test("the sheet's direction decides a bare number over the name's", () => {
  // "Revenue" is low-is-bad by name; the sheet says it trips when it goes above.
  const fromSheet = parseThreshold("100", { name: "Revenue", unit: "number", direction: "above" }).threshold!;
  expect(fromSheet.direction).toBe("above");
  const fromName = parseThreshold("100", { name: "Revenue", unit: "number" }).threshold!;
  expect(fromName.direction).toBe("below");
});

test("a typed comparator wins over the sheet's direction", () => {
  const t = parseThreshold("< 40", { name: "Cycle time", unit: "number", direction: "above" }).threshold!;
  expect(t.direction).toBe("below");
  expect(t.directionFromName).toBe(false);
});

test("with no word in the name, the sheet's direction is what makes a bare number a trigger", () => {
  expect(parseThreshold("12", { name: "Widget index", unit: "number" }).reasons[0]?.code).toBe(
    "threshold-direction-unknown",
  );
  expect(parseThreshold("12", { name: "Widget index", unit: "number", direction: "below" }).threshold?.direction).toBe(
    "below",
  );
});
