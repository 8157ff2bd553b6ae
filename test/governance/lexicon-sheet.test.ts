/** What a sheet's Direction and Unit cells say. */
import { directionFromText, trailingUnitLabel, unitLabelFrom } from "../../src/governance/lexicon";

describe("directionFromText: the direction that is bad", () => {
  test.each([
    ["Lower is better", "above"],
    ["lower is better.", "above"],
    ["↓", "above"],
    ["▼", "above"],
    ["Down is good", "above"],
    ["Minimize", "above"],
    ["Minimise", "above"],
    ["Lower", "above"],
    ["↓ lower is better", "above"],
    ["Menor es mejor", "above"],
    ["Niedriger ist besser", "above"],
    ["Higher is better", "below"],
    ["↑", "below"],
    ["Up is good", "below"],
    ["Maximize", "below"],
    ["Higher", "below"],
    ["Plus haut est mieux", "below"],
    ["Maior é melhor", "below"],
  ])("%s → %s", (text, dir) => {
    expect(directionFromText(text)).toBe(dir);
  });
  test.each([[""], ["n/a"], ["Target"], ["-"], ["On track"]])("%s says nothing", (text) => {
    expect(directionFromText(text)).toBeNull();
  });
});

describe("unitLabelFrom", () => {
  test.each([
    ["%", "%"],
    ["days", "days"],
    ["$", "$"],
    ["pts", "pts"],
    ["$M", "$M"],
    ["hrs", "hrs"],
  ])("a Unit cell %s", (cell, unit) => {
    expect(unitLabelFrom(cell, false)).toBe(unit);
  });
  test.each([[""], ["n/a"], ["-"], ["a sentence about units here"], ["12"]])("a Unit cell %j is none", (cell) => {
    expect(unitLabelFrom(cell, false)).toBeNull();
  });
  test.each([
    ["Churn (%)", "%"],
    ["Revenue ($M)", "$M"],
    ["Cycle time (days)", "days"],
    ["Sales [€k]", "€k"],
    ["Headcount (FTE)", "FTE"],
  ])("a bracketed unit in %s", (name, unit) => {
    expect(unitLabelFrom(name, true)).toBe(unit);
  });
  test.each([["Return on Equity (ROE)"], ["Net Interest Margin (NIM)"], ["Revenue (EMEA)"], ["Churn"]])(
    "no unit in %s",
    (name) => {
      expect(unitLabelFrom(name, true)).toBeNull();
    },
  );
});

describe("trailingUnitLabel", () => {
  test.each([
    ["Satisfaction %", "%"],
    ["No. of Customers #", "#"],
    ["Revenue per call $", "$"],
    ["Sales 000s", "000s"],
    ["Average handling time - mins", "mins"],
  ])("%s → %s", (name, unit) => {
    expect(trailingUnitLabel(name)).toBe(unit);
  });
  test.each([["Debtor Days"], ["Churn"], ["%"], ["Cost - EMEA"]])("%s has none", (name) => {
    expect(trailingUnitLabel(name)).toBeNull();
  });
});
