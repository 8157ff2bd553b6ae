/** One metric's three questions: typed answers judged as typed by the core, the same judges the audit uses. */
import * as React from "react";
import { useId } from "@fluentui/react-components";
import {
  formatThresholdValue,
  isBreached,
  judgeLever,
  judgeOwner,
  parseThreshold,
  type Answers,
  type MetricAudit,
  type ValueUnit,
} from "../../governance";
import type {
  AnswerField,
  Comparator,
  MetricQuestionsProps,
  MetricQuestionsState,
  QuestionState,
} from "./MetricQuestions.types";

const FIELDS: AnswerField[] = ["owner", "threshold", "lever"];
const EMPTY: Answers = { owner: "", threshold: "", lever: "" };

const UNIT_WORDS: Record<ValueUnit, string> = {
  "percent-fraction": "a percentage",
  "percent-points": "percentage points",
  number: "a plain number",
};

/** The threshold as the core reads it: a picked comparator replaces one typed at the start. */
export function composeThreshold(comparator: Comparator, typed: string): string {
  const text = typed.trim();
  if (comparator === "" || text === "") return text;
  return `${comparator} ${text.replace(/^(>=|<=|≥|≤|>|<)\s*/, "")}`;
}

function judge(field: AnswerField, text: string, metric: MetricAudit): { error?: string; warning?: string } {
  if (text.trim() === "") return {};
  if (field === "owner") {
    const v = judgeOwner(text);
    return { error: v.reasons[0]?.message, warning: v.warnings[0]?.message };
  }
  if (field === "lever") {
    const v = judgeLever(text);
    return { error: v.reasons[0]?.message, warning: v.warnings[0]?.message };
  }
  const v = parseThreshold(text, { name: metric.name, unit: metric.unit, current: metric.current });
  if (v.reasons.length > 0) return { error: v.reasons[0].message };
  if (v.threshold && metric.current !== null && isBreached(v.threshold, metric.current)) {
    return { warning: `${metric.name} is past this threshold now: it will show as red.` };
  }
  return {};
}

export function useMetricQuestions({
  metric,
  currentHeader = "",
  busy = false,
  knownOwners = [],
  thresholdSuggestions = [],
  onSave,
  onCancel,
}: MetricQuestionsProps): MetricQuestionsState {
  const [typed, setTyped] = React.useState<Answers>(EMPTY);
  const [comparator, setComparator] = React.useState<Comparator>("");
  const ownerListId = useId("decision-map-owners");
  const formRef = React.useRef<HTMLFormElement>(null);
  // A new metric starts blank (answers never carry over) and takes the focus, so a keyboard
  // user lands on its first question rather than on a button that is gone.
  React.useEffect(() => {
    setTyped(EMPTY);
    setComparator("");
    formRef.current?.querySelector<HTMLInputElement>("input:not([readonly])")?.focus();
  }, [metric.row]);

  const answer = (field: AnswerField): string =>
    field === "threshold" ? composeThreshold(comparator, typed.threshold) : typed[field].trim();
  const asked = FIELDS.filter((f) => metric.sources[f] !== "sheet");
  const refused = asked.some((f) => judge(f, answer(f), metric).error !== undefined);
  const anything = asked.some((f) => answer(f) !== "");
  const canSave = anything && !refused && !busy;

  const now = metric.current === null ? null : formatThresholdValue(metric.current, metric.unit);
  const current = now === null ? "no current value" : `now ${now}`;
  const where = currentHeader ? ` (${currentHeader})` : "";
  const valueNote =
    now === null
      ? "This metric has no numeric current value."
      : `Current value ${now}${where}, ${UNIT_WORDS[metric.unit]}.`;

  const question = (field: AnswerField, label: string, hint: string, placeholder: string): QuestionState => {
    const fromSheet = metric.sources[field] === "sheet";
    const verdict = fromSheet ? {} : judge(field, answer(field), metric);
    return {
      field,
      label,
      hint: fromSheet ? "From the sheet: change it there." : hint,
      placeholder,
      value: fromSheet ? metric.answers[field] : typed[field],
      fromSheet,
      ...verdict,
    };
  };

  return {
    metric,
    busy,
    comparator,
    current,
    knownOwners,
    thresholdSuggestions,
    ownerListId,
    formRef,
    canSave,
    questions: {
      owner: question(
        "owner",
        "Owner",
        "The one person whose job depends on this number.",
        "e.g. Dana Lee or VP Sales",
      ),
      threshold: question(
        "threshold",
        "Threshold",
        `The number at which it is an emergency. ${valueNote}`,
        "e.g. > 3% or below 40",
      ),
      lever: question(
        "lever",
        "Lever",
        "What the owner may do without asking anyone, with a limit.",
        "e.g. authorize up to $10k in credits",
      ),
    },
    setAnswer: (field, value) => setTyped((t) => ({ ...t, [field]: value })),
    setComparator,
    submit: (event) => {
      event.preventDefault();
      // Enter submits the form even while Save is unavailable: a refused answer is never saved.
      if (!canSave) return;
      const answers: Partial<Answers> = {};
      for (const f of asked) if (answer(f) !== "") answers[f] = answer(f);
      onSave(answers);
    },
    onCancel,
  };
}
