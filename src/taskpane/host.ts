/**
 * What the task pane needs from a workbook. The pane never calls Office: inside Excel this is
 * the Office.js host (src/excel), for a file opened in a browser the .xlsx host; tests give it a fake.
 */
import type { Grid, WritePlan } from "../governance";

export interface HostRead {
  grid: Grid;
  /** The range read, or the person's selection when asked for it ("Dashboard!A3:F40"). */
  address: string;
  /** Why a write would be refused (a sheet of ours in name only), or null. */
  conflict?: string | null;
  /** What the host could not read and what that means, for the person ("merged areas…"). */
  notes?: string[];
}

export interface WorkbookHost {
  /** "excel" inside Excel; "file" for an .xlsx opened in a browser. */
  kind: "excel" | "file";
  /**
   * Reads the sheet to audit: the active sheet; with `selection`, also where the person's
   * selection is; with `sheet`, that sheet of the workbook, which the host then shows (Excel
   * activates it) so that what is audited is what the person sees.
   */
  read(options?: { selection?: boolean; sheet?: string }): Promise<HostRead>;
  /**
   * The names of the workbook's visible sheets in order, not Decision Map's own summary
   * sheets: whether there are other sheets to offer. Excel only. @default undefined
   */
  sheetNames?(): Promise<string[]>;
  /**
   * Reads the named sheets as they are, without showing them or making them the audited
   * sheet, for the picker to tell which read as KPI tables; a sheet that cannot be read
   * (empty, too large, gone) comes back with a null grid. Excel only. @default undefined
   */
  peekSheets?(names: string[]): Promise<{ name: string; grid: Grid | null }[]>;
  /** Applies a plan (governance columns, answers, rules, sheets). Throws an Error whose message is for the person. */
  apply(plan: WritePlan): Promise<void>;
  /**
   * Takes out what Decision Map added to a sheet. Resolves to a sentence saying what went.
   * Throws an Error whose message is for the person.
   */
  remove?(sheetName: string): Promise<string>;
  /**
   * Calls `onChange` with the address of each edit a person makes to the sheet (not the
   * pane's own writes, where the host can tell). Resolves to a function that stops watching.
   */
  watch?(sheetName: string, onChange: (address: string) => void): Promise<() => Promise<void>>;
  /**
   * True when `watch` never reports the pane's own writes (the Excel host tells them apart
   * itself), so the pane needs no quiet period after a write that would drop a person's edits.
   */
  filtersOwnWrites?: boolean;
  /** Office's theme: true when the Office theme is dark. */
  prefersDark(): boolean;
  /** Copies text to the clipboard. */
  copy(text: string): Promise<void>;
}
