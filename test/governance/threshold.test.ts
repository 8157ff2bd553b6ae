import {
  COMPARATOR_SYMBOLS,
  COMPARATOR_WORDS,
  EMERGENCY_MARKERS,
  MAGNITUDE_SUFFIXES,
  PERCENT_WORDS,
  RANGE_WORDS,
  RELATIVE_CHANGE_PREFIXES,
  RELATIVE_CHANGE_WORDS,
  RELATIVE_CONNECTORS,
  RELATIVE_REFERENCES,
  THRESHOLD_MAX_CHARS,
  TRAILING_COMPARATOR_WORDS,
  VAGUE_THRESHOLD_WORDS,
} from "../../src/governance/lexicon";
import { SHORT_WARNINGS, auditTable } from "../../src/governance/audit";
import { detectKpiTable } from "../../src/governance/detect";
import { grid } from "../helpers/grids";
import { formatThresholdValue, isBreached, parseThreshold } from "../../src/governance/threshold";
import type { Threshold, ValueUnit } from "../../src/governance/types";

const churn = { name: "Churn", unit: "percent-fraction" as const };
const churnPoints = { name: "Churn %", unit: "percent-points" as const };
const plain = { name: "Widgets", unit: "number" as const };

function read(answer: string, metric: { name: string; unit: ValueUnit }) {
  const v = parseThreshold(answer, metric);
  return { t: v.threshold, codes: v.reasons.map((r) => r.code), message: v.reasons[0]?.message };
}

describe("parseThreshold: GOVERNANCE.md's table", () => {
  test.each([
    ["> 3%", churn, { direction: "above", inclusive: false, value: 0.03, percent: true, directionFromName: false }],
    [
      "below 40",
      { name: "NPS", unit: "number" as const },
      { direction: "below", inclusive: false, value: 40, percent: false },
    ],
    [">= $500", { name: "CAC", unit: "number" as const }, { direction: "above", inclusive: true, value: 500 }],
    ["3%", churn, { direction: "above", inclusive: true, value: 0.03, percent: true, directionFromName: true }],
  ])("%j is a trigger", (answer, metric, expected) => {
    const { t, codes } = read(answer, metric);
    expect(codes).toEqual([]);
    expect(t).toMatchObject({ ...expected, text: answer });
  });

  test.each([
    ["", "threshold-missing"],
    ["high", "threshold-vague"],
    ["when it looks bad", "threshold-vague"],
    ["TBD", "threshold-vague"],
  ])("%j → %s", (answer, code) => {
    const { t, codes } = read(answer, churn);
    expect(t).toBeNull();
    expect(codes).toEqual([code]);
  });

  test("a bare number on a metric whose name gives no direction asks for a comparator", () => {
    const { t, codes, message } = read("3%", { name: "Lead Quality", unit: "number" });
    expect(t).toBeNull();
    expect(codes).toEqual(["threshold-direction-unknown"]);
    expect(message).toBe("'3%' has no direction for 'Lead Quality': add > or <.");
  });

  test.each([
    ["high", churn, "'high' has no number: give the value at which it is an emergency, e.g. > 3%."],
    ["Dana decides", churn, "'Dana decides' is not a number: give the value at which it is an emergency, e.g. > 3%."],
    ["", churn, "No threshold for 'Churn': give the number at which it is an emergency, e.g. > 3%."],
    [
      "",
      { name: "NPS", unit: "number" as const },
      "No threshold for 'NPS': give the number at which it is an emergency, e.g. < 40.",
    ],
    [
      "",
      { name: "NPS", unit: "number" as const, current: 33 },
      "No threshold for 'NPS': give the number at which it is an emergency, e.g. < 33.",
    ],
    [
      "",
      { name: "Sales Velocity", unit: "number" as const, current: 27700 },
      "No threshold for 'Sales Velocity': give the number at which it is an emergency, e.g. < 28,000.",
    ],
    [
      "high",
      { name: "NRR", unit: "percent-fraction" as const, current: 0.98 },
      "'high' has no number: give the value at which it is an emergency, e.g. < 98%.",
    ],
    [
      "",
      { name: "Lead Quality", unit: "number" as const, current: 45 },
      "No threshold for 'Lead Quality': give the number at which it is an emergency, e.g. > 45 or < 45.",
    ],
  ])("message for %j", (answer, metric, message) => {
    expect(read(answer, metric).message).toBe(message);
  });
});

