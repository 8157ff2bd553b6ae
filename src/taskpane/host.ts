/**
 * What the task pane needs from a workbook. The pane never calls Office: inside Excel this is
 * the Office.js host (src/excel), elsewhere another host; tests give it a fake.
 */
import type { Grid } from "../governance/grid";
import type { WritePlan } from "../governance/types";

export interface WorkbookHost {
  /** "excel" inside Excel. */
  kind: "excel" | "file";
  /** Reads the sheet to audit (the active sheet). */
  read(): Promise<{ grid: Grid; address: string }>;
  /** Applies a plan. Throws an Error whose message is for the person. */
  apply(plan: WritePlan): Promise<void>;
  /** Whether Office's theme is dark. */
  prefersDark(): boolean;
  /** Copies text to the clipboard. */
  copy(text: string): Promise<void>;
}
