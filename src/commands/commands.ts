/// <reference types="office-js" />
/**
 * The ribbon's function file. "Decision Map" opens the task pane (ShowTaskpane, no function
 * here); "Refresh governance" runs `refreshGovernance` on the active sheet without the pane.
 * A refusal is shown in a small Office dialog that says what to do; the sheet is left as it was.
 */
import { runExcel } from "../excel/host";
import { refreshGovernance } from "./refresh";

/** What a command handler needs from Office, injectable so the handler can be tested. */
export interface CommandDeps {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Shows a message to the person and resolves when they close it. */
  tell(message: string): Promise<void>;
}

function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text || "Decision Map could not refresh governance. Open the Decision Map pane to see why.";
}

/** Shows `message` in a dialog (message.html beside this page); resolves when it closes or cannot open. */
export function showMessage(message: string): Promise<void> {
  const url = new URL("message.html", location.href);
  url.searchParams.set("text", message);
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url.href, { height: 30, width: 35, displayInIframe: true }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) return resolve();
      const dialog = result.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        resolve();
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    });
  });
}

/** Office's own: batches wait for a cell edit to end where Excel can (ExcelApi 1.11). */
export function officeDeps(): CommandDeps {
  return { run: (batch) => runExcel(batch), tell: showMessage };
}

/**
 * The "Refresh governance" button. Says what it did (a function command has no other way to
 * show it worked) or why it could not. Always completes the event, so Excel's button never hangs.
 */
export async function onRefreshGovernance(
  event: Pick<Office.AddinCommands.Event, "completed">,
  deps: CommandDeps = officeDeps(),
): Promise<void> {
  try {
    const done = await deps.run(refreshGovernance);
    await deps.tell(done);
  } catch (e) {
    await deps.tell(messageOf(e));
  } finally {
    event.completed();
  }
}

export function initializeCommands(): Promise<void> {
  if (typeof Office === "undefined") return Promise.resolve();
  return Office.onReady().then(() => {
    Office.actions.associate("refreshGovernance", (event: Office.AddinCommands.Event) => onRefreshGovernance(event));
  });
}

void initializeCommands();
