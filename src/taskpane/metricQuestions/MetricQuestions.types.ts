import type * as React from "react";
import type { Answers, MetricAudit, ThresholdSuggestion } from "../../governance";

/** The three questions, as fields of `Answers`. */
export type AnswerField = keyof Answers;

/** Which sheet cells a save replaces, after the person confirmed it. */
export type Replacements = Partial<Record<AnswerField, true>>;

export interface MetricQuestionsProps {
  /** The metric being asked about. */
  metric: MetricAudit;
  /** Its place among the sheet's metrics, for "Metric 3 of 9". */
  position: { index: number; total: number };
  /** One line about the whole sheet ("9 metrics, 2 decisions · 1 red"). @default "" */
  summary?: string;
  /** The current value as its cell shows it ("3.4%"), or null when there is none. @default null */
  currentText?: string | null;
  /** Header of the column the current value came from ("Dec"), shown beside it. @default "" */
  currentHeader?: string;
  /** The current value's number format, to echo a threshold the way the sheet shows it. @default undefined */
  currentFormat?: string;
  /** Where each answer lives on the sheet ("P9"), or null when the sheet has no such column yet. */
  cells: Record<AnswerField, string | null>;
  /**
   * What the pane itself wrote for this metric: a sheet value equal to it is the person's own
   * answer from this pane, so changing it (a typo) needs no confirmation. @default {}
   */
  ownAnswers?: Partial<Answers>;
  /** Whether a save is in progress. @default false */
  busy?: boolean;
  /** Owners already named on the sheet, offered as suggestions. @default [] */
  knownOwners?: string[];
  /** Thresholds the sheet already implies (its red rules, its Target column). @default [] */
  thresholdSuggestions?: ThresholdSuggestion[];
  /** What just happened or went wrong, shown beside the footer's buttons. @default null */
  feedback?: React.ReactNode;
  /**
   * Saves the answers changed (only when none is refused), replacing the sheet cells named in
   * `replace`; called with nothing changed, it only moves on.
   */
  onSave(answers: Partial<Answers>, replace: Replacements): void;
  /** Moves on to the next metric without saving. */
  onSkip(): void;
  /** Goes back to the list without saving. */
  onBack(): void;
}

/** The comparator a person may pick instead of typing one; "" keeps the threshold as typed. */
export type Comparator = "" | ">" | ">=" | "<" | "<=";

export interface QuestionState {
  field: AnswerField;
  label: string;
  hint: string;
  placeholder: string;
  /** What the input shows: the sheet's answer until the person edits it. */
  value: string;
  /** "from P9" when the value shown is the sheet's own cell, else "". */
  tag: string;
  /** The person changed a sheet cell's value: saving replaces that cell. */
  replaces: boolean;
  /** The core's reason for refusing the answer (typed or on the sheet), or undefined. */
  error?: string;
  /** A warning that does not refuse the answer (founder-held, unbounded lever, red now). */
  warning?: string;
}

export interface MetricQuestionsState {
  metric: MetricAudit;
  position: { index: number; total: number };
  summary: string;
  busy: boolean;
  questions: Record<AnswerField, QuestionState>;
  comparator: Comparator;
  /** "now 3.4% (Dec)" or "no current value". */
  current: string;
  knownOwners: string[];
  thresholdSuggestions: ThresholdSuggestion[];
  /** The form, to move the focus into it when a metric opens. */
  formRef: React.RefObject<HTMLFormElement>;
  /** The confirmation's button, focused when it appears. */
  confirmRef: React.RefObject<HTMLButtonElement>;
  /** Id of the owner suggestions list. */
  ownerListId: string;
  /** Nothing changed is refused and nothing is being saved. */
  canSave: boolean;
  /** Whether anything differs from what the sheet holds. */
  changed: boolean;
  /** "Replace P9 ('Sales team') with 'Dana Lee'?" while the person is asked, else null. */
  confirming: string | null;
  feedback: React.ReactNode;
  setAnswer(field: AnswerField, value: string): void;
  setComparator(comparator: Comparator): void;
  submit(event: React.FormEvent): void;
  /** Saves with the replacements confirmed. */
  confirm(): void;
  /** Keeps the sheet's cells: the confirmation closes, the edits stay in the fields. */
  cancelConfirm(): void;
  onSkip(): void;
  onBack(): void;
}
