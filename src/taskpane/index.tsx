/// <reference types="office-js" />
/**
 * The pane's entry. Inside Excel it audits the live workbook. Opened anywhere else (or when
 * office.js cannot load), it says how to open it and does not wait for Office forever.
 */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { excelHost } from "./excelHost";
import { OutsideOffice } from "./OutsideOffice";

/** How long to wait for Office.onReady before starting as a plain web page. */
const OFFICE_TIMEOUT_MS = 3000;

function whenOfficeReady(): Promise<Office.HostType | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return Promise.race([
    Office.onReady().then((info) => info.host ?? null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), OFFICE_TIMEOUT_MS)),
  ]);
}

export async function startPane(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  const host = await whenOfficeReady();
  root.render(host !== null && host === Office.HostType.Excel ? <App host={excelHost()} /> : <OutsideOffice />);
}

const container = document.getElementById("container");
if (container) void startPane(container);
