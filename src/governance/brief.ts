/**
 * What a person takes away: the MBR brief for the monthly business review, and each
 * owner's delegation text, ready to send.
 */
import { ownerKey, shortReasonsText } from "./audit";
import { formatCellValue, formatCellValueExactly, isDateFormat } from "./format";
import { numberFormatAt, type Grid } from "./grid";
import { formatThresholdValue } from "./threshold";
import type { Audit, MetricAudit, Threshold } from "./types";

/** "pause the pricing rollout" from "Pause the pricing rollout." (keeps "CEO", "NPS"). */
function leverPhrase(lever: string): string {
  const t = lever.trim().replace(/[.!]+$/, "");
  const first = t.split(/\s+/)[0] ?? "";
  const isAcronym = first.length > 1 && first === first.toUpperCase();
  return isAcronym ? t : t.charAt(0).toLowerCase() + t.slice(1);
}

/**
 * A value as the sheet shows it, so the brief speaks in the sheet's units: by the number
 * format of the metric's current cell ("0.0%" → "3.4%", "$#,##0.0,,\"M\"" → "$1.2M") when the
 * grid is known; else by the unit the sheet states ("12 days", "$1,200", "7%" for a Unit "%"
 * holding 7); else in the metric's units, with the currency the person typed in the threshold
 * ("$500"). A plain-number ratio whose threshold was typed as a percentage ("< 5%") is spoken
 * as one: "drops below 5%", "at 14%", never "below 0.05".
 */
function amount(value: number, m: MetricAudit, grid?: Grid): string {
  if (grid !== undefined && m.currentCell !== null) {
    const format = numberFormatAt(grid, m.currentCell.row, m.currentCell.col);
    if (!/^\s*general\s*$/i.test(format) && format.trim() !== "" && !isDateFormat(format))
      return formatCellValue(value, format, m.unit);
  }
  const asPercent = m.unit === "number" && m.threshold?.percent === true;
  const text = formatThresholdValue(value, asPercent ? "percent-fraction" : m.unit);
  if (!asPercent && m.unit === "number" && m.unitLabel !== undefined) {
    const label = m.unitLabel.trim();
    const symbol = /^([$€£¥₹])\s?([a-z]{0,2})$/i.exec(label);
    if (symbol) {
      const body = text.startsWith("-") ? text.slice(1) : text;
      return `${text.startsWith("-") ? "-" : ""}${symbol[1]}${body}${symbol[2]}`;
    }
    if (label === "%") return `${text}%`;
    if (/^\p{L}[\p{L}\s./]*$/u.test(label)) return `${text} ${label}`;
  }
  const currency = m.unit === "number" ? /[$€£¥₹]/.exec(m.answers.threshold)?.[0] : undefined;
  if (currency === undefined) return text;
  return text.startsWith("-") ? `-${currency}${text.slice(1)}` : `${currency}${text}`;
}

/**
 * A trigger as the sheet would show it ("drops below $1.2M" under `"$"#,##0.0,,"M"`) when the
 * current cell's format shows it exactly; else in the metric's units: never rounded by the
 * cell's format ("> 3.5" on a "0" cell stays 3.5).
 */
function triggerPhrase(t: Threshold, m: MetricAudit, grid?: Grid): string {
  const format =
    grid !== undefined && m.currentCell !== null ? numberFormatAt(grid, m.currentCell.row, m.currentCell.col) : null;
  const value = formatCellValueExactly(t.value, format) ?? amount(t.value, m);
  return t.direction === "above" ? `passes ${value}` : `drops below ${value}`;
}

function currentPhrase(m: MetricAudit, grid?: Grid): string {
  return m.current === null ? "" : ` at ${amount(m.current, m, grid)}`;
}

/**
 * The lines of the MBR brief: red metrics with and without authority, then vanity metrics.
 * With the sheet's grid, values read in the sheet's number formats.
 */
