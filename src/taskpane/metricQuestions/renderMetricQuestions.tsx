/** The markup of one metric's questions: pure, from the state and the styles. */
import * as React from "react";
import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import type { Comparator, MetricQuestionsState, QuestionState } from "./MetricQuestions.types";
import type { MetricQuestionsStyles } from "./useMetricQuestionsStyles.styles";

const COMPARATORS: { value: Comparator; label: string }[] = [
  { value: "", label: "as written" },
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
      readOnly={q.fromSheet}
      placeholder={q.fromSheet ? undefined : q.placeholder}
      onChange={(_, d) => state.setAnswer(q.field, d.value)}
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
      <Text as="h2" weight="semibold" size={400}>
        {metric.name} <Text size={200}>({state.current})</Text>
      </Text>

      <Field label={owner.label} hint={owner.hint} {...validation(owner)}>
        {input(owner, { input: { list: owner.fromSheet ? undefined : state.ownerListId } })}
      </Field>
      <datalist id={state.ownerListId}>
        {state.knownOwners.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>

      <div className={styles.threshold}>
        {!threshold.fromSheet && (
          <Field label="Trigger when" className={styles.comparator}>
            <Select value={state.comparator} onChange={(_, d) => state.setComparator(d.value as Comparator)}>
              {COMPARATORS.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field
          label={threshold.label}
          hint={threshold.hint}
          className={styles.thresholdValue}
          {...validation(threshold)}
        >
          {input(threshold, {
            contentAfter: (
              <Text size={200} className={styles.current}>
                {state.current}
              </Text>
            ),
          })}
        </Field>
      </div>
      {!threshold.fromSheet &&
        state.thresholdSuggestions.map((s) => (
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

      <Field label={lever.label} hint={lever.hint} {...validation(lever)}>
        {input(lever)}
      </Field>

      <div className={styles.actions}>
        {/* disabledFocusable: Tab still reaches Save, and a screen reader says why it is unavailable. */}
        <Button appearance="primary" type="submit" disabledFocusable={!state.canSave}>
          Save and next
        </Button>
        <Button type="button" onClick={state.onCancel}>
          Back to the list
        </Button>
      </div>
    </form>
  );
}
