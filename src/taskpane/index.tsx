/// <reference types="office-js" />
/**
 * The pane's entry. Inside Excel it audits the live workbook. Opened anywhere else (or when
 * office.js cannot load), it becomes the workbench for .xlsx files, loaded as a separate chunk
 * so the pane inside Excel never downloads the .xlsx host.
 *
 * Which one is decided by office.js itself, never by a timer: outside Office, Office.onReady
 * resolves by itself with `host: null`; inside Excel it resolves with Excel once office.js has
 * loaded its host script, however long a cold cache or a slow network makes that. Only when
 * the office.js script fails to load at all (its `error` event, or no Office once a blocking
 * script has run) does the pane start as the workbench without asking it.
 */
import { excelHost } from "./excelHost";
import { startPane } from "./startPane";

interface OfficeGlobal {
  onReady?: () => Promise<{ host: Office.HostType | null }>;
}

/** The page's office.js script element, if it has one. */
function officeScript(doc: Document): HTMLScriptElement | null {
  return (
    [...doc.querySelectorAll<HTMLScriptElement>("script[src]")].find((s) => /\/office\.js(\?|$)/i.test(s.src)) ?? null
  );
}

/**
 * The Office host the pane runs in, or null outside Office. `win` is the page's window.
 * - Office is there: whatever Office.onReady says (host null outside Office).
 * - Office is not there and the office.js script is still loading (async or defer): waits for
 *   its load (then asks onReady) or error (null) event.
 * - Office is not there and the script has run or failed (a blocking script in the head runs
 *   before this bundle), or there is no such script: null.
 */
export function whenOfficeReady(win: Window & { Office?: OfficeGlobal } = window): Promise<Office.HostType | null> {
  const ask = (): Promise<Office.HostType | null> | null => {
    const office = win.Office;
    if (!office || typeof office.onReady !== "function") return null;
    return office.onReady().then((info) => info?.host ?? null);
  };
  const ready = ask();
  if (ready) return ready;
  const script = officeScript(win.document);
  const stillLoading = script !== null && (script.async || script.defer);
  if (!stillLoading) return Promise.resolve(null);
  return new Promise((resolve) => {
    script.addEventListener("error", () => resolve(null), { once: true });
    script.addEventListener("load", () => resolve(ask() ?? Promise.resolve(null)), { once: true });
  });
}

export async function boot(
  container: HTMLElement,
  win?: Window & { Office?: OfficeGlobal },
): Promise<"excel" | "workbench"> {
  const host = await whenOfficeReady(win);
  if (host !== null && String(host) === "Excel") {
    startPane(excelHost(), container);
    return "excel";
  }
  const { startWorkbench } = await import(/* webpackChunkName: "workbench" */ "./workbench/startWorkbench");
  startWorkbench(container);
  return "workbench";
}

const container = typeof document !== "undefined" ? document.getElementById("container") : null;
if (container) void boot(container);
