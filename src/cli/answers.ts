/** Reading an answers file (CSV or JSON: metric, owner, threshold, lever). */
import { parse } from "csv-parse/sync";
import { metricKey, type ExternalAnswers } from "../governance/audit";
import type { Answers } from "../governance/types";
import { UsageError } from "./errors";

const FIELDS = ["owner", "threshold", "lever"] as const;

function fromRecords(records: unknown[], file: string): ExternalAnswers {
  const map = new Map<string, Partial<Answers>>();
  records.forEach((record, i) => {
    if (typeof record !== "object" || record === null) {
      throw new UsageError(
        `Answers file ${file}: entry ${i + 1} is not an object with metric, owner, threshold, lever.`,
      );
    }
    const lower = new Map(Object.entries(record).map(([k, v]) => [k.trim().toLowerCase(), v as unknown]));
    const metric = lower.get("metric");
    if (metric !== undefined && metric !== null && typeof metric !== "string") {
      throw new UsageError(
        `Answers file ${file}: entry ${i + 1} has a 'metric' that is ${kindOf(metric)}, not text. Write the metric's name as it appears in the sheet, e.g. "metric": "Churn".`,
      );
    }
    if (typeof metric !== "string" || metric.trim() === "") {
      throw new UsageError(
        `Answers file ${file}: entry ${i + 1} has no 'metric'. Each entry needs metric, owner, threshold, lever.`,
      );
    }
    const answers: Partial<Answers> = {};
    for (const field of FIELDS) {
      const v = lower.get(field);
      if (v === undefined || v === null) continue;
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
        throw new UsageError(
          `Answers file ${file}: in entry ${i + 1} ('${metric.trim().slice(0, 60)}'), '${field}' is ${kindOf(v)}, not text. Write it as text, e.g. "${field}": "${EXAMPLES[field]}".`,
        );
      }
      answers[field] = String(v);
    }
    map.set(metricKey(metric), answers);
  });
  return map;
}

const EXAMPLES: Record<(typeof FIELDS)[number], string> = {
  owner: "Dana Lee",
  threshold: "> 3%",
  lever: "pause the pricing rollout for 30 days",
};

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Parses answers from a file's text; `file` names it in messages. */
export function parseAnswers(text: string, file: string): ExternalAnswers {
  const body = text.replace(/^\uFEFF/, "");
  if (/\.json$/i.test(file) || /^\s*[[{]/.test(body)) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (e) {
      throw new UsageError(`Answers file ${file} is not valid JSON (${(e as Error).message}).`);
    }
    const list = Array.isArray(data)
      ? data
      : typeof data === "object" && data !== null
        ? (data as { metrics?: unknown }).metrics
        : undefined;
    if (!Array.isArray(list)) {
      throw new UsageError(`Answers file ${file} must hold a list of {metric, owner, threshold, lever}.`);
    }
    return fromRecords(list, file);
  }
  let records: unknown[];
  try {
    records = parse(body, { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (e) {
    throw new UsageError(`Answers file ${file} is not valid CSV (${(e as Error).message}).`);
  }
  if (records.length > 0 && !Object.keys(records[0] as object).some((k) => k.trim().toLowerCase() === "metric")) {
    throw new UsageError(`Answers file ${file} needs a header row: metric,owner,threshold,lever.`);
  }
  return fromRecords(records, file);
}
