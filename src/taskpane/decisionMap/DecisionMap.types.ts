import type * as React from "react";
import type { Answers, Audit, Grid, MetricAudit, Status } from "../../governance";
import type { WorkbookHost } from "../host";

export interface DecisionMapProps {
  /** The workbook the pane reads and writes through. */
  host: WorkbookHost;
}

/** Which metrics the list shows. */
export type MetricFilter = "all" | "vanity" | "incomplete" | "red";

export interface DecisionMapState {
  /** "loading" while the sheet is read, "failed" when nothing could be audited. */
  status: "loading" | "ready" | "failed";
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
  /** A sentence that says what to do, or null. */
  error: string | null;
  /** What just happened, announced politely ("Saved Churn: decision-ready."). */
  notice: string | null;
  /** Whether a write or re-read is in progress. @default false */
  busy: boolean;
  filter: MetricFilter;
  /** The metrics the filter lets through, in sheet order. */
  visibleMetrics: MetricAudit[];
  /** The metric whose questions are open, or null for the list. */
  selected: MetricAudit | null;
  /** Owners already named on the sheet who are sound owners: suggestions for the owner question. */
  knownOwners: string[];
  /** Owners who get a delegation text. */
  delegationOwners: string[];
  /** The metric list, to give the focus back to a metric when its questions close. */
  listRef: React.RefObject<HTMLUListElement>;

  setFilter(filter: MetricFilter): void;
  select(row: number | null): void;
  /** Re-reads the whole sheet, or the person's selection. */
  reload(options?: { selection?: boolean }): Promise<void>;
  /** Writes one metric's answers, then opens the next metric that is not decision-ready. */
  saveAndNext(answers: Partial<Answers>): Promise<void>;
  /** Writes or refreshes the governance columns, highlighting and summary sheets. */
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
  copyDelegation(owner: string): Promise<void>;
  dismissError(): void;
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
