import { auditTable, decisionRatio, metricKey } from "../../src/governance/audit";
import { grid, table } from "../helpers/grids";

// Header in row 0: Metric | Nov | Dec | Target | Owner | Threshold | Lever
const values = [
  ["Metric", "Nov", "Dec", "Target", "Owner", "Threshold", "Lever"],
  ["Churn", 0.031, 0.034, 0.025, "Dana Lee", "> 3%", "authorize up to $10k in credits"],
  ["Lead Quality", 50, 45, 60, "Sales team", "below 50", "escalate to CEO"],
  ["NRR", 1.01, 0.98, 1.1, "Priya Shah", "", "offer expansion credits up to $5k per account"],
  ["NPS", 36, null, 45, "CEO", "below 30", "pause the pricing rollout for 30 days"],
  ["CAC", 515, 530, 450, null, null, null],
];
const g = grid(values);
const metricRows = [
  { row: 1, name: "Churn", unit: "percent-fraction" as const },
  { row: 2, name: "Lead Quality", unit: "number" as const },
  { row: 3, name: "NRR", unit: "percent-fraction" as const },
  { row: 4, name: "NPS", unit: "number" as const },
  { row: 5, name: "CAC", unit: "number" as const },
];
const t = table(g, 0, metricRows, {
  valueColumns: [1, 2],
  currentColumn: 2,
  referenceColumns: [3],
  governance: { owner: 4, threshold: 5, lever: 6, governance: null },
});

describe("auditTable", () => {
  const audit = auditTable({ grid: g, table: t });
  const byName = (n: string) => audit.metrics.find((m) => m.name === n)!;

  test("one owner, a trigger with a direction and a lever is decision-ready, and red past it", () => {
    const churn = byName("Churn");
    expect(churn.status).toBe("decision-ready");
    expect(churn.reasons).toEqual([]);
    expect(churn.current).toBe(0.034);
    expect(churn.breached).toBe(true);
    expect(churn.warnings.map((w) => w.code)).toContain("threshold-breached");
  });

  test("a team as owner and an escalation as lever make a vanity metric, with both reasons", () => {
    const lq = byName("Lead Quality");
    expect(lq.status).toBe("vanity");
    expect(lq.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["owner-group", "lever-escalates"]));
    expect(lq.reasons.find((r) => r.code === "owner-group")!.message).toContain("'Sales team'");
    expect(lq.breached).toBe(true); // 45 is below 50: red, and nobody can act
  });

  test("sound owner and lever without a threshold is incomplete, breach unknown", () => {
    const nrr = byName("NRR");
    expect(nrr.status).toBe("incomplete");
    expect(nrr.reasons.map((r) => r.code)).toEqual(["threshold-missing"]);
    expect(nrr.breached).toBeNull();
  });

  test("the latest number in the row stands in when the current column is empty", () => {
    const nps = byName("NPS");
    expect(nps.current).toBe(36);
    expect(nps.currentColumn).toBe(1);
    expect(nps.breached).toBe(false);
    expect(nps.warnings.map((w) => w.code)).toContain("owner-founder");
  });

  test("nothing answered is vanity with every missing reason", () => {
    const cac = byName("CAC");
    expect(cac.status).toBe("vanity");
    expect(cac.reasons.map((r) => r.code)).toEqual(["owner-missing", "threshold-missing", "lever-missing"]);
  });

  test("the summary counts statuses, red metrics, founder-held metrics and owner load", () => {
    expect(audit.summary).toMatchObject({
      metrics: 5,
      decisionReady: 2,
      incomplete: 1,
      vanity: 2,
      breached: 2,
      founderHeld: 1,
      ratio: "5 metrics, 2 decisions",
      red: ["Churn", "Lead Quality"],
    });
    expect(audit.summary.owners.map((o) => o.owner).sort()).toEqual(["CEO", "Dana Lee", "Priya Shah"]);
    expect(audit.summary.owners.find((o) => o.owner === "CEO")!.founder).toBe(true);
  });

  test("answers from outside the sheet fill only the empty cells; the sheet's own answer wins", () => {
    const answers = new Map([
      [metricKey("CAC"), { owner: "VP Marketing", threshold: "> $500", lever: "cut paid ad spend by up to 20%" }],
      [metricKey(" churn "), { owner: "Somebody Else" }],
    ]);
    const a = auditTable({ grid: g, table: t, answers });
    const cac = a.metrics.find((m) => m.name === "CAC")!;
    expect(cac.status).toBe("decision-ready");
    expect(cac.sources).toEqual({ owner: "answers", threshold: "answers", lever: "answers" });
    expect(cac.breached).toBe(true);
    const churn = a.metrics.find((m) => m.name === "Churn")!;
    expect(churn.answers.owner).toBe("Dana Lee");
    expect(churn.sources.owner).toBe("sheet");
  });

  test("more metrics than the limit per owner is overload, on each of them", () => {
    const rows = [["Metric", "Dec", "Owner"], ...Array.from({ length: 4 }, (_, i) => [`M${i}`, i, "Dana Lee"])];
    const g2 = grid(rows);
    const t2 = table(
      g2,
      0,
      rows.slice(1).map((r, i) => ({ row: i + 1, name: String(r[0]), unit: "number" as const })),
      { valueColumns: [1], currentColumn: 1, governance: { owner: 2, threshold: null, lever: null, governance: null } },
    );
    const within = auditTable({ grid: g2, table: t2, options: { maxMetricsPerOwner: 4 } });
    expect(within.summary.owners[0]).toMatchObject({ owner: "Dana Lee", metrics: 4, overloaded: false });
    const over = auditTable({ grid: g2, table: t2, options: { maxMetricsPerOwner: 3 } });
    expect(over.summary.owners[0].overloaded).toBe(true);
    expect(over.metrics.every((m) => m.warnings.some((w) => w.code === "owner-overloaded"))).toBe(true);
  });
});

test.each([
  [0, 0, "0 metrics, 0 decisions"],
  [1, 1, "1 metric, 1 decision"],
  [24, 3, "24 metrics, 3 decisions"],
])("decisionRatio(%i, %i)", (m, d, text) => {
  expect(decisionRatio(m, d)).toBe(text);
});
