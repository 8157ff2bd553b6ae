/** The markup of one metric's detail view: pure, from the state and the styles. */
import * as React from "react";
import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import type { Comparator, MetricQuestionsState, QuestionState } from "./MetricQuestions.types";
import type { MetricQuestionsStyles } from "./useMetricQuestionsStyles.styles";

const COMPARATORS: { value: Comparator; label: string }[] = [
  { value: "", label: "as typed" },
  { value: ">", label: "above (>)" },
  { value: ">=", label: "at or above (≥)" },
  { value: "<", label: "below (<)" },
  { value: "<=", label: "at or below (≤)" },
];

function validation(q: QuestionState) {
  if (q.error) return { validationState: "error" as const, validationMessage: q.error };
  if (q.warning) return { validationState: "warning" as const, validationMessage: q.warning };
  return { validationState: "none" as const };
}

export function renderMetricQuestions(state: MetricQuestionsState, styles: MetricQuestionsStyles): React.JSX.Element {
  const { metric, questions } = state;
  const input = (q: QuestionState, extra: Partial<React.ComponentProps<typeof Input>> = {}) => (
    <Input
      value={q.value}
      placeholder={q.placeholder}
      data-field={q.field}
      onChange={(_, d) => state.setAnswer(q.field, d.value)}
      contentAfter={
        q.tag ? (
          <Text size={200} className={styles.tag}>
            {q.tag}
          </Text>
        ) : undefined
      }
      {...extra}
    />
  );
  const owner = questions.owner;
  const threshold = questions.threshold;
  const lever = questions.lever;

  return (
    <form
      ref={state.formRef}
      className={styles.form}
      onSubmit={state.submit}
      aria-label={`Questions for ${metric.name}`}
    >
      <div className={styles.body}>
        <nav className={styles.nav} aria-label="Metric">
          <Button appearance="subtle" size="small" type="button" onClick={state.onBack}>
            ← Back
          </Button>
          <Text size={200} aria-hidden="true">
            ·
          </Text>
          <Text size={200}>
            Metric {state.position.index + 1} of {state.position.total}
          </Text>
        </nav>
        {state.summary && (
          <Text size={200} className={styles.muted}>
            {state.summary}
          </Text>
        )}
        <div className={styles.heading}>
          <Text as="h2" weight="semibold" size={400} className={styles.name}>
            {metric.name}
          </Text>
          <Text size={200} className={styles.muted}>
            {state.current}
          </Text>
        </div>

        <Field label={owner.label} hint={owner.hint} {...validation(owner)}>
          {input(owner, { input: { list: state.ownerListId } })}
        </Field>
        <datalist id={state.ownerListId}>
          {state.knownOwners.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>

        <div className={styles.threshold}>
          <Field label="Alert when" className={styles.comparator}>
            <Select value={state.comparator} onChange={(_, d) => state.setComparator(d.value as Comparator)}>
              {COMPARATORS.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label={threshold.label}
            hint={threshold.hint}
            className={styles.thresholdValue}
            {...validation(threshold)}
          >
            {input(threshold)}
          </Field>
        </div>
        {state.thresholdSuggestions.length > 0 && (
          <div className={styles.suggestions} role="group" aria-label="Suggested thresholds">
            {state.thresholdSuggestions.map((s) => (
              <div key={s.text} className={styles.suggestion}>
                <Button
                  className={styles.suggestionButton}
                  size="small"
                  type="button"
                  onClick={() => {
                    state.setComparator("");
                    state.setAnswer("threshold", s.text);
                  }}
                >
                  Use {s.text}
                </Button>
                <Text size={200}>{s.why}</Text>
              </div>
            ))}
          </div>
        )}

        <Field label={lever.label} hint={lever.hint} {...validation(lever)}>
          {input(lever)}
        </Field>
      </div>

      <footer className={styles.footer}>
        {state.feedback}
        {state.confirming ? (
          <div className={styles.actions}>
            <Text size={200} className={styles.confirm}>
              {state.confirming} It is your cell: Decision Map changes it only when you say so.
            </Text>
            <Button ref={state.confirmRef} appearance="primary" type="button" onClick={state.confirm}>
              Replace and save
            </Button>
            <Button type="button" onClick={state.cancelConfirm}>
              Keep the sheet&apos;s
            </Button>
          </div>
        ) : (
          <div className={styles.actions}>
            {/* disabledFocusable: Tab still reaches Save, and a screen reader says why it is unavailable. */}
            <Button appearance="primary" type="submit" disabledFocusable={!state.canSave}>
              {state.changed ? "Save and next" : "Next"}
            </Button>
            <Button type="button" onClick={state.onSkip}>
              Skip
            </Button>
          </div>
        )}
      </footer>
    </form>
  );
}
