import type * as React from "react";
import type { Answers, MetricAudit, ThresholdSuggestion } from "../../governance";

export interface MetricQuestionsProps {
  /** The metric being asked about. */
  metric: MetricAudit;
  /** Header of the column the current value came from ("Dec"), shown beside it. @default "" */
  currentHeader?: string;
  /** Whether a save is in progress. @default false */
  busy?: boolean;
  /** Owners already named on the sheet, offered as suggestions. @default [] */
  knownOwners?: string[];
  /** Thresholds the sheet already implies (its red rules, its Target column). @default [] */
  thresholdSuggestions?: ThresholdSuggestion[];
  /** Saves the answers typed (only the ones the sheet does not hold, only when none is refused). */
  onSave(answers: Partial<Answers>): void;
  /** Goes back to the list without saving. */
  onCancel(): void;
}

export type AnswerField = keyof Answers;

/** The comparator a person may pick instead of typing one; "" keeps the threshold as written. */
export type Comparator = "" | ">" | ">=" | "<" | "<=";

export interface QuestionState {
  field: AnswerField;
  label: string;
  hint: string;
  placeholder: string;
  /** What the input shows: the sheet's answer, or what is typed. */
  value: string;
  /** The sheet holds this answer: shown read-only, never overwritten from the pane. */
  fromSheet: boolean;
  /** The core's reason for refusing the answer, or undefined. */
  error?: string;
  /** A warning that does not refuse the answer (founder-held, unbounded lever, red now). */
  warning?: string;
}

export interface MetricQuestionsState {
  metric: MetricAudit;
  busy: boolean;
  questions: Record<AnswerField, QuestionState>;
  comparator: Comparator;
  /** "now 3.4%" or "no current value". */
  current: string;
  knownOwners: string[];
  thresholdSuggestions: ThresholdSuggestion[];
  /** The form, to move the focus into it when a metric opens. */
  formRef: React.RefObject<HTMLFormElement>;
  /** Id of the owner suggestions list. */
  ownerListId: string;
  /** Something typed, nothing refused, not busy. */
  canSave: boolean;
  setAnswer(field: AnswerField, value: string): void;
  setComparator(comparator: Comparator): void;
  submit(event: React.FormEvent): void;
  onCancel(): void;
}
