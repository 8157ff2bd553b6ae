/**
 * One metric's three questions. Every field is editable: the sheet's own answer is prefilled
 * and tagged with its cell ("from P9"), judged by the same core judges as a typed answer, and
 * replaced only when the person edits it and confirms. Decision Map never overwrites on its own.
 */
import * as React from "react";
import { useId } from "@fluentui/react-components";
import {
  isBreached,
  judgeLever,
  judgeOwner,
  parseThreshold,
  type Answers,
  type MetricAudit,
  type ValueUnit,
} from "../../governance";
import { describeThreshold } from "../../governance/format";
import type {
  AnswerField,
  Comparator,
  MetricQuestionsProps,
  MetricQuestionsState,
  QuestionState,
  Replacements,
} from "./MetricQuestions.types";

const FIELDS: AnswerField[] = ["owner", "threshold", "lever"];

const UNIT_WORDS: Record<ValueUnit, string> = {
  "percent-fraction": "a percentage",
  "percent-points": "percentage points",
  number: "a number",
};

const LABELS: Record<AnswerField, string> = { owner: "Owner", threshold: "Threshold", lever: "Lever" };

/** The threshold as the core reads it: a picked comparator replaces one typed at the start. */
export function composeThreshold(comparator: Comparator, typed: string): string {
  const text = typed.trim();
  if (comparator === "" || text === "") return text;
  return `${comparator} ${text.replace(/^(>=|<=|≥|≤|>|<)\s*/, "")}`;
}

interface Judged {
  error?: string;
  warning?: string;
  /** For a threshold that reads: "alert when below 5.0%". */
  rule?: string;
}

function judge(field: AnswerField, text: string, metric: MetricAudit, format: string | undefined): Judged {
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
  if (v.reasons.length > 0 || !v.threshold) return { error: v.reasons[0]?.message };
  const rule = describeThreshold(v.threshold, format, metric.unit);
  if (metric.current !== null && isBreached(v.threshold, metric.current)) {
    return { rule, warning: `${metric.name} is past this threshold now: it will show as red.` };
  }
  return { rule };
}

function quoted(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return `'${t.length > 40 ? `${t.slice(0, 39)}…` : t}'`;
}

