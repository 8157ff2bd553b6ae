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
import { parseThreshold } from "../../src/governance/threshold";

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
  // Lists that say the same are one frozen list: no metric can change another's.
  expect(churn.warnings).toBe(mrr.warnings);
  expect(Object.isFrozen(churn.warnings)).toBe(true);
  expect(() => churn.warnings.push({ code: "owner-founder", message: "x" })).toThrow();
  expect(mrr.warnings).toEqual([]);
});

describe("an audit record is small, and reads as a plain one", () => {
  const grid: Grid = {
    ...sheet([]),
    values: [
      ["Metric", "Jan", "Feb", "Mar", "Owner", "Threshold", "Lever"],
      ["Churn %", 0.02, 0.03, 0.04, "Dana Lee", "> 3%", "pause the pricing rollout for 30 days"],
      ["Refunds", 10, 12, 11, "Sales team", "monitor", "escalate to CEO"],
      ["NPS", 30, 31, 32, "Sam Ortiz", "", "cut paid ad spend by up to 20%"],
      ["MRR", 100, 110, 120, "Sam Ortiz", "> 900", "cut paid ad spend by up to 20%"],
      ["Bugs", 5, 6, 4, "QA team", "> 5", "escalate to CEO"],
    ],
  };
  const read = readRows(grid);
  if (!read.ok) throw new Error(read.message);
  const audit = auditTable({ grid, table: read.table });
  const [churn, refunds, nps, mrr] = audit.metrics;

  test("its messages are the ones the threshold judge gives, naming the metric", () => {
    const eager = parseThreshold("", { name: "NPS", unit: nps.unit, current: 32 });
    expect(nps.reasons.map((r) => r.message)).toEqual(eager.reasons.map((r) => r.message));
    expect(nps.reasons[0].message).toContain("'NPS'");
    expect(churn.warnings.map((w) => w.message)).toContain("'Churn %' is past its threshold '> 3%': it is red.");
    expect(mrr.warnings.map((w) => w.code)).toEqual(["threshold-unreachable"]);
    expect(mrr.warnings[0].message).toContain("'MRR' never came near its threshold '> 900'");
  });

  test("JSON gives every field with its value, as a plain object would", () => {
    const plain = JSON.parse(JSON.stringify(churn)) as Record<string, unknown>;
    expect(plain).toMatchObject({
      row: 1,
      name: "Churn %",
      cell: { row: 1, col: 0 },
      currentCell: { row: 1, col: 3 },
      currentColumn: 3,
      currentPeriod: "Mar",
      current: 0.04,
      answers: { owner: "Dana Lee", threshold: "> 3%", lever: "pause the pricing rollout for 30 days" },
      status: "decision-ready",
      breached: true,
      direction: { direction: "above", source: "answer" },
    });
    // Read, not kept: the answers and the direction are given again on each read, alike.
    expect(churn.answers).toEqual(churn.answers);
    expect(JSON.parse(JSON.stringify(nps)).direction).toEqual({ direction: "below", source: "lexicon" });
    expect((plain.warnings as { code: string; message: string }[]).map((w) => w.code)).toEqual(["threshold-breached"]);
    expect((plain.warnings as { message: string }[])[0].message).toContain("is red");
    expect(Object.keys(plain)).not.toContain("metric");
    const refundsPlain = JSON.parse(JSON.stringify(refunds)) as { reasons: { code: string; message: string }[] };
    expect(refundsPlain.reasons.map((r) => r.code)).toEqual(refunds.reasons.map((r) => r.code));
    expect(refundsPlain.reasons.every((r) => r.message.length > 0)).toBe(true);
  });

  test("metrics that answer alike share their threshold and lists, each keeps its own cells", () => {
    const again = auditTable({ grid, table: read.table });
    expect(again.metrics[0].threshold).toBe(churn.threshold);
    expect(Object.isFrozen(churn.threshold)).toBe(true);
    const bugs = audit.metrics[4];
    expect(bugs.reasons.map((r) => r.code)).toEqual(["owner-group", "lever-escalates"]);
    expect(again.metrics[4].reasons).toBe(bugs.reasons);
    expect(again.metrics[1].reasons).not.toBe(refunds.reasons); // names its metric: its own
    expect(churn.currentCell).toEqual({ row: 1, col: 3 });
    expect(mrr.currentCell).toEqual({ row: 4, col: 3 });
    expect(mrr.cell).toEqual({ row: 4, col: 0 });
  });
});
