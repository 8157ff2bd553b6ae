import { auditTable, metricKey } from "../../src/governance/audit";
import { delegationText, mbrBriefLines } from "../../src/governance/brief";
import { detectKpiTable } from "../../src/governance/detect";
import type { CellValue, Grid } from "../../src/governance/grid";
import { governanceText, ownSheetConflict, planWrite } from "../../src/governance/plan";
import { outsideTableNote } from "../../src/governance/place/rows";
import type { WritePlan } from "../../src/governance/types";
import { grid, table } from "../helpers/grids";

const rows: CellValue[][] = [
  ["Acme KPIs"],
  ["Metric", "Nov", "Dec", "Target"],
  ["Churn", 0.031, 0.034, 0.025],
  ["Lead Quality", 50, 45, 60],
  ["NRR", 1.01, 0.98, 1.1],
];
const metrics = [
  { row: 2, name: "Churn", unit: "percent-fraction" as const },
  { row: 3, name: "Lead Quality", unit: "number" as const },
  { row: 4, name: "NRR", unit: "percent-fraction" as const },
];
const answers = new Map([
  [metricKey("Churn"), { owner: "Dana Lee", threshold: "> 3%", lever: "authorize up to $10k in credits" }],
  [metricKey("Lead Quality"), { owner: "Sales team", threshold: "below 50", lever: "escalate to CEO" }],
  [metricKey("NRR"), { owner: '=HYPERLINK("x")', lever: "offer credits up to $5k per account" }],
]);

function setup(g: Grid = grid(rows)) {
  const t = table(g, 1, metrics, { valueColumns: [1, 2], currentColumn: 2, referenceColumns: [3], lastColumn: 3 });
  const audit = auditTable({ grid: g, table: t, answers });
  return { g, t, audit };
}

/** What a host does with a plan, on a plain grid: enough to re-audit the result. */
function applyToGrid(g: Grid, plan: WritePlan): Grid {
  const values = g.values.map((r) => [...r]);
  for (const c of plan.cells) {
    while (values.length <= c.row) values.push([]);
    values[c.row][c.col] = c.value;
  }
  return { ...g, values };
}

