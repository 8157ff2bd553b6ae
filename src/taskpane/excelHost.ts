/// <reference types="office-js" />
/**
 * The pane's WorkbookHost inside Excel: Excel.run around the Office.js host in src/excel.
 *
 * - Every batch runs with delayForCellEdit where Excel has it (ExcelApi 1.11): a write made
 *   while the person is still typing in a cell waits for the edit instead of failing.
 * - The audited sheet is kept by id: the read that follows a write, a removal or a followed
 *   edit is of the audited sheet (and the same rows), even when the person now looks at
 *   another sheet or renamed it. A read the person starts is of the active sheet.
 * - The pane's own writes are told apart from a person's edits without a quiet period:
 *   by Excel's triggerSource (ExcelApi 1.14), else by the cells the last write set.
 * - Copying falls back to the legacy copy command where the add-in frame blocks the
 *   asynchronous clipboard (Office on the web may), and says what happened when both fail.
 */
import type { Removal } from "../excel/host";
import { splitAddress } from "../excel/convert";
import type { CellRange, Grid, WritePlan } from "../governance";
import { chunk } from "./chunk";
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

/** The Office.js host (src/excel/host: its reads, writes and removal). */
type ExcelModule = typeof import("../excel/host");

/**
 * The Office.js host is a chunk of its own: the pane outside Excel never fetches it, and
 * inside Excel it comes while the pane first renders (excelHost() starts fetching it). A
 * failed fetch is tried again by the next call.
 */
const excelApi: () => Promise<ExcelModule> = chunk(() => import(/* webpackChunkName: "excel" */ "../excel/host"));

/** Excel.run, waiting for a cell edit to end where Excel can (ExcelApi 1.11). */
async function runBatch<T>(batch: (context: Excel.RequestContext, excel: ExcelModule) => Promise<T>): Promise<T> {
  const excel = await excelApi();
  return excel.runExcel((context) => batch(context, excel));
}

/** A sheet the picker reads to see whether it holds a KPI table: larger ones are left out. */
export const PEEK_MAX_CELLS = 200_000;

/** The message when neither way of copying works; the text is left selected for Ctrl+C. */
export const COPY_BLOCKED =
  "Excel's browser frame blocked copying to the clipboard. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.";

/**
 * Copies text: the asynchronous clipboard first; where the frame blocks it (Office on the
 * web may), the legacy copy command on a selected, off-screen text area; where that fails
 * too, the text area stays selected and focused so Ctrl+C copies it, and the error says so.
 */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  const clipboard = (doc.defaultView?.navigator ?? navigator).clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return;
    } catch {
      // blocked (NotAllowedError) or unavailable: the legacy way below
    }
  }
  doc.getElementById("decision-map-copy")?.remove();
  const area = doc.createElement("textarea");
  area.id = "decision-map-copy";
  area.value = text;
  area.readOnly = true;
  area.setAttribute("aria-label", "Text to copy");
  area.style.position = "fixed";
  area.style.top = "0";
  area.style.left = "-10000px";
  doc.body.appendChild(area);
  const before = doc.activeElement as HTMLElement | null;
  area.focus();
  area.select();
  let copied = false;
  try {
    copied = typeof doc.execCommand === "function" && doc.execCommand("copy");
  } catch {
    copied = false;
  }
  if (copied) {
    area.remove();
    before?.focus?.();
    return;
  }
  // Left selected for the person's Ctrl+C; gone once they move on.
  area.addEventListener("blur", () => area.remove(), { once: true });
  throw new Error(COPY_BLOCKED);
}

/** The cells of a plan's audited sheet the pane wrote last, with what it wrote (for Excel before 1.14). */
class OwnWrites {
  private cells = new Map<string, string>();

  remember(plan: WritePlan): void {
    this.cells.clear();
    for (const c of plan.cells) this.cells.set(`${c.row},${c.col}`, c.value === null ? "" : String(c.value));
  }

