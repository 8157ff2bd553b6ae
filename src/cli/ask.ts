/**
 * --ask: for each metric still missing an answer, ask in the terminal and validate each
 * answer as it is typed, with the core's own reason ("'Sales team' is a team: name one person").
 */
import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import { metricKey } from "../governance/audit";
import { judgeLever } from "../governance/lever";
import { judgeOwner } from "../governance/owner";
import { formatThresholdValue, parseThreshold } from "../governance/threshold";
import type { Answers, Audit, MetricAudit, Reason } from "../governance/types";

const QUESTIONS: Record<keyof Answers, string> = {
  owner: "Who is the one person whose job depends on this number?",
  threshold: "At what number is it an emergency? (e.g. > 3%, below 40)",
  lever: "What may the owner do, without asking anyone, when it trips?",
};

function problems(field: keyof Answers, text: string, m: MetricAudit): Reason[] {
  if (field === "owner") return judgeOwner(text).reasons;
  if (field === "lever") return judgeLever(text).reasons;
  return parseThreshold(text, { name: m.name, unit: m.unit, current: m.current }).reasons;
}

/**
 * Asks for each answer that is missing (never for one the sheet already holds: that cell is
 * the person's). An empty line skips. Returns the answers given, keyed like an answers file.
 */
export async function askForAnswers(
  audit: Audit,
  input: Readable,
  output: Writable,
): Promise<Map<string, Partial<Answers>>> {
  const given = new Map<string, Partial<Answers>>();
  const rl = createInterface({ input, output, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | null> => {
    output.write(prompt);
    const next = await lines.next();
    return next.done ? null : String(next.value).trim();
  };
  const todo = audit.metrics.filter((m) =>
    (["owner", "threshold", "lever"] as const).some((f) => m.sources[f] === "none"),
  );
  output.write(`${todo.length} metric${todo.length === 1 ? "" : "s"} to answer. Press Enter to skip a question.\n`);
  try {
    for (const m of todo) {
      const current = m.current === null ? "no current value" : `now ${formatThresholdValue(m.current, m.unit)}`;
      output.write(`\n${m.name} (row ${m.row + 1}, ${current})\n`);
      const answers: Partial<Answers> = {};
      for (const field of ["owner", "threshold", "lever"] as const) {
        if (m.sources[field] !== "none") continue;
        for (;;) {
          const text = await ask(`  ${QUESTIONS[field]}\n  ${field}> `);
          if (text === null) return given;
          if (text === "") break;
          const found = problems(field, text, m);
          if (found.length === 0) {
            answers[field] = text;
            break;
          }
          output.write(`  ${found.map((r) => r.message).join(" ")}\n`);
        }
      }
      if (Object.keys(answers).length > 0) given.set(metricKey(m.name), answers);
    }
  } finally {
    rl.close();
  }
  return given;
}