describe("planWrite", () => {
  test("adds Owner, Threshold, Lever and Governance after the table's last column", () => {
    const { g, audit } = setup();
    const result = planWrite(g, audit);
    if (!result.ok) throw new Error(result.message);
    expect(result.plan.columns.map((c) => [c.kind, c.col, c.created])).toEqual([
      ["owner", 4, true],
      ["threshold", 5, true],
      ["lever", 6, true],
      ["governance", 7, true],
    ]);
    const header = result.plan.cells.filter((c) => c.row === 1).map((c) => c.value);
    expect(header).toEqual(["Owner", "Threshold", "Lever", "Governance"]);
    expect(result.plan.cells.find((c) => c.row === 1)!.styleLike).toEqual({ row: 1, col: 0 });
  });

  test("Governance cells start with the status word and say why", () => {
    const { g, audit } = setup();
    const plan = (planWrite(g, audit) as { plan: WritePlan }).plan;
    const gov = (row: number) => plan.cells.find((c) => c.row === row && c.col === 7)!.value as string;
    expect(gov(2)).toMatch(/^DECISION-READY/);
    expect(gov(3)).toBe("VANITY: owner is a group, lever needs approval; red now");
    expect(gov(4)).toMatch(/^INCOMPLETE: /);
    expect(gov(2)).not.toMatch(/[.:]$/);
    expect(audit.metrics.map(governanceText)).toEqual([gov(2), gov(3), gov(4)]);
  });

  test("answers keep the text as typed, formula-like text included", () => {
    const { g, audit } = setup();
    const plan = (planWrite(g, audit) as { plan: WritePlan }).plan;
    expect(plan.cells).toContainEqual({ row: 4, col: 4, value: '=HYPERLINK("x")' });
  });

  test("highlight rules over the metric rows, driven by the Governance cell; red metrics' names first", () => {
    const { g, audit } = setup();
    const plan = (planWrite(g, audit) as { plan: WritePlan }).plan;
    expect(plan.rules.map((r) => [r.style, r.formula])).toEqual([
      ["red", 'ISNUMBER(SEARCH("red now",$H3))'],
      ["vanity", 'LEFT($H3,6)="VANITY"'],
      ["incomplete", 'LEFT($H3,10)="INCOMPLETE"'],
    ]);
    expect(plan.rules[0].range).toEqual({ top: 2, left: 0, bottom: 4, right: 0 });
    expect(plan.rules[1].range).toEqual({ top: 2, left: 0, bottom: 4, right: 7 });
    // Churn is past '> 3%': its Governance cell says so, which is what the red rule looks for.
    expect(plan.cells.find((c) => c.row === 2 && c.col === 7)?.value).toContain("red now");
  });

  test("moves past a column the person wrote in, instead of asking them to move it", () => {
    const g = grid(rows.map((r, i) => (i === 3 ? [...r, "check with Jo"] : r)));
    const { audit } = setup(g);
    const result = planWrite(g, { ...audit, table: { ...audit.table, lastColumn: 3 } });
    if (!result.ok) throw new Error(result.message);
    expect(result.plan.columns.map((c) => c.col)).toEqual([5, 6, 7, 8]);
  });

  test("a protected sheet: only the summary sheets are planned, nothing on the sheet", () => {
    const { audit } = setup();
    const result = planWrite(grid(rows, { protected: true }), audit);
    if (!result.ok) throw new Error(result.message);
    expect([result.plan.cells, result.plan.columns, result.plan.rules]).toEqual([[], [], []]);
    expect(result.plan.sheets.map((s) => s.name)).toEqual(["Decision Map", "MBR Brief"]);
  });

  test("re-planning an audited sheet reuses its columns and writes the same cells", () => {
    const { g, audit } = setup();
    const first = (planWrite(g, audit) as { plan: WritePlan }).plan;
    const after = applyToGrid(g, first);
    const t2 = table(after, 1, metrics, {
      valueColumns: [1, 2],
      currentColumn: 2,
      referenceColumns: [3],
      lastColumn: 7,
      governance: { owner: 4, threshold: 5, lever: 6, governance: 7 },
    });
    const again = auditTable({ grid: after, table: t2 });
    const second = planWrite(after, again);
    if (!second.ok) throw new Error(second.message);
    expect(second.plan.columns.every((c) => !c.created)).toBe(true);
    expect(second.plan.rules).toEqual(first.rules);
    expect(applyToGrid(after, second.plan).values).toEqual(after.values);
  });

  test("adds a Decision Map sheet (one row per metric) and an MBR Brief sheet", () => {
    const { g, audit } = setup();
    const plan = (planWrite(g, audit) as { plan: WritePlan }).plan;
    const [map, brief] = plan.sheets;
    expect(map.name).toBe("Decision Map");
    expect(map.rows[0]).toEqual([
      "Metric",
      "Owner",
      "Threshold",
      "Lever",
      "Current value",
      "Status",
      "Red",
      "Reasons",
      "Warnings",
    ]);
    expect(map.rows.slice(1).map((r) => [r[0], r[5], r[6]])).toEqual([
      ["Churn", "DECISION-READY", "RED"],
      ["Lead Quality", "VANITY", "RED"],
      ["NRR", "INCOMPLETE", null],
    ]);
    expect(brief.name).toBe("MBR Brief");
    expect(brief.rows[0][0]).toMatch(/^MBR brief:/);
    const text = brief.rows.map((r) => r[0]);
    const to = text.indexOf("To Dana Lee:");
    expect(to).toBeGreaterThan(text.indexOf("Delegation, ready to send to each owner:"));
    expect(text[to + 1]).toBe("You own Churn. If it passes 3% you may authorize up to $10k in credits without asking.");
  });
});

