/// <reference types="office-js" />
/**
 * The pane's entry. Inside Excel it audits the live workbook. Opened anywhere else (or when
 * office.js cannot load), it becomes the workbench for .xlsx files, loaded as a separate chunk
 * so the pane inside Excel never downloads the .xlsx host.
 */
import { excelHost } from "./excelHost";
import { startPane } from "./startPane";

/** How long to wait for Office.onReady before starting as a plain web page. */
const OFFICE_TIMEOUT_MS = 3000;

export function whenOfficeReady(timeoutMs = OFFICE_TIMEOUT_MS): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return Promise.race([
    Office.onReady().then((info) => info.host ?? null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
  ]);
}

export async function boot(container: HTMLElement): Promise<void> {
  const host = await whenOfficeReady();
  if (host !== null && host === Office.HostType.Excel) {
    startPane(excelHost(), container);
    return;
  }
  const { startWorkbench } = await import(/* webpackChunkName: "workbench" */ "./workbench/startWorkbench");
  startWorkbench(container);
}

const container = document.getElementById("container");
if (container) void boot(container);
