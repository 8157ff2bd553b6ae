/// <reference types="office-js" />
/** The pane's WorkbookHost inside Excel: Excel.run around the Office.js host in src/excel. */
import { applyPlanToWorkbook, readSheet } from "../excel/host";
import type { WorkbookHost } from "./host";

/** Whether Office's theme is dark (Office.context.officeTheme, where the host reports one). */
function officeIsDark(): boolean {
  const theme = Office.context?.officeTheme;
  if (!theme?.bodyBackgroundColor) return false;
  const hex = theme.bodyBackgroundColor.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

export function excelHost(): WorkbookHost {
  return {
    kind: "excel",
    read: () => Excel.run((context) => readSheet(context)),
    apply: (plan) => Excel.run((context) => applyPlanToWorkbook(context, plan)),
    prefersDark: officeIsDark,
    copy: (text) => navigator.clipboard.writeText(text),
  };
}