describe("the brief and delegation", () => {
  const { audit } = setup();
  const lines = mbrBriefLines(audit);

  test("a red metric with authority gets the owner's announcement", () => {
    expect(lines).toContain(
      "Churn is red at 3.4% against > 3%. Dana Lee is using the authority to authorize up to $10k in credits.",
    );
  });

  test("a red metric without authority asks for an owner and a lever", () => {
    expect(lines.find((l) => l.startsWith("Lead Quality is red"))).toMatch(
      /nobody holds authority: assign an owner and a lever\.$/,
    );
  });

  test("vanity metrics are listed as candidates to remove", () => {
    const at = lines.findIndex((l) => l.startsWith("Vanity metrics"));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^- Lead Quality: owner is a group, lever needs approval$/);
  });

  test("an owner's delegation text says what they own, when it trips and what they may do", () => {
    expect(delegationText(audit, "dana lee")).toBe(
      "You own Churn. If it passes 3% you may authorize up to $10k in credits without asking.",
    );
    expect(delegationText(audit, "Nobody")).toMatch(/owns no metric/);
  });
});

test("money keeps the currency the person typed; one founder-held metric reads in the singular", () => {
  const g = grid([
    ["Metric", "Dec"],
    ["CAC", 530],
  ]);
  const t = table(g, 0, [{ row: 1, name: "CAC", unit: "number" }], { valueColumns: [1], currentColumn: 1 });
  const answers = new Map([
    [metricKey("CAC"), { owner: "CEO", threshold: "> $500", lever: "cut paid ad spend by up to 20%" }],
  ]);
  const audit = auditTable({ grid: g, table: t, answers });
  const lines = mbrBriefLines(audit);
  expect(lines).toContain(
    "CAC is red at $530 against > $500. CEO is using the authority to cut paid ad spend by up to 20%.",
  );
  expect(lines).toContain("1 metric is held by the founder or CEO: delegate it.");
  expect(delegationText(audit, "CEO")).toBe(
    "You own CAC. If it passes $500 you may cut paid ad spend by up to 20% without asking.",
  );
});

describe("ownSheetConflict", () => {
  test("our own Decision Map sheet may be refreshed; somebody else's is refused", () => {
    const ours = grid([
      ["Metric", "Owner", "Threshold", "Lever", "Current value", "Status", "Red", "Reasons", "Warnings"],
    ]);
    expect(ownSheetConflict("Decision Map", ours)).toBeNull();
    expect(ownSheetConflict("Decision Map", grid([["My notes"]]))).toMatch(/Rename that sheet/);
    expect(ownSheetConflict("MBR Brief", grid([["MBR brief: Dashboard"]]))).toBeNull();
    expect(ownSheetConflict("MBR Brief", grid([["Minutes"]]))).not.toBeNull();
    expect(ownSheetConflict("MBR Brief", grid([]))).toBeNull();
  });

  test("names are compared as Excel compares them, without case", () => {
    expect(ownSheetConflict("mbr brief", grid([["Minutes"]]))).toBe(
      "The workbook already has a sheet named 'mbr brief' (Excel takes it for 'MBR Brief') that Decision Map did not make. Rename that sheet, then run again.",
    );
    expect(ownSheetConflict("DECISION MAP", grid([["My notes"]]))).toMatch(/'DECISION MAP'/);
    expect(ownSheetConflict("mbr brief", grid([["MBR brief: Dashboard"]]))).toBeNull();
  });
});

