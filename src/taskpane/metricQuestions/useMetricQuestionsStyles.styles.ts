import { makeStyles, tokens } from "@fluentui/react-components";

export const useMetricQuestionsStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", minHeight: "100%" },
  body: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, flexGrow: 1 },
  nav: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  heading: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  name: { overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground3 },
  tag: { color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
  threshold: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-start", flexWrap: "wrap" },
  comparator: { minWidth: "120px", flexShrink: 0 },
  thresholdValue: { flexGrow: 1, minWidth: "140px" },
  suggestions: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  suggestion: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  suggestionButton: { flexShrink: 0 },
  // The Office pattern: the one primary action stays in view at the bottom of the pane.
  footer: {
    position: "sticky",
    bottom: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  confirm: { flexBasis: "100%" },
});

export type MetricQuestionsStyles = ReturnType<typeof useMetricQuestionsStyles>;
