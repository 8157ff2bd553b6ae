/** The words and looks Decision Map writes: headers, status labels, highlight colours, widths. */
import type { GovernanceKind, Status } from "./types";

export const GOVERNANCE_HEADERS: Record<GovernanceKind, string> = {
  owner: "Owner",
  threshold: "Threshold",
  lever: "Lever",
  governance: "Governance",
};

/** The word each Governance cell starts with; the highlight rules test for it. */
export const STATUS_LABELS: Record<Status, string> = {
  "decision-ready": "DECISION-READY",
  incomplete: "INCOMPLETE",
  vanity: "VANITY",
};

export const HIGHLIGHTS = {
  vanity: { fill: "#FFC7CE", font: "#9C0006" },
  incomplete: { fill: "#FFEB9C", font: "#9C5700" },
  /** A metric past its threshold: its name, white on dark red, whatever its status. */
  red: { fill: "#C00000", font: "#FFFFFF" },
} as const;

/** The words in a Governance cell that say the metric is past its threshold. */
export const RED_NOW = "red now";

/** Widths (characters) of the columns a plan adds. */
export const GOVERNANCE_WIDTHS: Record<GovernanceKind, number> = {
  owner: 18,
  threshold: 14,
  lever: 40,
  governance: 60,
};