describe("a re-run plans the same highlight (found by the fuzz tests)", () => {
  /** Plans, writes the plan's cells into the grid, plans again: the rules must not move. */
  function rulesTwice(values: (string | number | boolean | null | { error: string })[][]) {
    const g1 = grid(values.map((r) => [...r]));
    const d1 = detectKpiTable(g1);
    if (!d1.ok) throw new Error(d1.message);
    const p1 = planWrite(g1, auditTable({ grid: g1, table: d1.table }));
    if (!p1.ok) throw new Error(p1.message);
    const after = values.map((r) => [...r]);
    for (const c of p1.plan.cells) after[c.row][c.col] = c.value;
    const g2 = grid(after);
    const d2 = detectKpiTable(g2);
    if (!d2.ok) throw new Error(d2.message);
    const p2 = planWrite(g2, auditTable({ grid: g2, table: d2.table }));
    if (!p2.ok) throw new Error(p2.message);
    return [p1.plan.rules.map((r) => r.range), p2.plan.rules.map((r) => r.range)];
  }
  const n = null;

  test("a stray cell under the table, beyond an empty gap", () => {
    const [once, twice] = rulesTwice([
      ["Metric", "Oct", "Nov", n, n, n, n, n],
      ["Churn", 0, 0, n, n, n, n, n],
      [n, n, n, n, n, n, n, n],
      [n, n, n, n, n, n, n, false],
    ]);
    expect(twice).toEqual(once);
  });

  test("a stray value on a labelled row past where the governance columns go", () => {
    const [once, twice] = rulesTwice([
      ["Metric", "Oct", "Nov", n, n, n, n, n, n, n],
      ["Churn", { error: "#N/A" }, 0, n, n, n, n, n, n, n],
      [n, n, n, n, n, n, n, n, n, n],
      ["=SUM(A1:A3)", n, n, n, n, n, n, n, n, 0],
    ]);
    expect(twice).toEqual(once);
  });

  test("a column without a header between an Owner column and a month is still the table's", () => {
    const g = grid([
      ["Metric", "Owner", n, "Dec"],
      ["Churn", "Dana Lee", 0.02, 0.03],
      ["NPS", "Sam Roe", 40, 41],
    ]);
    const d = detectKpiTable(g);
    if (!d.ok) throw new Error(d.message);
    expect(d.table.lastColumn).toBe(3);
  });
});

describe("replacing a sheet's own answer (the person's explicit choice)", () => {
  const sheetRows: CellValue[][] = [
    ["Metric", "Dec", "Owner", "Threshold", "Lever"],
    ["Churn", 0.034, "Sales team", "> 3%", "authorize up to $10k in credits"],
    ["NRR", 0.98, "Dana Le", "below 100%", "offer credits up to $5k per account"],
  ];
  const sheetMetrics = [
    { row: 1, name: "Churn", unit: "percent-fraction" as const },
    { row: 2, name: "NRR", unit: "percent-fraction" as const },
  ];
  const typed = new Map([
    [metricKey("Churn"), { owner: "Dana Lee" }],
    [metricKey("NRR"), { owner: "Dana Lee", lever: "" }],
  ]);
  function run(replace?: Map<string, { owner?: true; lever?: true }>) {
    const g = grid(sheetRows);
    const t = table(g, 0, sheetMetrics, {
      valueColumns: [1],
      currentColumn: 1,
      lastColumn: 4,
      governance: { owner: 2, threshold: 3, lever: 4, governance: null },
    });
    return { g, audit: auditTable({ grid: g, table: t, answers: typed, answersSource: "ask", replace }) };
  }

  test("without a confirmed replacement the sheet's cell wins and is not written", () => {
    const { g, audit } = run();
    expect(audit.metrics[0].answers.owner).toBe("Sales team");
    expect(audit.metrics[0].sources.owner).toBe("sheet");
    const result = planWrite(g, audit);
    if (!result.ok) throw new Error(result.message);
    expect(result.plan.cells.filter((c) => c.col === 2)).toEqual([]);
  });

  test("a confirmed replacement is judged and written into that one cell", () => {
    const { g, audit } = run(new Map([[metricKey("Churn"), { owner: true }]]));
    expect(audit.metrics[0].sources.owner).toBe("replaced");
    expect(audit.metrics[0].status).toBe("decision-ready");
    expect(audit.metrics[1].sources.owner).toBe("sheet");
    const result = planWrite(g, audit);
    if (!result.ok) throw new Error(result.message);
    const answerCells = result.plan.cells.filter((c) => c.col >= 2 && c.col <= 4);
    expect(answerCells).toEqual([{ row: 1, col: 2, value: "Dana Lee" }]);
  });

  test("replacing with an empty answer clears the cell, and the verdict follows", () => {
    const { g, audit } = run(new Map([[metricKey("NRR"), { lever: true }]]));
    expect(audit.metrics[1].sources.lever).toBe("replaced");
    expect(audit.metrics[1].reasons.map((r) => r.code)).toContain("lever-missing");
    const result = planWrite(g, audit);
    if (!result.ok) throw new Error(result.message);
    expect(result.plan.cells.filter((c) => c.col === 4)).toEqual([{ row: 2, col: 4, value: null }]);
  });
});

