/**
 * The three questions for one metric, validated as typed with the core's own reasons. An
 * answer already in the sheet is shown, not asked: that cell is the person's.
 */
import * as React from "react";
import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { judgeLever } from "../governance/lever";
import { judgeOwner } from "../governance/owner";
import { formatThresholdValue, parseThreshold } from "../governance/threshold";
import type { ThresholdSuggestion } from "../governance/suggest";
import type { Answers, MetricAudit } from "../governance/types";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
  suggestion: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  suggestionButton: { flexShrink: 0 },
});

const QUESTIONS: Record<keyof Answers, { label: string; hint: string }> = {
  owner: { label: "Owner", hint: "The one person whose job depends on this number, e.g. Dana Lee or VP Sales." },
  threshold: { label: "Threshold", hint: "The number at which it is an emergency, e.g. > 3% or below 40." },
  lever: { label: "Lever", hint: "What the owner may do without asking anyone, e.g. authorize up to $10k in credits." },
};

export interface MetricQuestionsProps {
  /** The metric being asked about. */
  metric: MetricAudit;
  /** Whether a save is in progress. @default false */
  busy?: boolean;
  /** Owners already named on the sheet, offered as suggestions. @default [] */
  knownOwners?: string[];
  /** Thresholds the sheet already implies (its red rules, its Target column). @default [] */
  thresholdSuggestions?: ThresholdSuggestion[];
  /** Saves the answers typed (only the ones the sheet does not hold). */
  onSave(answers: Partial<Answers>): void;
  /** Goes back to the list without saving. */
  onCancel(): void;
}

export function MetricQuestions({
  metric,
  busy = false,
  knownOwners = [],
  thresholdSuggestions = [],
  onSave,
  onCancel,
}: MetricQuestionsProps): React.JSX.Element {
  const styles = useStyles();
  const [typed, setTyped] = React.useState<Answers>({ owner: "", threshold: "", lever: "" });
  React.useEffect(() => setTyped({ owner: "", threshold: "", lever: "" }), [metric.row]);

  const asked = (["owner", "threshold", "lever"] as const).filter((f) => metric.sources[f] !== "sheet");
  const problem = (field: keyof Answers, text: string): string | undefined => {
    if (text.trim() === "") return undefined;
    const reasons =
      field === "owner"
        ? judgeOwner(text).reasons
        : field === "lever"
          ? judgeLever(text).reasons
          : parseThreshold(text, { name: metric.name, unit: metric.unit, current: metric.current }).reasons;
    return reasons[0]?.message;
  };
  const problems = asked.map((f) => problem(f, typed[f])).filter(Boolean);
  const anything = asked.some((f) => typed[f].trim() !== "");
  const current = metric.current === null ? "no current value" : `now ${formatThresholdValue(metric.current, metric.unit)}`;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (problems.length > 0 || !anything || busy) return;
    const answers: Partial<Answers> = {};
    for (const f of asked) if (typed[f].trim() !== "") answers[f] = typed[f].trim();
    onSave(answers);
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label={`Questions for ${metric.name}`}>
      <Text weight="semibold" size={400}>
        {metric.name} <Text size={200}>({current})</Text>
      </Text>
      {(["owner", "threshold", "lever"] as const).map((field) => {
        const fromSheet = metric.sources[field] === "sheet";
        const error = fromSheet ? undefined : problem(field, typed[field]);
        const question = (
          <Field
            label={QUESTIONS[field].label}
            hint={fromSheet ? "From the sheet: change it there." : QUESTIONS[field].hint}
            validationState={error ? "error" : "none"}
            validationMessage={error}
          >
            <Input
              input={field === "owner" ? { list: "decision-map-owners" } : undefined}
              value={fromSheet ? metric.answers[field] : typed[field]}
              readOnly={fromSheet}
              onChange={(_, d) => setTyped((t) => ({ ...t, [field]: d.value }))}
              contentAfter={field === "threshold" ? <Text size={200}>{current}</Text> : undefined}
            />
          </Field>
        );
        const suggestions =
          field === "threshold" && !fromSheet
            ? thresholdSuggestions.map((s) => (
                <div key={s.text} className={styles.suggestion}>
                  <Button
                    className={styles.suggestionButton}
                    size="small"
                    type="button"
                    onClick={() => setTyped((t) => ({ ...t, threshold: s.text }))}
                  >
                    Use {s.text}
                  </Button>
                  <Text size={200}>{s.why}</Text>
                </div>
              ))
            : null;
        return (
          <React.Fragment key={field}>
            {question}
            {suggestions}
          </React.Fragment>
        );
      })}
      <datalist id="decision-map-owners">
        {knownOwners.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || problems.length > 0 || !anything}>
          Save and next
        </Button>
        <Button type="button" onClick={onCancel}>
          Back to the list
        </Button>
      </div>
    </form>
  );
}
