/**
 * The core audit of 100,000 metrics reads every name and label once, so several tests take a
 * cheap look before their patterns run (a unit must end a name, a section word has no runs of
 * spaces to fold, repeated names are counted on hashes first). Each shortcut must give what
 * the plain reading gives: these compare them with the plain readings on generated text.
 */
import fc from "fast-check";
import { auditTable } from "../../src/governance/audit";
import type { Grid } from "../../src/governance/grid";
import { isSectionKey, isSectionWord, labelKey } from "../../src/governance/headers";
import { readRows } from "../../src/governance/layouts/rows";
import { metricDirection, trailingUnitLabel, unitLabelFrom } from "../../src/governance/lexicon";

const BRACKETED_UNIT_RE =
  /^(?:[%‰#x]|[$€£¥₹]\s?(?:k|m|mm|mn|bn|b|000s?)?|(?:usd|eur|gbp|chf|inr|jpy|aud|cad)\s?(?:k|m|mm|mn|bn|000s?)?|k|mm|mn|bn|000s?|thousands?|millions?|billions?|days?|hrs?|hours?|mins?|minutes?|secs?|seconds?|ms|weeks?|months?|years?|pts?|points?|bps|pp|percent|fte|units?|jours|tage|días|dias|heures|stunden|horas)$/i;

/** trailingUnitLabel as the patterns alone read it. */
function plainTrailingUnit(name: string): string | null {
  const t = name.trim();
  const symbol = /\S\s+([%#$€£¥₹‰]|000s|'000s?)$/u.exec(t);
  if (symbol) return symbol[1];
  const dashed = /\S\s+[-–—]\s+([^\s\-–—]{1,8})$/u.exec(t);
  if (dashed && BRACKETED_UNIT_RE.test(dashed[1])) return dashed[1];
  return null;
}

/** The bracketed part of unitLabelFrom as the pattern alone reads it. */
function plainBracketedUnit(text: string): string | null {
  const m = /[([]\s*([^()[\]]{1,12}?)\s*[)\]]\s*$/.exec(text.trim());
  if (!m || !BRACKETED_UNIT_RE.test(m[1].trim())) return null;
  return unitLabelFrom(m[1].trim(), false);
}

const pieces = [
  "Sales",
  "Churn",
  "Debtor Days",
  "%",
  "#",
  "$",
  "€",
  "000s",
  "'000",
  "'000s",
  "-",
  "–",
  "mins",
  "days",
  "(%)",
  "($M)",
  "[days]",
  "(ROE)",
  "(",
  ")",
  "]",
  " ",
  "  ",
  "\t",
  "s",
  "0",
  "x",
];
const nameText = fc
  .tuple(
    fc.array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...pieces), weight: 5 },
        { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
      ),
      { maxLength: 6 },
    ),
    fc.constantFrom(" ", ""),
  )
  .map(([ps, sep]) => ps.join(sep));

describe("unit shortcuts read as the patterns do", () => {
  test("a unit after the name (symbol, scale, after a dash)", () => {
    fc.assert(
      fc.property(nameText, (n) => expect(trailingUnitLabel(n)).toBe(plainTrailingUnit(n))),
      {
        numRuns: 3000,
      },
    );
    expect(trailingUnitLabel("Sales '000")).toBe("'000");
    expect(trailingUnitLabel("Customers #")).toBe("#");
    expect(trailingUnitLabel("Average handling time - mins")).toBe("mins");
    expect(trailingUnitLabel("Sales 000s")).toBe("000s");
    expect(trailingUnitLabel("Debtor Days")).toBeNull();
  });

  test("a unit in a bracket at the end of a name or header", () => {
    fc.assert(
      fc.property(nameText, (n) => expect(unitLabelFrom(n, true)).toBe(plainBracketedUnit(n))),
      {
        numRuns: 3000,
      },
    );
    expect(unitLabelFrom("Churn (%) ", true)).toBe("%");
    expect(unitLabelFrom("Revenue [$M]", true)).toBe("$M");
    expect(unitLabelFrom("Return on Equity (ROE)", true)).toBeNull();
    expect(unitLabelFrom("Revenue", true)).toBeNull();
  });
});

test("a section word's key folds runs of whitespace as the label test does", () => {
  const label = fc
    .array(fc.constantFrom("next", "steps", "highlights", "issues", "risks", " ", "  ", "\t", ":", ".", "X"), {
      maxLength: 5,
    })
    .map((ps) => ps.join(""));
  fc.assert(
    fc.property(label, fc.boolean(), (l, numbers) => {
      const lower = l.trim().toLowerCase();
      expect(isSectionKey(labelKey(lower), numbers)).toBe(isSectionWord(l, numbers));
    }),
    { numRuns: 2000 },
  );
  expect(isSectionWord("Next \t steps:")).toBe(isSectionWord("next steps"));
});

test("the same name asked for again, after another, has the same direction", () => {
  const names = ["Churn 1", "MRR 2", "Churn 1", "Cost to Income", "Cost to Income", "Widgets", "MRR 2"];
  const fresh = names.map((n) => metricDirection(`${n}`));
  expect(fresh).toEqual(["above", "below", "above", "above", "above", null, "below"]);
});

function sheet(names: string[]): Grid {
  return {
    sheetName: "KPIs",
    values: [["Metric", "Jan", "Feb", "Owner"], ...names.map((n, i) => [n, i + 1, i + 2, "Dana Lee"])],
    origin: { row: 0, col: 0 },
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
  };
}

/** Names where `shared` of every `of` rows repeat one name in changing case (some not ASCII). */
function names(count: number, every: number): string[] {
  const spellings = ["Umsatz Ümsatz", "UMSATZ ÜMSATZ", "umsatz ümsatz", "Sales", "SALES", "sales"];
  return Array.from({ length: count }, (_, i) => (i % every === 0 ? spellings[i % spellings.length] : `Metric ${i}`));
}

describe("names that repeat on a long sheet (counted on hashes first)", () => {
  test.each([
    [400, 2],
    [400, 3],
    [400, 5],
    [400, 50],
    [90, 3],
    [90, 7],
  ])("%i metrics, every %i-th a repeated name: counted exactly", (count, every) => {
    const list = names(count, every);
    const distinct = new Set(list.map((n) => n.toLowerCase())).size;
    const repeats = count - distinct;
    const read = readRows(sheet(list));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const note = read.table.notes.find((n) => n.startsWith("Metric names repeat"));
    if (repeats * 4 >= count) {
      expect(note).toBe(`Metric names repeat: ${count} rows share ${distinct} names`);
      expect(read.table.confidence).toBeLessThanOrEqual(0.6);
    } else {
      expect(note).toBeUndefined();
    }
  });
});

test("metrics with the same answer sources share one frozen record of them, and each keeps its own reasons", () => {
  const grid: Grid = {
    ...sheet([]),
    values: [
      ["Metric", "Jan", "Owner", "Threshold", "Lever"],
      ["Churn", 0.02, "Dana Lee", "", "pause the pricing rollout for 30 days"],
      ["MRR", 100, "Sam Ortiz", "", "cut paid ad spend by up to 20%"],
      ["NPS", 30, "", "below 20", ""],
    ],
  };
  const read = readRows(grid);
  if (!read.ok) throw new Error(read.message);
  const audit = auditTable({ grid, table: read.table });
  const [churn, mrr, nps] = audit.metrics;
  expect(churn.sources).toBe(mrr.sources);
  expect(Object.isFrozen(churn.sources)).toBe(true);
  expect(nps.sources).toEqual({ owner: "none", threshold: "sheet", lever: "none" });
  expect(churn.reasons).not.toBe(mrr.reasons);
  expect(churn.reasons.map((r) => r.code)).toEqual(["threshold-missing"]);
  expect(churn.reasons[0].message).toContain("'Churn'");
  expect(mrr.reasons[0].message).toContain("'MRR'");
  expect(nps.reasons.map((r) => r.code)).toEqual(["owner-missing", "lever-missing"]);
  churn.warnings.push({ code: "owner-founder", message: "x" });
  expect(mrr.warnings).toEqual([]);
});