describe("parseThreshold: numbers as people type them", () => {
  test.each([
    ["3%", churn, 0.03, true],
    ["3 %", churn, 0.03, true],
    ["3,5%", churn, 0.035, true],
    ["0.03", churn, 0.03, false],
    [".5%", churn, 0.005, true],
    ["$500", plain, 500, false],
    ["$ 500", plain, 500, false],
    ["$10k", plain, 10000, false],
    ["$10K", plain, 10000, false],
    ["1.2M", plain, 1200000, false],
    ["1.2 million", plain, 1200000, false],
    ["€40,000", plain, 40000, false],
    ["£1.5m", plain, 1500000, false],
    ["40bn", plain, 40000000000, false],
    ["1,234.5", plain, 1234.5, false],
    ["1,234,567", plain, 1234567, false],
    ["(5%)", churn, -0.05, true],
    ["-5%", churn, -0.05, true],
    ["−5%", churn, -0.05, true],
    ["-$500", plain, -500, false],
    ["$-500", plain, -500, false],
    ["3x", plain, 3, false],
    ["20 percent", churn, 0.2, true],
  ])("%j → %s", (answer, metric, value, percent) => {
    const { t } = read(`> ${answer}`, metric);
    expect(t?.value).toBeCloseTo(value, 12);
    expect(t?.percent).toBe(percent);
  });
});

describe("parseThreshold: units", () => {
  test.each([
    // [answer, unit, stored value]
    ["3%", "percent-fraction", 0.03],
    ["0.03", "percent-fraction", 0.03],
    // A bare number above 1 on a percent-formatted metric means points: "3" is 3%.
    ["3", "percent-fraction", 0.03],
    ["1", "percent-fraction", 1],
    ["3%", "percent-points", 3],
    ["3", "percent-points", 3],
    ["0.5", "percent-points", 0.5],
    ["3%", "number", 0.03],
    ["3", "number", 3],
    ["12.5%", "percent-fraction", 0.125],
  ] as [string, ValueUnit, number][])("%j on a %s metric is %s", (answer, unit, value) => {
    const { t } = read(answer, { name: "Churn", unit });
    expect(t?.value).toBe(value);
    expect(t?.percent).toBe(answer.includes("%"));
  });

  test("both conventions read the same answer as the same trigger against their own values", () => {
    const fraction = read("> 3%", churn).t!;
    const points = read("> 3%", churnPoints).t!;
    expect(isBreached(fraction, 0.034)).toBe(true);
    expect(isBreached(points, 3.4)).toBe(true);
    expect(isBreached(fraction, 0.029)).toBe(false);
    expect(isBreached(points, 2.9)).toBe(false);
  });
});

