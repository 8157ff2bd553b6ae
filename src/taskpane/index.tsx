/// <reference types="office-js" />
/**
 * The pane's entry. Inside Excel it audits the live workbook. Opened anywhere else (or when
 * office.js cannot load), it starts as a plain web page and does not wait for Office forever.
 */
import { excelHost } from "./excelHost";
import { startOutsideOffice, startPane } from "./startPane";

/** How long to wait for Office.onReady before starting as a plain web page. */
const OFFICE_TIMEOUT_MS = 3000;

export function whenOfficeReady(timeoutMs = OFFICE_TIMEOUT_MS): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return Promise.race([
    Office.onReady().then((info) => info.host ?? null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
  ]);
}

export async function boot(): Promise<void> {
  const host = await whenOfficeReady();
  if (host !== null && host === Office.HostType.Excel) startPane(excelHost());
  else startOutsideOffice();
}

if (document.getElementById("container")) void boot();