export function useMetricQuestions({
  metric,
  position,
  summary = "",
  currentText = null,
  currentHeader = "",
  currentFormat,
  cells,
  ownAnswers = {},
  busy = false,
  knownOwners = [],
  thresholdSuggestions = [],
  feedback = null,
  onSave,
  onSkip,
  onBack,
}: MetricQuestionsProps): MetricQuestionsState {
  const [values, setValues] = React.useState<Answers>(metric.answers);
  const [comparator, setComparator] = React.useState<Comparator>("");
  const [confirmingOpen, setConfirmingOpen] = React.useState(false);
  const ownerListId = useId("decision-map-owners");
  const formRef = React.useRef<HTMLFormElement>(null);
  const confirmRef = React.useRef<HTMLButtonElement>(null);

  // A new metric starts from what the sheet holds and takes the focus on the first question
  // that still needs an answer, so a keyboard user types straight away.
  // The parent keys this form by metric, so a new metric mounts afresh.
  React.useEffect(() => {
    const inputs = [...(formRef.current?.querySelectorAll<HTMLInputElement>("input[data-field]") ?? [])];
    const open = inputs.find((i) => i.value.trim() === "" || i.getAttribute("aria-invalid") === "true");
    (open ?? inputs[0])?.focus();
  }, []);

  React.useEffect(() => {
    if (confirmingOpen) confirmRef.current?.focus();
  }, [confirmingOpen]);

  const answer = (field: AnswerField): string =>
    field === "threshold" ? composeThreshold(comparator, values.threshold) : values[field].trim();
  const original = (field: AnswerField) => metric.answers[field].trim();
  const isChanged = (field: AnswerField) => answer(field) !== original(field);
  const fromSheet = (field: AnswerField) => metric.sources[field] === "sheet" && original(field) !== "";
  const changedFields = FIELDS.filter(isChanged);
  const verdicts = Object.fromEntries(FIELDS.map((f) => [f, judge(f, answer(f), metric, currentFormat)])) as Record<
    AnswerField,
    Judged
  >;
  const refused = changedFields.some((f) => verdicts[f].error !== undefined);
  const canSave = !refused && !busy;
  // Cells the person's edit would replace, other than the ones this pane wrote itself.
  const toConfirm = changedFields.filter((f) => fromSheet(f) && ownAnswers[f]?.trim() !== original(f));

  const where = currentHeader ? ` (${currentHeader})` : "";
  const current = currentText === null ? "no current value" : `now ${currentText}${where}`;
  const valueNote =
    currentText === null
      ? "This metric has no numeric current value."
      : `Current value ${currentText}${where}, ${UNIT_WORDS[metric.unit]}.`;

  const question = (field: AnswerField, hint: string, placeholder: string): QuestionState => {
    const cell = cells[field];
    const sheetValue = fromSheet(field);
    const v = verdicts[field];
    const replaces = sheetValue && isChanged(field);
    let fieldHint = hint;
    if (field === "threshold" && v.rule) fieldHint = `Read as: ${v.rule}. ${valueNote}`;
    else if (field === "threshold") fieldHint = `${hint} ${valueNote}`;
    if (replaces && cell) fieldHint = `Saving replaces ${cell} (${quoted(original(field))}). ${fieldHint}`;
    else if (sheetValue && cell) fieldHint = `From the sheet's cell ${cell}: edit it here to replace it. ${fieldHint}`;
    return {
      field,
      label: LABELS[field],
      hint: fieldHint,
      placeholder,
      value: values[field],
      tag: sheetValue && cell && !isChanged(field) ? `from ${cell}` : "",
      replaces,
      error: v.error,
      warning: v.warning,
    };
  };

  const save = () => {
    const answers: Partial<Answers> = {};
    const replace: Replacements = {};
    for (const f of changedFields) {
      answers[f] = answer(f);
      if (fromSheet(f)) replace[f] = true;
    }
    setConfirmingOpen(false);
    onSave(answers, replace);
  };

  const confirming =
    confirmingOpen && toConfirm.length > 0
      ? `Replace ${toConfirm
          .map(
            (f) =>
              `${cells[f] ?? LABELS[f]} (${quoted(original(f))}) with ${answer(f) === "" ? "nothing" : quoted(answer(f))}`,
          )
          .join(", ")}?`
      : null;

  return {
    metric,
    position,
    summary,
    busy,
    comparator,
    current,
    knownOwners,
    thresholdSuggestions,
    ownerListId,
    formRef,
    confirmRef,
    canSave,
    changed: changedFields.length > 0,
    confirming,
    feedback,
    questions: {
      owner: question("owner", "The one person whose job depends on this number.", "e.g. Dana Lee or VP Sales"),
      threshold: question("threshold", "The number at which it is an emergency.", "e.g. > 3% or below 40"),
      lever: question(
        "lever",
        "What the owner may do without asking anyone, with a limit.",
        "e.g. authorize up to $10k in credits",
      ),
    },
    setAnswer: (field, value) => {
      setConfirmingOpen(false);
      setValues((t) => ({ ...t, [field]: value }));
    },
    setComparator: (c) => {
      setConfirmingOpen(false);
      setComparator(c);
    },
    submit: (event) => {
      event.preventDefault();
      // Enter submits the form even while Save is unavailable: a refused answer is never saved.
      if (!canSave) return;
      if (changedFields.length === 0) {
        onSave({}, {});
        return;
      }
      if (toConfirm.length > 0 && !confirmingOpen) {
        setConfirmingOpen(true);
        return;
      }
      save();
    },
    confirm: () => {
      if (canSave) save();
    },
    cancelConfirm: () => setConfirmingOpen(false),
    onSkip,
    onBack,
  };
}
