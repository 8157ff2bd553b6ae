/**
 * Threshold suggestions from what the sheet already says: its own red highlight rules ("this
 * sheet already turns Churn red above 3%"), its status bands, its Target column and the
 * target a layout read for the current period. A suggestion is offered,
 * never written: the person decides.
 */
import { cellAt, columnLetter, type Grid, type GridConditionalFormat } from "./grid";
import { metricDirection } from "./lexicon";
import { formatThresholdValue } from "./threshold";
import type { Direction, KpiTable, MetricAudit } from "./types";

export interface ThresholdSuggestion {
  /** The answer to offer, as a person would type it ("> 3%"). */
  text: string;
  /** Where it comes from, in a sentence. */
  why: string;
}

const OPERATORS: Record<string, { direction: Direction; sign: string; words: string }> = {
  greaterThan: { direction: "above", sign: ">", words: "above" },
  greaterThanOrEqual: { direction: "above", sign: ">=", words: "at or above" },
  lessThan: { direction: "below", sign: "<", words: "below" },
  lessThanOrEqual: { direction: "below", sign: "<=", words: "at or below" },
};

const TARGET_HEADER = /\b(target|goal|plan|budget)\b/i;

/** Whether a colour reads as red or pink (a highlight meaning "bad"); unknown colours count. */
function reddish(color: string | undefined): boolean {
  if (color === undefined) return true;
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return true;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16));
  return r >= 0xc0 && r - g >= 0x30 && r - b >= 0x20;
}

function coversRow(rule: GridConditionalFormat, row: number, columns: number[]): boolean {
  return rule.ranges.some((r) => r.top <= row && row <= r.bottom && columns.some((c) => r.left <= c && c <= r.right));
}

export function suggestThresholds(grid: Grid, table: KpiTable, metric: MetricAudit): ThresholdSuggestion[] {
  const out: ThresholdSuggestion[] = [];
  // The sheet's own status bands: where its red band starts.
  if (metric.thresholdHint) out.push({ text: metric.thresholdHint.text, why: `From ${metric.thresholdHint.why}.` });
  const valueColumns =
    metric.currentColumn !== null ? [...table.valueColumns, metric.currentColumn] : table.valueColumns;
  for (const rule of grid.conditionalFormats) {
    const op = rule.operator !== undefined ? OPERATORS[rule.operator] : undefined;
    if (rule.type !== "cellIs" || op === undefined || rule.formulas.length !== 1) continue;
    const value = Number(rule.formulas[0]);
    if (!Number.isFinite(value) || !reddish(rule.color) || !coversRow(rule, metric.row, valueColumns)) continue;
    const shown = formatThresholdValue(value, metric.unit);
    if (out.some((s) => s.text === `${op.sign} ${shown}`)) continue;
    out.push({ text: `${op.sign} ${shown}`, why: `This sheet already turns ${metric.name} red ${op.words} ${shown}.` });
  }
  const bad = metricDirection(metric.name);
  const way = metric.direction?.direction ?? bad;
  if (metric.target !== undefined) {
    // The target the layout read for the current period (the month's Target under a two-row
    // header, the matching Estimated / Plan column, the row's Target cell): the other periods'
    // targets are not this period's, so only this one is offered.
    if (way !== null) {
      const shown = formatThresholdValue(metric.target, metric.unit);
      const text = `${way === "above" ? ">" : "<"} ${shown}`;
      const period = metric.currentPeriod ? ` (${metric.currentPeriod})` : "";
      if (!out.some((s) => s.text === text))
        out.push({
          text,
          why: `The sheet's target for the current period${period} is ${shown}; missing it is one possible trigger.`,
        });
    }
    return out;
  }
  for (const col of table.referenceColumns) {
    const header = table.headers[col] ?? "";
    const target = cellAt(grid, metric.row, col);
    if (way === null || !TARGET_HEADER.test(header) || typeof target !== "number") continue;
    const shown = formatThresholdValue(target, metric.unit);
    const text = `${way === "above" ? ">" : "<"} ${shown}`;
    if (out.some((s) => s.text === text)) continue;
    out.push({
      text,
      why: `${header} in column ${columnLetter(col)} is ${shown}; missing it is one possible trigger.`,
    });
  }
  return out;
}
