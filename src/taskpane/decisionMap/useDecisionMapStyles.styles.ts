import { makeStyles, tokens } from "@fluentui/react-components";

export const useDecisionMapStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  // The detail view: no gap of its own, the form's sticky footer sits at the bottom of the pane.
  detail: {
    display: "flex",
    flexDirection: "column",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  item: { width: "100%", justifyContent: "flex-start", textAlign: "start", minWidth: 0 },
  itemText: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, width: "100%", minWidth: 0 },
  itemHead: {
    display: "flex",
    alignItems: "flex-start",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  // Long names wrap instead of pushing the badge out of the row.
  itemName: { overflowWrap: "anywhere", minWidth: 0, flexGrow: 1 },
  badge: { flexShrink: 0 },
  why: {
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  status: { minHeight: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

export type DecisionMapStyles = ReturnType<typeof useDecisionMapStyles>;
