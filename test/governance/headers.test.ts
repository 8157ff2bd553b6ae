import fc from "fast-check";
import {
  CURRENT_WORDS_STRONG,
  CURRENT_WORDS_WEAK,
  GOVERNANCE_SYNONYMS,
  LABEL_HEADER_WORDS,
  MONTH_NAMES,
  NOTE_PREFIXES,
  REFERENCE_WORDS,
  TOTAL_WORDS,
  classifyHeader,
  normalizeHeader,
  governanceKindOf,
  isDateFormat,
  isLabelHeader,
  isNotePrefix,
  isPercentFormat,
  isPeriodText,
  isTotalLabel,
} from "../../src/governance/headers";
import { detectKpiTable } from "../../src/governance/detect";
import type { Grid } from "../../src/governance/grid";
import type { GovernanceKind } from "../../src/governance/types";

const cap = (s: string) => s.replace(/\b\w/g, (c) => c.toUpperCase());

describe("governance synonyms", () => {
  const cases = (Object.keys(GOVERNANCE_SYNONYMS) as GovernanceKind[]).flatMap((kind) =>
    GOVERNANCE_SYNONYMS[kind].map((s) => [kind, s] as const),
  );
  test.each(cases)("%s: '%s' in any case, padded, is recognized", (kind, synonym) => {
    expect(governanceKindOf(synonym)).toBe(kind);
    expect(governanceKindOf(`  ${cap(synonym)} `)).toBe(kind);
    expect(governanceKindOf(synonym.toUpperCase())).toBe(kind);
    expect(classifyHeader(cap(synonym), false).kind).toBe(kind);
  });

  test.each(cases)("%s: a '%s' column is found by detection", (kind, synonym) => {
    const grid: Grid = {
      sheetName: "S",
      values: [
        ["Metric", "Jan", cap(synonym)],
        ["Revenue", 1, null],
        ["Cost", 2, null],
      ],
      origin: { row: 0, col: 0 },
      merges: [],
      tables: [],
      protected: false,
      conditionalFormats: [],
    };
    const r = detectKpiTable(grid);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.table.governance[kind]).toBe(2);
  });

  test("variants people write", () => {
    expect(governanceKindOf("Owners")).toBe("owner");
    expect(governanceKindOf("KPI Owner")).toBe("owner");
    expect(governanceKindOf("Threshold (red if)")).toBe("threshold");
    expect(governanceKindOf("Lever / pre-approved action")).toBe("lever");
    expect(governanceKindOf("Ownership of the quarterly planning process overall")).toBeNull();
    expect(governanceKindOf("Revenue")).toBeNull();
    expect(governanceKindOf("")).toBeNull();
  });
});

describe("reference words", () => {
  test.each(REFERENCE_WORDS.map((w) => [w]))("'%s' makes a reference column", (w) => {
    expect(classifyHeader(w, false).kind).toBe("reference");
    expect(classifyHeader(`${cap(w)} ($M)`, false).kind).toBe("reference");
  });
  test("reference wins over a current word in the same header", () => {
    expect(classifyHeader("Actual vs Budget Var ($M)", false).kind).toBe("reference");
    expect(classifyHeader("Monthly targets", false).kind).toBe("reference");
    expect(classifyHeader("Planned SP", false).kind).not.toBe("reference");
  });
});

describe("current words", () => {
  test.each(CURRENT_WORDS_STRONG.map((w) => [w]))("'%s' designates the current column", (w) => {
    expect(classifyHeader(cap(w), false).kind).toBe("current");
  });
  test.each(CURRENT_WORDS_WEAK.map((w) => [w]))("'%s' is a weak current column", (w) => {
    expect(classifyHeader(w.toUpperCase(), false).kind).toBe("current-weak");
  });
  test("units in brackets are ignored", () => {
    expect(classifyHeader("Actual ($M)", false).kind).toBe("current");
    expect(classifyHeader("Current Actuals", false).kind).toBe("current");
  });
});

describe("totals", () => {
  test.each(TOTAL_WORDS.map((w) => [w]))("'%s' is a total label and a total header", (w) => {
    expect(isTotalLabel(w)).toBe(true);
    expect(isTotalLabel(`${cap(w)}:`)).toBe(true);
    expect(classifyHeader(cap(w), false).kind).toBe("total");
  });
  test("'Total Revenue' is a metric, not a total", () => {
    expect(isTotalLabel("Total Revenue")).toBe(false);
    expect(isTotalLabel("Grand Total")).toBe(true);
  });
});

describe("periods", () => {
  test.each(MONTH_NAMES.map((m) => [m]))("'%s' and its abbreviation are periods", (m) => {
    expect(isPeriodText(cap(m))).toBe(true);
    expect(isPeriodText(cap(m.slice(0, 3)))).toBe(true);
    expect(classifyHeader(cap(m.slice(0, 3)), false).kind).toBe("period");
  });
  test.each([
    "Q1",
    "Q4 2024",
    "FY24",
    "2024",
    "H1",
    "Jan-24",
    "Sep 2021",
    "09-2021",
    "2022-01-01",
    "W12",
    "Week 3",
    "Sprint 41",
    "Annual",
  ])("'%s' is a period", (s) => expect(isPeriodText(s)).toBe(true));
  test.each(["Revenue", "Churn", "Marketing", "Sales & Marketing", "NPS", "Q&A backlog", "Maybe"])(
    "'%s' is not a period",
    (s) => {
      expect(isPeriodText(s)).toBe(false);
    },
  );
  test("dates as header values are periods only with a date format (or as years)", () => {
    expect(classifyHeader(44562, true).kind).toBe("period");
    expect(classifyHeader(44562, false).kind).toBe("other");
    expect(classifyHeader(2024, false).kind).toBe("period");
  });
});