describe("parseThreshold: hand-written cases", () => {
  test.each([
    ["red if > 3%", churn, "above", false, 0.03],
    ["amber > 2%, red > 3%", churn, "above", false, 0.03],
    ["Red: below 30", { name: "NPS", unit: "number" as const }, "below", false, 30],
    ["< 3% (target 2%)", churn, "below", false, 0.03],
    ["3% or more", plain, "above", true, 0.03],
    ["40 or less", plain, "below", true, 40],
    ["5%+", plain, "above", true, 0.05],
    ["at or above 3%", plain, "above", true, 0.03],
    ["churn over 3%", churn, "above", false, 0.03],
    ["turnover 12", { name: "Staff turnover", unit: "number" as const }, "above", true, 12],
    ["12", { name: "Bugs", unit: "number" as const }, "above", true, 12],
    ["$1.2M", { name: "New MRR", unit: "number" as const }, "below", true, 1200000],
    ["above 3x", { name: "LTV:CAC", unit: "number" as const }, "above", false, 3],
    ["  > 3%  ", churn, "above", false, 0.03],
  ] as [string, { name: string; unit: ValueUnit }, string, boolean, number][])(
    "%j on %j",
    (answer, metric, direction, inclusive, value) => {
      const { t, codes } = read(answer, metric);
      expect(codes).toEqual([]);
      expect(t).toMatchObject({ direction, inclusive, text: answer.trim() });
      expect(t!.value).toBeCloseTo(value, 12);
    },
  );

  test.each([
    ["between 2% and 3%", "is a range"],
    ["2-3%", "is a range"],
    ["2% to 3%", "is a range"],
    ["10% below target", "is relative"],
    ["down 10% MoM", "is relative"],
    ["20% drop", "is relative"],
    ["drops by 5%", "is relative"],
    ["looks bad", "has no number"],
    ["Q3 review", "is not a number"],
  ])("%j is vague (%s)", (answer, phrase) => {
    const { t, codes, message } = read(answer, churn);
    expect(t).toBeNull();
    expect(codes).toEqual(["threshold-vague"]);
    expect(message).toContain(`'${answer}' ${phrase}`);
  });

  test("messages are one line and cut long answers", () => {
    const { message } = read(`it depends\n${"on the quarter ".repeat(10)}`, churn);
    expect(message).not.toMatch(/\n/);
    expect(message).toMatch(/^'it depends on the quarter .*…' has no number/);
  });
});

describe("parseThreshold: every lexicon entry", () => {
  test.each([...COMPARATOR_SYMBOLS, ...COMPARATOR_WORDS])("comparator before: $phrase 40", (c) => {
    const { t } = read(`${c.phrase} 40`, plain);
    expect(t).toMatchObject({ direction: c.direction, inclusive: c.inclusive, value: 40, directionFromName: false });
  });
  test.each(TRAILING_COMPARATOR_WORDS)("comparator after: 40 $phrase", (c) => {
    const answer = /^\p{L}/u.test(c.phrase) ? `40 ${c.phrase}` : `40${c.phrase}`;
    const { t } = read(answer, plain);
    expect(t).toMatchObject({ direction: c.direction, inclusive: c.inclusive, value: 40, directionFromName: false });
  });
  test.each(VAGUE_THRESHOLD_WORDS)("vague: %s", (word) => {
    const w = word.replace(/\*$/, "");
    expect(read(w, churn).message).toContain(`'${w}' has no number`);
  });
  test.each(Object.keys(MAGNITUDE_SUFFIXES))("magnitude: > 2%s", (suffix) => {
    expect(read(`> 2${suffix}`, plain).t?.value).toBe(2 * MAGNITUDE_SUFFIXES[suffix]);
  });
  test.each(PERCENT_WORDS)("percent: > 3 %s", (word) => {
    expect(read(`> 3 ${word}`, churn).t).toMatchObject({ value: 0.03, percent: true });
  });
  test.each(RELATIVE_REFERENCES)("relative: 10%% below %s", (ref) => {
    expect(read(`10% below ${ref}`, { name: "MRR", unit: "number" }).message).toContain("is relative");
  });
  test.each(RELATIVE_CONNECTORS)("relative: 10%% %s target", (word) => {
    expect(read(`10% ${word} target`, { name: "MRR", unit: "number" }).message).toContain("is relative");
  });
  test.each(RELATIVE_CHANGE_WORDS)("relative: 10%% %s", (word) => {
    expect(read(`10% ${word}`, { name: "MRR", unit: "number" }).message).toContain("is relative");
  });
  test.each(RELATIVE_CHANGE_PREFIXES)("relative: %s 10%%", (word) => {
    expect(read(`${word} 10%`, { name: "MRR", unit: "number" }).message).toContain("is relative");
  });
  test.each(RANGE_WORDS)("range: %s 2%% / 3%%", (word) => {
    expect(read(`${word} 2% / 3%`, churn).message).toContain("is a range");
  });
  test.each(EMERGENCY_MARKERS)("emergency marker: amber > 2%%, %s > 3%%", (word) => {
    expect(read(`amber > 2%, ${word} > 3%`, churn).t?.value).toBe(0.03);
  });
});

