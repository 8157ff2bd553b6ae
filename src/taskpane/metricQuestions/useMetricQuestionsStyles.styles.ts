import { makeStyles, tokens } from "@fluentui/react-components";

export const useMetricQuestionsStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  threshold: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-start", flexWrap: "wrap" },
  comparator: { minWidth: "120px", flexShrink: 0 },
  thresholdValue: { flexGrow: 1, minWidth: "140px" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  suggestion: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
  suggestionButton: { flexShrink: 0 },
  current: { color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
});

export type MetricQuestionsStyles = ReturnType<typeof useMetricQuestionsStyles>;