describe("labels, notes and formats", () => {
  test.each(LABEL_HEADER_WORDS.map((w) => [w]))("'%s' heads the metric column", (w) => {
    expect(isLabelHeader(cap(w))).toBe(true);
  });
  test.each(NOTE_PREFIXES.map((p) => [p]))("'%s…' starts a note", (p) => {
    expect(isNotePrefix(`${cap(p)} something`)).toBe(true);
  });
  test("not notes", () => expect(isNotePrefix("Revenue")).toBe(false));
  test("'%' cue in a header", () => {
    expect(classifyHeader("Churn %", false).percent).toBe(true);
    expect(classifyHeader("Churn", false).percent).toBe(false);
  });
  test("percent formats: '%' outside quotes", () => {
    expect(isPercentFormat("0%")).toBe(true);
    expect(isPercentFormat("0.0%;[Red]-0.0%")).toBe(true);
    expect(isPercentFormat('0 "%"')).toBe(false);
    expect(isPercentFormat("0\\%")).toBe(false);
    expect(isPercentFormat("General")).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
  test("date formats", () => {
    expect(isDateFormat("mmm-yy")).toBe(true);
    expect(isDateFormat("m/d/yyyy")).toBe(true);
    expect(isDateFormat("[$-409]d-mmm-yy;@")).toBe(true);
    expect(isDateFormat("$#,##0")).toBe(false);
    expect(isDateFormat('0 "days"')).toBe(false);
    expect(isDateFormat("0.0%")).toBe(false);
    expect(isDateFormat("General")).toBe(false);
  });
});

describe("normalizeHeader and isTotalLabel: one pass, the same result as the patterns they replace", () => {
  // The patterns used before: they rescanned from every unclosed "(" or "[" and every trailing
  // dot, so one cell of 32,767 "(" took seconds.
  const before = (s: string) =>
    s
      .toLowerCase()
      .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
      .replace(/[_\s]+/g, " ")
      .trim()
      .replace(/[:.]+$/, "")
      .trim();

  test("on any short text of brackets, dots, colons and words", () => {
    fc.assert(
      fc.property(
        fc.stringOf(fc.constantFrom("(", ")", "[", "]", ".", ":", " ", "_", "a", "B", "%"), { maxLength: 40 }),
        (s) => {
          expect(normalizeHeader(s)).toBe(before(s));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test.each([
    ["Churn (%)", "churn"],
    ["Owner [DRI]:", "owner"],
    ["a (b", "a (b"],
    ["(a) (b", "(b"],
    ["[x (y] z)", "z)"],
    ["Total....", "total"],
  ])("%j → %j", (text, expected) => {
    expect(normalizeHeader(text)).toBe(expected);
  });

  test.each([
    ["(", "(".repeat(32767), "(".repeat(32767)],
    ["[", "[".repeat(32767), "[".repeat(32767)],
    ["dots then x", `${".".repeat(32766)}x`, `${".".repeat(32766)}x`],
    ["colons", ":".repeat(32767), ""],
  ])("32,767 characters of %s: read whole, classified as no header", (_name, text, normalized) => {
    expect(normalizeHeader(text)).toBe(normalized);
    expect(["other", "blank"]).toContain(classifyHeader(text, false).kind);
    expect(isTotalLabel(text)).toBe(false);
  });
});

describe("month names in the languages dashboards are written in", () => {
  test.each([
    ["Desember"], // Indonesian
    ["Des 2024"],
    ["décembre"], // French
    ["déc."],
    ["diciembre"], // Spanish
    ["dic-24"],
    ["dezembro"], // Portuguese
    ["Set 2024"],
    ["Out 24"],
    ["dicembre"], // Italian
    ["ott"],
    ["Dezember"], // German
    ["Mrz 2024"],
    ["Okt"],
    ["december"], // Dutch
    ["mrt"],
    ["Maart 2025"],
  ])("%s is a period", (text) => expect(isPeriodText(text)).toBe(true));

  test.each([["Set"], ["Out"], ["Target"], ["Actual"], ["Owner"]])("%s alone is not a month", (text) =>
    expect(isPeriodText(text)).toBe(false),
  );

  test("an Indonesian sheet's current value is December's, not November's", () => {
    const months = [
      "Januari",
      "Februari",
      "Maret",
      "April",
      "Mei",
      "Juni",
      "Juli",
      "Agustus",
      "September",
      "Oktober",
      "November",
      "Desember",
    ];
    const grid = {
      sheetName: "KPI",
      values: [
        ["Metrik", ...months],
        ["Pendapatan", ...months.map((_, i) => 100 + i)],
        ["Churn", ...months.map((_, i) => 0.02 + i / 1000)],
      ],
      origin: { row: 0, col: 0 },
      merges: [],
      tables: [],
      protected: false,
      conditionalFormats: [],
    };
    const d = detectKpiTable(grid);
    if (!d.ok) throw new Error(d.message);
    expect(d.table.currentColumn).toBe(12);
  });
});
