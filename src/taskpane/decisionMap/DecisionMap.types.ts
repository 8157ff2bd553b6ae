import type * as React from "react";
import type { Answers, Audit, Grid, MetricAudit, Status, ThresholdSuggestion } from "../../governance";
import type { WorkbookHost } from "../host";
import type { AnswerField, Replacements } from "../metricQuestions/MetricQuestions.types";
import type { SavedAnswers } from "../persistence";

export interface DecisionMapProps {
  /** The workbook the pane reads and writes through. */
  host: WorkbookHost;
  /** Answers kept from an earlier session on this file, written once after the first read. @default undefined */
  resume?: SavedAnswers;
  /** Called after each write with every answer saved so far (to keep them on this computer). @default undefined */
  onAnswersSaved?(saved: SavedAnswers): void;
  /** The last step where the host has one (the workbench: download the new workbook), the Done view's primary button. @default undefined */
  finish?: { label: string; run(): void };
  /**
   * Other sheets of the workbook that hold a KPI table, offered beside the sheet's other
   * tables; `pick` opens one (the workbench reads that sheet). @default undefined
   */
  otherSheets?: { names: string[]; pick(name: string): void };
}

/** Another table of the sheet, or another sheet, the person can audit instead. */
export interface TableChoice {
  /** What pickTable takes. */
  key: string;
  /** "Table9 B22:E31 · metrics in rows · 4 metrics", "Sheet 'Customer'". */
  text: string;
}

/** Whether the other sheets of an Excel workbook have been read for the picker. */
export type SheetSearch = "none" | "unread" | "reading" | "read";

/** Which metrics the list shows. */
export type MetricFilter = "all" | "vanity" | "incomplete" | "red";

/** What the pane shows: the list, one metric's questions, the summary at the end, or the delegation. */
export type View = "list" | "metric" | "done" | "delegation";

/** A metric as one row of the list: who, where it stands, why, in a few words. */
export interface MetricRowView {
  metric: MetricAudit;
  /** "Dana Lee · 3.4% vs > 3% · red now". */
  why: string;
}

export interface DecisionMapState {
  /** "loading" while the sheet is read, "failed" when nothing could be audited. */
  status: "loading" | "ready" | "failed";
  view: View;
  /** The sheet as last read; null before the first read. */
  grid: Grid | null;
  /** The audit of the sheet's own answers; null before a successful read. */
  audit: Audit | null;
  /** Whether the host has a selection to read (Excel does; a file does not). */
  canUseSelection: boolean;
  /** Whether the audit covers the person's selection rather than the whole sheet. @default false */
  fromSelection: boolean;
  /** "3 metrics in Dashboard!A2:A4, current values in C (Dec)". */
  detected: string;
  /** "Table B5:E10 on Sheet1 · metrics in rows": the table audited and its layout. */
  tableLine: string;
  /** The sheet's other tables and the workbook's other KPI sheets, to pick instead. */
  tableChoices: TableChoice[];
  /** Audits the table (or opens the sheet) of a choice. */
  pickTable(key: string): void;
  /**
   * Where the host lists the workbook's sheets (Excel), whether the other visible sheets have
   * been read to tell which hold a KPI table: "unread" until the picker first opens, then
   * "reading", then "read" (their KPI sheets are among tableChoices). "none" where the host
   * does not list sheets or there is no other sheet.
   */
  sheetSearch: SheetSearch;
  /** The picker opened: reads the other sheets, once per audited sheet. */
  openPicker(): void;
  /** Why only the Decision Map and MBR Brief sheets are written for this table (a pivot table), or null. */
  summaryOnly: string | null;
  /** A sentence that says what to do, or null. */
  error: string | null;
  /** What just happened, announced politely ("Saved Churn: decision-ready."). */
  notice: string | null;
  /** Whether a write or re-read is in progress. @default false */
  busy: boolean;
  filter: MetricFilter;
  /** The metrics the filter lets through, in sheet order, each with why it stands where it does. */
  visibleRows: MetricRowView[];
  /** Metrics not yet decision-ready. */
  open: MetricAudit[];
  /** The same, each with why, whatever the filter. */
  openRows: MetricRowView[];
  /** The metric whose questions are open, or null. */
  selected: MetricAudit | null;
  /** Where each of the selected metric's answers lives on the sheet ("P9"), or null. */
  selectedCells: Record<AnswerField, string | null>;
  /** The selected metric's current value as its cell shows it, and the cell's number format. */
  selectedCurrent: { text: string | null; header: string; format: string | undefined };
  /** What this pane wrote for the selected metric (a typo in it is fixed without a confirmation). */
  selectedOwnAnswers: Partial<Answers>;
  /** Thresholds the sheet itself suggests for the selected metric (status bands, targets). */
  thresholdSuggestions: ThresholdSuggestion[];
  /** "9 metrics, 2 decisions · 1 red". */
  summaryLine: string;
  /** Whether to show the first-run placemat (owner, threshold, lever, vanity, with examples). */
  showPlacemat: boolean;
  /** Owners already named on the sheet who are sound owners: suggestions for the owner question. */
  knownOwners: string[];
  /** Owners who get a delegation text. */
  delegationOwners: string[];
  /** The host's last step, if it has one. */
  finish: { label: string; run(): void } | null;
  /** The owner whose delegation is shown. */
  delegationOwner: string | null;
  /** The metric list, to give the focus back to a metric when its questions close. */
  listRef: React.RefObject<HTMLUListElement>;
  /** The first thing to focus on a view (the start button, the Done heading). */
  focusRef: React.RefObject<HTMLElement>;

  setFilter(filter: MetricFilter): void;
  select(row: number | null): void;
  /** Opens the first metric, from the top, that is not decision-ready (or Done when none is left). */
  nextUnanswered(): void;
  showView(view: View, owner?: string): void;
  /** Re-reads the whole sheet, or the person's selection. */
  reload(options?: { selection?: boolean }): Promise<void>;
  /** Writes one metric's answers (replacing the cells named), then opens the next metric that is not decision-ready. */
  saveAndNext(answers: Partial<Answers>, replace?: Replacements): Promise<void>;
  /** Leaves the metric as it is and opens the next one. */
  skip(): void;
  /** Writes or refreshes the verdict columns, highlighting and summary sheets. */
  writeGovernance(): Promise<void>;
  /** Whether the sheet has governance columns written (so there is something to remove, and edits are followed). */
  hasGovernance: boolean;
  /** Whether the host can remove governance. */
  canRemove: boolean;
  /** Whether the pane is asking the person to confirm the removal. @default false */
  confirmingRemove: boolean;
  askRemove(open: boolean): void;
  /** Takes out what Decision Map added to the sheet, then reads it again. */
  removeGovernance(): Promise<void>;
  /** Whether Governance cells follow the person's edits on the sheet while the pane is open. @default false */
  following: boolean;
  /** Copies text through the host; throws when the clipboard is blocked. */
  copy(text: string): Promise<void>;
  dismissError(): void;
  dismissPlacemat(): void;
}

export const STATUS_BADGE: Record<Status, { color: "danger" | "warning" | "success"; label: string }> = {
  vanity: { color: "danger", label: "Vanity" },
  incomplete: { color: "warning", label: "Incomplete" },
  "decision-ready": { color: "success", label: "Decision-ready" },
};

export const FILTER_LABELS: Record<MetricFilter, string> = {
  all: "All",
  vanity: "Vanity",
  incomplete: "Incomplete",
  red: "Red",
};
