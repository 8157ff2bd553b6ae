/** The pane's body: reads the sheet through the host, audits it, asks, writes. */
import type * as React from "react";
import type { DecisionMapProps } from "./DecisionMap.types";
import { renderDecisionMap } from "./renderDecisionMap";
import { useDecisionMap } from "./useDecisionMap";
import { useDecisionMapStyles } from "./useDecisionMapStyles.styles";

export function DecisionMap(props: DecisionMapProps): React.JSX.Element {
  const state = useDecisionMap(props);
  const styles = useDecisionMapStyles();
  return renderDecisionMap(state, styles);
}
