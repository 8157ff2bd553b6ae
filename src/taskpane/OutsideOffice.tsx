/** What the pane shows when it is not running inside Excel. */
import { FluentProvider, Text, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
});

export function OutsideOffice(): React.JSX.Element {
  const styles = useStyles();
  const dark = typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches;
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main className={styles.root}>
        <Text as="h1" size={500} weight="semibold">
          Decision Map
        </Text>
        <Text>
          This pane works inside Excel: open your KPI workbook there and click <strong>Decision Map</strong> on the Home
          tab.
        </Text>
        <Text>
          For an .xlsx file without Excel, use the command line: <code>decision-map audit workbook.xlsx</code> (see the
          project&apos;s README).
        </Text>
      </main>
    </FluentProvider>
  );
}
