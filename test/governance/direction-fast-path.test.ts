/**
 * metricDirection reads plain ASCII names with a hand-written scan and everything else with
 * Unicode patterns. A trailing non-ASCII word that matches nothing sends a name down the
 * general path without changing its meaning, so both paths must agree on every name.
 */
import fc from "fast-check";
import { HIGH_IS_BAD, LOW_IS_BAD, metricDirection } from "../../src/governance/lexicon";

const directionWords = [...HIGH_IS_BAD, ...LOW_IS_BAD];
const glue = ["to", "per", "/", ":", "vs", "'s", "-", "%", "(", ")", "Q3", "12", "o'brien", "  ", "churned", "lost"];

test("the ASCII fast path and the general path give the same direction", () => {
  const name = fc
    .array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...directionWords), weight: 4 },
        { arbitrary: fc.constantFrom(...glue), weight: 4 },
        { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
      ),
      { maxLength: 6 },
    )
    .chain((parts) =>
      fc
        .array(fc.constantFrom(" ", "", "-", "  "), { minLength: parts.length, maxLength: parts.length })
        .map((seps) => parts.map((p, i) => (i === 0 ? p : seps[i] + p)).join("")),
    )
    .filter((s) => /^[\x20-\x7e]*$/.test(s));
  fc.assert(
    fc.property(name, (n) => {
      expect(metricDirection(n)).toBe(metricDirection(`${n} é`));
    }),
    { numRuns: 2000, seed: 20261124 },
  );
});
