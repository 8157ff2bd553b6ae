/** The pure core: Grid in, verdicts and a WritePlan out. No Office, DOM or Node here. */
export * from "./grid";
export * from "./types";
export { detectKpiTable, hasKpiTable, parseUserRange } from "./detect";
export { decide, type DecideInput, type Decision } from "./decide";
export { judgeOwner } from "./owner";
export { parseThreshold, isBreached, formatThresholdValue } from "./threshold";
export { judgeLever } from "./lever";
export { metricDirection } from "./lexicon";
export {
  auditTable,
  metricKey,
  ownerKey,
  decisionRatio,
  DEFAULT_AUDIT_OPTIONS,
  type ExternalAnswers,
  type AuditInput,
} from "./audit";
export {
  planWrite,
  governanceText,
  STATUS_LABELS,
  GOVERNANCE_HEADERS,
  DECISION_MAP_SHEET,
  MBR_BRIEF_SHEET,
  DECISION_MAP_HEADER,
} from "./plan";
export { mbrBriefLines, delegationText, delegationOwners } from "./brief";
export { suggestThresholds, type ThresholdSuggestion } from "./suggest";
export { tableArea } from "./area";
export {
  answerCell,
  describeTable,
  governanceCells,
  hasGovernanceCells,
  metricRowOf,
  rangesMeet,
  ORIENTATION_TEXT,
} from "./cells";
