/** The task pane: Fluent's theme from Office's, around the Decision Map. */
import * as React from "react";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { DecisionMap } from "./decisionMap/DecisionMap";
import type { WorkbookHost } from "./host";

export interface AppProps {
  /** The workbook the pane audits and writes to. */
  host: WorkbookHost;
}

export function App({ host }: AppProps): React.JSX.Element {
  // Read once: Office reports its theme at start-up; a theme change reopens the pane.
  const [dark] = React.useState(() => host.prefersDark());
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} data-theme={dark ? "dark" : "light"}>
      <DecisionMap host={host} />
    </FluentProvider>
  );
}
