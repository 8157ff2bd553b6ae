/** The pane's body: reads the sheet through the host, audits it, asks, writes. */
import * as React from "react";
import { useArrowNavigationGroup, useId } from "@fluentui/react-components";
import type { DecisionMapProps } from "./DecisionMap.types";
import { preloadViews, renderDecisionMap } from "./renderDecisionMap";
import { useDecisionMap } from "./useDecisionMap";
import { useDecisionMapStyles } from "./useDecisionMapStyles.styles";

export function DecisionMap(props: DecisionMapProps): React.JSX.Element {
  const state = useDecisionMap(props);
  const styles = useDecisionMapStyles();
  // The list is one tab stop; the arrow keys move between metrics and Tab leaves the list.
  const listNavigation = useArrowNavigationGroup({ axis: "vertical", memorizeCurrent: true });
  const detectedId = useId("decision-map-detected");
  const { nextUnanswered, status } = state;
  React.useEffect(() => {
    if (status === "ready") preloadViews();
  }, [status]);
  // "Next unanswered" from anywhere in the pane, so a keyboard user never walks back to the button.
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === "KeyN") {
        e.preventDefault();
        nextUnanswered();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [nextUnanswered]);
  return renderDecisionMap(state, styles, { listNavigation, detectedId });
}