describe("isBreached", () => {
  const t = (direction: "above" | "below", inclusive: boolean, value: number): Threshold => ({
    direction,
    inclusive,
    value,
    percent: false,
    text: "",
    directionFromName: false,
  });
  test.each([
    ["above", false, 0.03, 0.034, true],
    ["above", false, 0.03, 0.03, false],
    ["above", true, 0.03, 0.03, true],
    ["above", true, 0.03, 0.029, false],
    ["below", false, 40, 39, true],
    ["below", false, 40, 40, false],
    ["below", true, 40, 40, true],
    ["below", true, 40, 41, false],
    ["above", true, 0.3, 0.1 + 0.2, true],
    ["above", false, 0.3, 0.1 + 0.2, false],
    ["above", false, 500, Number.NaN, false],
    ["below", false, 500, Number.NEGATIVE_INFINITY, false],
  ] as ["above" | "below", boolean, number, number, boolean][])(
    "%s (inclusive %s) %s with current %s → %s",
    (direction, inclusive, value, current, expected) => {
      expect(isBreached(t(direction, inclusive, value), current)).toBe(expected);
    },
  );
});

describe("formatThresholdValue", () => {
  test.each([
    [0.03, "percent-fraction", "3%"],
    [0.034, "percent-fraction", "3.4%"],
    [0.98, "percent-fraction", "98%"],
    [1.1, "percent-fraction", "110%"],
    [-0.05, "percent-fraction", "-5%"],
    [0.12345, "percent-fraction", "12.35%"],
    [3, "percent-points", "3%"],
    [3.4, "percent-points", "3.4%"],
    [500, "number", "500"],
    [12500, "number", "12,500"],
    [1234.5, "number", "1,234.5"],
    [1200000, "number", "1,200,000"],
    [0.25, "number", "0.25"],
    [0, "number", "0"],
    [-0.0001, "percent-fraction", "-0.01%"],
    [-12500, "number", "-12,500"],
  ] as [number, ValueUnit, string][])("%s as %s → %s", (value, unit, text) => {
    expect(formatThresholdValue(value, unit)).toBe(text);
  });

  test("round-trips a parsed threshold in both unit conventions", () => {
    expect(formatThresholdValue(read("> 3%", churn).t!.value, "percent-fraction")).toBe("3%");
    expect(formatThresholdValue(read("> 3%", churnPoints).t!.value, "percent-points")).toBe("3%");
  });
});

describe("parseThreshold: one answer read once, converted per unit", () => {
  test("the same answer gives each unit convention its own value", () => {
    const pf = parseThreshold("3", { name: "Churn", unit: "percent-fraction" });
    const pp = parseThreshold("3", { name: "Churn %", unit: "percent-points" });
    const n = parseThreshold("3", { name: "Churn", unit: "number" });
    expect([pf.threshold?.value, pp.threshold?.value, n.threshold?.value]).toEqual([0.03, 3, 3]);
    expect(parseThreshold("3", { name: "Churn", unit: "percent-fraction" }).threshold?.value).toBe(0.03);
  });

  test.each([
    [0.034, "percent-fraction", "> 3.4%"],
    [227100, "number", "> 230,000"],
    [-0.0123, "number", "> -0.012"],
  ] as const)("an example near the current value %s (%s) is rounded to two figures", (current, unit, shown) => {
    const v = parseThreshold("", { name: "Churn", unit, current });
    expect(v.reasons[0].message).toContain(`e.g. ${shown}.`);
  });
});

