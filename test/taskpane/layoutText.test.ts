/**
 * What the pane says and follows on sheets of each layout, through `decide` (the real
 * detection, or a stand-in reader where this branch has none yet: see layoutSheets.ts).
 */
import { answerCell, decide, describeTable, hasGovernanceCells, type Grid } from "../../src/governance";
import { describeDetection, metricWhy, periodText } from "../../src/taskpane/decisionMap/core";
import { editConcernsTable, tableChoiceText } from "../../src/taskpane/decisionMap/useDecisionMap";
import { blocksSheet, columnsSheet, ensureLayout } from "./layoutSheets";

beforeAll(() => {
  ensureLayout(columnsSheet(), "columns");
  ensureLayout(columnsSheet({ sideTable: true }), "columns");
  ensureLayout(blocksSheet(), "blocks");
});

function decided(g: Grid) {
  const d = decide({ grid: g, plan: false });
  if (!d.ok) throw new Error(d.message);
  return d;
}

describe("metrics as columns", () => {
  test("the table line names its cells, sheet and layout", () => {
    const d = decided(columnsSheet());
    expect(d.table.orientation).toBe("columns");
    expect(describeTable(d.table)).toMatch(/^Table A1:D1\d on Data · metrics as columns$/);
  });

  test("the metrics are the header cells across; the current values are in the last filled period's row", () => {
    const g = columnsSheet();
    const d = decided(g);
    expect(describeDetection(d.audit, g)).toBe("3 metrics in Data!B1:D1, current values in row 10 (Sep)");
  });

  test("a metric's value is shown in its own cell's format, with its period", () => {
    const g = columnsSheet();
    const d = decided(g);
    const mrr = d.audit.metrics.find((m) => /^MRR/.test(m.name))!;
    const churn = d.audit.metrics.find((m) => /^Churn/.test(m.name))!;
    expect(metricWhy(g, mrr)).toMatch(/^no owner · \$1,250 · /);
    expect(metricWhy(g, churn)).toMatch(/^no owner · 3\.4% · /);
    expect(periodText(g, d.audit, mrr)).toBe("Sep");
  });

  test("the owner answer's cell is the side table's, not (metric row, a column)", () => {
    const g = columnsSheet({ sideTable: true });
    const d = decided(g);
    const mrr = d.audit.metrics.find((m) => /^MRR/.test(m.name))!;
    expect(mrr.answers.owner).toBe("Dana Lee");
    expect(answerCell(d.table, mrr.row, "owner")).toEqual({ row: 1, col: 6 });
    expect(answerCell(d.table, mrr.row, "governance")).toEqual({ row: 1, col: 9 });
  });

  test("edits that change a metric (a value, next month's row, a side-table answer) are followed; verdict cells alone and cells far away are not", () => {
    const g = columnsSheet({ sideTable: true });
    const { audit } = decided(g);
    expect(editConcernsTable(audit, "Data!B10")).toBe(true); // Sep's MRR
    expect(editConcernsTable(audit, "Data!C11")).toBe(true); // Oct's churn typed in
    expect(editConcernsTable(audit, "Data!G3")).toBe(true); // Churn's owner in the side table
    expect(editConcernsTable(audit, "Data!J2")).toBe(false); // MRR's verdict
    expect(editConcernsTable(audit, "Data!J2:J4")).toBe(false); // every verdict
    expect(editConcernsTable(audit, "Data!Z40")).toBe(false);
  });

  test("no side table yet: nothing of ours is on the sheet, and no answer cell is known", () => {
    const d = decided(columnsSheet());
    expect(hasGovernanceCells(d.table)).toBe(false);
    expect(answerCell(d.table, d.audit.metrics[0].row, "owner")).toBeNull();
  });

  test("as a choice in the picker: where, layout, how many metrics", () => {
    const d = decided(columnsSheet());
    expect(tableChoiceText(d.table)).toMatch(/^Table A1:D1\d · metrics as columns · 3 metrics$/);
  });
});

describe("one KPI as label / value cells", () => {
  test("the table line and the detection: one metric, its current value where the last actual is, with its month", () => {
    const g = blocksSheet();
    const d = decided(g);
    expect(d.table.orientation).toBe("blocks");
    expect(describeTable(d.table)).toMatch(/ on Goal · one KPI per block$/);
    expect(describeDetection(d.audit, g)).toMatch(/^1 metric in Goal![A-Z]+\d+, current value in D18 \(Sep 2025\)$/);
  });

  test("the owner answer's cell is the value cell beside 'Owners', and a placeholder there is no owner", () => {
    const g = blocksSheet();
    const d = decided(g);
    const [m] = d.audit.metrics;
    expect(answerCell(d.table, m.row, "owner")).toEqual({ row: 3, col: 2 });
    expect(m.owner).toBeNull();
    expect(m.status).toBe("vanity");
  });

  test("an edit to the owner's value cell or to an actual is followed", () => {
    const { audit } = decided(blocksSheet());
    expect(editConcernsTable(audit, "Goal!C4")).toBe(true);
    expect(editConcernsTable(audit, "Goal!D19")).toBe(true); // October's actual
    expect(editConcernsTable(audit, "Goal!Z1")).toBe(false);
  });
});