describe("placement: what is occupied space", () => {
  // A 3-metric table in A2:D5 (Metric, Nov, Dec, Target).
  const place = (extra: Partial<Grid>, edit?: (rows: CellValue[][]) => void) => {
    const copy = rows.map((r) => [...r]);
    edit?.(copy);
    const g = { ...grid(copy), ...extra };
    const { audit } = setup(g);
    return planWrite(g, audit);
  };
  const cols = (r: ReturnType<typeof planWrite>) => {
    if (!r.ok) throw new Error(r.message);
    return r.plan.columns.map((c) => c.col);
  };

  test("a formula that shows nothing is a filled cell: the columns move past it", () => {
    const formulas: (boolean | undefined)[][] = [];
    formulas[3] = [undefined, undefined, undefined, undefined, undefined, true];
    const r = place({ formulas }, (rs) => (rs[3][5] = ""));
    expect(cols(r)).toEqual([6, 7, 8, 9]);
  });

  test("a formula in an existing answer column is never written over: refused, naming the cell", () => {
    const sheet: CellValue[][] = [
      ["Metric", "Dec", "Owner"],
      ["Churn", 0.03, ""],
    ];
    const g = { ...grid(sheet), formulas: [[], [undefined, undefined, true]] };
    const t = table(g, 0, [{ row: 1, name: "Churn", unit: "percent-fraction" as const }], {
      valueColumns: [1],
      currentColumn: 1,
      lastColumn: 2,
      governance: { owner: 2, threshold: null, lever: null, governance: null },
    });
    const audit = auditTable({ grid: g, table: t, answers: new Map([[metricKey("Churn"), { owner: "Dana Lee" }]]) });
    const r = planWrite(g, audit);
    expect(r).toMatchObject({ ok: false, code: "cell-occupied", cell: "Dashboard!C2" });
    if (!r.ok) expect(r.message).toContain("holds a formula");
  });

  test("merged cells, charts, other tables and hidden columns in the table's rows are moved past", () => {
    expect(cols(place({ merges: [{ top: 2, left: 4, bottom: 3, right: 5 }] }))).toEqual([6, 7, 8, 9]);
    expect(cols(place({ drawings: [{ top: 0, left: 5, bottom: 20, right: 9 }] }))).toEqual([10, 11, 12, 13]);
    const other = {
      name: "People",
      range: { top: 3, left: 6, bottom: 9, right: 7 },
      hasHeaderRow: true,
      hasTotalsRow: false,
    };
    expect(cols(place({ tables: [other] }))).toEqual([8, 9, 10, 11]);
    expect(cols(place({ hiddenColumns: [4] }))).toEqual([5, 6, 7, 8]);
  });

  test("things outside the table's rows are not in the way", () => {
    expect(cols(place({ drawings: [{ top: 10, left: 4, bottom: 20, right: 9 }] }))).toEqual([4, 5, 6, 7]);
  });

  test("a narrow empty spacer column is skipped, never written into", () => {
    const columnWidths: (number | undefined)[] = [];
    columnWidths[4] = 1.3;
    columnWidths[5] = 3.9;
    expect(cols(place({ columnWidths }))).toEqual([6, 7, 8, 9]);
  });

  test("when the KPI table is an Excel table, the new columns join it, with names unique in it", () => {
    const own = {
      name: "KPIs",
      range: { top: 1, left: 0, bottom: 4, right: 3 },
      hasHeaderRow: true,
      hasTotalsRow: false,
    };
    const g = { ...grid(rows.map((r, i) => (i === 1 ? ["Metric", "Nov", "Dec", "Lever"] : r))), tables: [own] };
    const t = table(g, 1, metrics, { valueColumns: [1, 2], currentColumn: 2, lastColumn: 3, tableName: "KPIs" });
    const r = planWrite(g, auditTable({ grid: g, table: t, answers }));
    if (!r.ok) throw new Error(r.message);
    const created = r.plan.columns.filter((c) => c.created);
    expect(created.map((c) => [c.col, c.header, c.table])).toEqual([
      [4, "Owner", "KPIs"],
      [5, "Threshold", "KPIs"],
      [6, "Lever2", "KPIs"],
      [7, "Governance", "KPIs"],
    ]);
    expect(r.plan.cells.filter((c) => c.row === 1).map((c) => c.value)).toEqual([
      "Owner",
      "Threshold",
      "Lever2",
      "Governance",
    ]);
  });

  test("an Excel table whose neighbouring column is taken gets its columns further right, outside the table", () => {
    const own = {
      name: "KPIs",
      range: { top: 1, left: 0, bottom: 4, right: 3 },
      hasHeaderRow: true,
      hasTotalsRow: false,
    };
    const g = { ...grid(rows), tables: [own], drawings: [{ top: 0, left: 5, bottom: 3, right: 8 }] };
    const t = table(g, 1, metrics, { valueColumns: [1, 2], currentColumn: 2, lastColumn: 3, tableName: "KPIs" });
    const r = planWrite(g, auditTable({ grid: g, table: t, answers }));
    if (!r.ok) throw new Error(r.message);
    const created = r.plan.columns.filter((c) => c.created);
    // F:I lie under the chart; J:M are free, and do not join the table.
    expect(created.map((c) => [c.col, c.header, c.table])).toEqual([
      [9, "Owner", undefined],
      [10, "Threshold", undefined],
      [11, "Lever", undefined],
      [12, "Governance", undefined],
    ]);
    expect(outsideTableNote(t, r.plan.columns)).toContain("J:M stand outside the Excel table 'KPIs'");
    // The highlight covers the table and the governance columns, never the chart's columns between.
    for (const rule of r.plan.rules) expect(rule.range.right < 5 || rule.range.left > 8).toBe(true);
    expect(r.plan.rules.some((rule) => rule.range.left === 9 && rule.range.right === 12)).toBe(true);
  });
});

