/**
 * The three questions for one metric, validated as typed with the core's own reasons. Every
 * field is editable; a sheet cell is replaced only after the person confirms it.
 */
import type * as React from "react";
import type { MetricQuestionsProps } from "./MetricQuestions.types";
import { renderMetricQuestions } from "./renderMetricQuestions";
import { useMetricQuestions } from "./useMetricQuestions";
import { useMetricQuestionsStyles } from "./useMetricQuestionsStyles.styles";

export function MetricQuestions(props: MetricQuestionsProps): React.JSX.Element {
  const state = useMetricQuestions(props);
  const styles = useMetricQuestionsStyles();
  return renderMetricQuestions(state, styles);
}