describe("parseThreshold: answers past the length cap", () => {
  test(`a threshold of ${THRESHOLD_MAX_CHARS} characters is read; one more gets the cap's verdict, saying so`, () => {
    const answer = `> 3% ${"a".repeat(THRESHOLD_MAX_CHARS - 5)}`;
    expect(parseThreshold(answer, churn).threshold?.value).toBe(0.03);
    const [r] = parseThreshold(`${answer}a`, churn).reasons;
    expect(r.code).toBe("threshold-vague");
    expect(r.message).toMatch(
      /' is 201 characters long; a threshold fits in 200, so no more is read: give the one value/,
    );
  });
});

/** A KPI sheet of one metric with its history in Jan..Apr and a threshold, audited. */
function auditOne(name: string, history: (number | null)[], threshold: string) {
  const g = grid([
    ["Metric", "Jan", "Feb", "Mar", "Apr", "Owner", "Threshold", "Lever"],
    [name, ...history, "Dana Lee", threshold, "pause the pricing rollout for 30 days"],
    ["Other", 1, 2, 3, 4, "Sam Ortiz", "> 10", "cut paid ad spend by up to 20%"],
  ]);
  const detected = detectKpiTable(g);
  if (!detected.ok) throw new Error(detected.message);
  return auditTable({ grid: g, table: detected.table }).metrics[0];
}

describe("threshold-unreachable: a threshold the metric's own history never comes near (issue 12)", () => {
  test.each([
    ["Debtor Days", [30, 45, 50, 60], "below 0"],
    ["Debtor Days", [30, 45, 50, 60], "<= 0"],
    ["Debtor Days", [30, 45, 50, 60], "> 200"],
    ["Defect rate", [0.1, 0.12, 0.15, 0.2], "> 200%"],
    ["Profit", [400_000, 420_000, 450_000, 500_000], "< 0"],
    ["Losses", [-50, -40, -45, -30], "> 0"],
  ])("%s ran %j: %j is flagged, with the range it ran in", (name, history, threshold) => {
    const m = auditOne(name, history, threshold);
    const w = m.warnings.find((x) => x.code === "threshold-unreachable");
    expect(w?.message).toMatch(
      new RegExp(
        `^'${name}' never came near its threshold '${threshold.replace(/[$()*+.?[\\\]^{|}]/g, "\\$&")}' \\(its 4 values on the sheet run from .+ to .+\\): a trigger that cannot trip is no trigger; set one it could reach\\.$`,
      ),
    );
    expect(m.status).toBe("decision-ready");
  });
  test.each([
    ["Debtor Days", [30, 45, 50, 60], "below 10"],
    ["Debtor Days", [30, 45, 50, 60], "> 90"],
    ["Defect rate", [0.1, 0.12, 0.15, 0.2], "> 30%"],
    ["Churn", [0.02, 0.025, 0.028, 0.03], "> 5%"],
    ["Profit", [10_000, 200_000, 350_000, 500_000], "< 0"],
    ["Incidents", [0, 0, 1, 0], "> 0"],
    ["Incidents", [0, 0, 1, 0], "> 2"],
    ["Debtor Days", [null, null, 45, 60], "below 0"],
  ])("%s ran %j: %j is within reach (or too little history to say)", (name, history, threshold) => {
    const m = auditOne(name, history, threshold);
    expect(m.warnings.map((w) => w.code)).not.toContain("threshold-unreachable");
  });
  test("a breached threshold is not unreachable", () => {
    const m = auditOne("Debtor Days", [30, 45, 50, 60], "> 55");
    expect(m.warnings.map((w) => w.code)).toEqual(["threshold-breached"]);
  });
  test("the Governance cell's short text names it", () => {
    expect(SHORT_WARNINGS["threshold-unreachable"]).toBe("threshold unreachable");
  });
});