export function mbrBriefLines(audit: Audit, grid?: Grid): string[] {
  const { summary, metrics } = audit;
  const lines: string[] = [
    `MBR brief: ${audit.table.sheetName}`,
    `${summary.ratio}. ${summary.decisionReady} decision-ready, ${summary.incomplete} incomplete, ${summary.vanity} vanity.`,
    "",
  ];
  const red = metrics.filter((m) => m.breached === true);
  lines.push(red.length === 0 ? "No metric is red." : "Red metrics:");
  for (const m of red) {
    if (m.status === "decision-ready" && m.owner !== null) {
      lines.push(
        `${m.name} is red${currentPhrase(m, grid)} against ${m.answers.threshold}. ` +
          `${m.owner} is using the authority to ${leverPhrase(m.answers.lever)}.`,
      );
    } else {
      lines.push(`${m.name} is red${currentPhrase(m, grid)} against ${m.answers.threshold} ${missingAuthority(m)}`);
    }
  }
  const unknown = metrics.filter((m) => m.breached === null && m.threshold !== null);
  if (unknown.length > 0) {
    lines.push("", `No current value to compare: ${unknown.map((m) => m.name).join(", ")}.`);
  }
  const vanity = metrics.filter((m) => m.status === "vanity");
  lines.push("");
  if (vanity.length === 0) lines.push("No vanity metrics: every metric has an owner with authority.");
  else {
    lines.push("Vanity metrics (candidates to remove from the dashboard, or to give an owner and a lever):");
    for (const m of vanity) lines.push(`- ${m.name}: ${shortReasonsText(m)}`);
  }
  const incomplete = metrics.filter((m) => m.status === "incomplete");
  if (incomplete.length > 0) {
    lines.push("", "Owned but without a trigger (agree on the number at which each is an emergency):");
    for (const m of incomplete) lines.push(`- ${m.name} (${m.owner ?? "no owner"})`);
  }
  const overloaded = summary.owners.filter((o) => o.overloaded);
  if (overloaded.length > 0) {
    lines.push("", `Overloaded owners: ${overloaded.map((o) => `${o.owner} (${o.metrics})`).join(", ")}.`);
  }
  if (summary.founderHeld > 0) {
    const one = summary.founderHeld === 1;
    lines.push(
      "",
      `${summary.founderHeld} metric${one ? " is" : "s are"} held by the founder or CEO: delegate ${one ? "it" : "them"}.`,
    );
  }
  return lines;
}

/** Owners with at least one sound metric, in the order of the summary's owner load. */
export function delegationOwners(audit: Audit): string[] {
  return audit.summary.owners.map((o) => o.owner);
}

/**
 * The text a person sends an owner: what they own, when it trips, what they may do; with the
 * sheet's grid, triggers read in its formats ("drops below $1.2M").
 */
export function delegationText(audit: Audit, owner: string, grid?: Grid): string {
  const key = ownerKey(owner);
  const mine = audit.metrics.filter((m) => m.owner !== null && ownerKey(m.owner) === key);
  if (mine.length === 0) return `${owner} owns no metric in ${audit.table.sheetName}.`;
  const lines = mine.map((m) => {
    const lever = m.answers.lever.trim() === "" ? "" : leverPhrase(m.answers.lever);
    if (m.threshold === null) {
      return (
        `You own ${m.name}. Its trigger is not set yet: agree on the number at which it is an emergency.` +
        (lever && m.status !== "vanity" ? ` When it trips you may ${lever} without asking.` : "")
      );
    }
    if (m.status === "vanity") {
      return `You own ${m.name}. If it ${triggerPhrase(m.threshold, m, grid)}, you do not yet hold a lever: agree on what you may do without asking.`;
    }
    return `You own ${m.name}. If it ${triggerPhrase(m.threshold, m, grid)} you may ${lever} without asking.`;
  });
  return lines.join("\n");
}

/** What a red metric lacks before someone can act on it, in the brief's words: exactly what is missing. */
function missingAuthority(m: MetricAudit): string {
  const noOwner = m.owner === null;
  const noLever = m.reasons.some((r) => r.code.startsWith("lever-"));
  if (noOwner && noLever) return "and nobody holds authority: assign an owner and a lever.";
  if (noOwner) return "and nobody owns it: assign an owner to use the lever.";
  if (noLever) return `and ${m.owner} may do nothing without asking: agree on a lever.`;
  return `and ${m.owner} owns it, but its trigger is unclear: agree on the number at which it is an emergency.`;
}