  rememberCleared(range: CellRange | null): void {
    this.cells.clear();
    if (!range) return;
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) this.cells.set(`${r},${c}`, "");
  }

  /** Whether a change event is the pane's own write: every changed cell is one it wrote, with what it wrote. */
  matches(address: string, valueAfter: unknown): boolean {
    const r = splitAddress(address).range;
    if (!r || this.cells.size === 0) return false;
    const single = r.top === r.bottom && r.left === r.right;
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) {
        const written = this.cells.get(`${row},${col}`);
        if (written === undefined) return false;
        if (single && valueAfter !== undefined && String(valueAfter ?? "") !== written) return false;
      }
    return true;
  }
}

export function excelHost(): WorkbookHost {
  /** The sheet last read (by id), its name then, and the rows read when they came from a selection. */
  let audited: { sheetId: string; name: string; address: string | null; rows: CellRange | null } | null = null;
  /** The next read is the pane's re-read of the audited sheet (after a write, a removal or an edit). */
  let reread = false;
  const own = new OwnWrites();
  // Fetched now, while the pane renders its first view.
  void excelApi().catch(() => undefined);
  const idOf = (sheetName: string) =>
    audited && audited.name.toLowerCase() === sheetName.toLowerCase() ? audited.sheetId : sheetName;

  return {
    kind: "excel",
    filtersOwnWrites: true,
    read: async (options) => {
      const picked = options?.sheet;
      const again = reread && audited !== null && !picked ? audited : null;
      reread = false;
      const selection = options?.selection === true && !picked;
      const result = await runBatch(async (context, excel) => {
        const read = await excel.readSheet(
          context,
          picked
            ? { sheetId: picked }
            : again
              ? { sheetId: again.sheetId, address: selection && again.address ? again.address : undefined }
              : { selection },
        );
        // A sheet picked in the pane is shown: the person sees what is audited, and the
        // pane's later reads of the active sheet are of it.
        if (picked) context.workbook.worksheets.getItem(read.sheetId).activate();
        return read;
      });
      const part = selection ? result.address.slice(result.address.lastIndexOf("!") + 1) : null;
      const origin = result.grid.origin;
      audited = {
        sheetId: result.sheetId,
        name: result.grid.sheetName,
        address: part,
        rows: { top: origin.row, left: 0, bottom: origin.row + result.grid.values.length - 1, right: 16_383 },
      };
      return { grid: result.grid, address: result.address, conflict: result.conflict, notes: result.notes };
    },
    apply: async (plan) => {
      own.remember(plan);
      await runBatch((context, excel) => excel.applyPlanToWorkbook(context, plan, { sheetId: idOf(plan.sheetName) }));
      reread = true;
    },
    sheetNames: () =>
      runBatch(async (context, excel) =>
        (await excel.listSheets(context))
          .filter((s) => s.visible && excel.summarySheetName(s.name) === null)
          .map((s) => s.name),
      ),
    peekSheets: async (names) => {
      const out: { name: string; grid: Grid | null }[] = [];
      // One batch per sheet: a sheet that cannot be read (empty, too large, gone) is left out alone.
      for (const name of names) {
        try {
          const read = await runBatch((context, excel) =>
            excel.readSheet(context, { sheetId: name, maxCells: PEEK_MAX_CELLS }),
          );
          out.push({ name, grid: read.grid });
        } catch {
          out.push({ name, grid: null });
        }
      }
      return out;
    },
    remove: async (sheetName) => {
      const removal = await runBatch((context, excel) => excel.removeGovernance(context, idOf(sheetName)));
      own.rememberCleared(removal.columns ? splitAddress(removal.columns).range : null);
      reread = true;
      return removalText(removal);
    },
    watch: async (sheetName, onChange) => {
      const handle = await runBatch((context, excel) =>
        excel.watchSheet(
          context,
          idOf(sheetName),
          (address) => {
            // The pane re-reads after an edit to its table's rows: that read is of this sheet.
            const r = splitAddress(address).range;
            const rows = audited?.rows;
            if (r && rows && r.bottom >= rows.top && r.top <= rows.bottom) reread = true;
            onChange(address);
          },
          { isOwnWrite: (address, valueAfter) => own.matches(address, valueAfter) },
        ),
      );
      const excel = await excelApi();
      return () => Excel.run(handle.context, (context) => excel.unwatchSheet(context, handle));
    },
    prefersDark: officeIsDark,
    copy: (text) => copyText(text),
  };
}