describe("the MBR brief says exactly what a red metric lacks", () => {
  const sheet: CellValue[][] = [
    ["Metric", "Dec"],
    ["Churn", 0.05],
    ["CAC", 600],
    ["Burn", 900],
  ];
  const ms = [
    { row: 1, name: "Churn", unit: "percent-fraction" as const },
    { row: 2, name: "CAC", unit: "number" as const },
    { row: 3, name: "Burn", unit: "number" as const },
  ];
  const given = new Map([
    [metricKey("Churn"), { owner: "Sales team", threshold: "> 3%", lever: "authorize up to $10k in credits" }],
    [metricKey("CAC"), { owner: "Dana Lee", threshold: "above 500", lever: "escalate to CEO" }],
    [metricKey("Burn"), { owner: "Marketing", threshold: "above 800", lever: "" }],
  ]);
  const g = grid(sheet);
  const lines = mbrBriefLines(
    auditTable({
      grid: g,
      table: table(g, 0, ms, { valueColumns: [1], currentColumn: 1, lastColumn: 1 }),
      answers: given,
    }),
  );
  test.each([
    ["Churn", "nobody owns it: assign an owner to use the lever."],
    ["CAC", "Dana Lee may do nothing without asking: agree on a lever."],
    ["Burn", "nobody holds authority: assign an owner and a lever."],
  ])("%s", (name, ending) => {
    const line = lines.find((l) => l.startsWith(`${name} is red`));
    expect(line).toMatch(new RegExp(`${ending.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  });
});

test("a plain-number ratio with a threshold typed as a percentage is spoken in percent", () => {
  const g = grid([
    ["Metric", "Dec"],
    ["Default ratio", 0.14],
  ]);
  const t = table(g, 0, [{ row: 1, name: "Default ratio", unit: "number" as const }], {
    valueColumns: [1],
    currentColumn: 1,
    lastColumn: 1,
  });
  const a = auditTable({
    grid: g,
    table: t,
    answers: new Map([
      [metricKey("Default ratio"), { owner: "Dana Lee", threshold: "> 5%", lever: "pause new loans for 30 days" }],
    ]),
  });
  expect(mbrBriefLines(a).find((l) => l.startsWith("Default ratio"))).toBe(
    "Default ratio is red at 14% against > 5%. Dana Lee is using the authority to pause new loans for 30 days.",
  );
  expect(delegationText(a, "Dana Lee")).toContain("If it passes 5% you may");
});
