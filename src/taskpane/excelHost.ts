/// <reference types="office-js" />
/** The pane's WorkbookHost inside Excel: Excel.run around the Office.js host in src/excel. */
import {
  applyPlanToWorkbook,
  readSheet,
  removeGovernance,
  unwatchSheet,
  watchSheet,
  type Removal,
} from "../excel/host";
import type { WorkbookHost } from "./host";

/** Whether Office's theme is dark (Office.context.officeTheme, where the host reports one). */
function officeIsDark(): boolean {
  const theme = Office.context?.officeTheme;
  if (!theme?.bodyBackgroundColor) return false;
  const hex = theme.bodyBackgroundColor.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

/** "Removed the columns Dashboard!Q5:T40, 2 highlight rules and the Decision Map sheet." */
export function removalText(r: Removal): string {
  const parts: string[] = [];
  if (r.columns) parts.push(`the columns ${r.columns}`);
  if (r.rules > 0) parts.push(`${r.rules} highlight ${r.rules === 1 ? "rule" : "rules"}`);
  if (r.sheets.length > 0) parts.push(`the ${r.sheets.join(" and ")} ${r.sheets.length === 1 ? "sheet" : "sheets"}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
  const kept = r.columns
    ? ""
    : " No record of the columns Decision Map added was found (an older version wrote them), so they stay: delete them by hand if you wish.";
  return `Removed ${list}.${kept}`;
}

export function excelHost(): WorkbookHost {
  return {
    kind: "excel",
    read: (options) => Excel.run((context) => readSheet(context, options)),
    apply: (plan) => Excel.run((context) => applyPlanToWorkbook(context, plan)),
    remove: async (sheetName) => removalText(await Excel.run((context) => removeGovernance(context, sheetName))),
    watch: async (sheetName, onChange) => {
      const handle = await Excel.run((context) => watchSheet(context, sheetName, onChange));
      return () => Excel.run(handle.context, (context) => unwatchSheet(context, handle));
    },
    prefersDark: officeIsDark,
    copy: (text) => navigator.clipboard.writeText(text),
  };
}
