/**
 * A preview of the task pane for screenshots: the real App, over the sample workbook read
 * through the .xlsx host in the browser (no Excel here). Built and driven by
 * scripts/pane-screenshot.js; not part of the add-in.
 */
import { createRoot } from "react-dom/client";
import type { WorkbookHost } from "../../src/taskpane/host";
import { App } from "../../src/taskpane/App";
import { applyPlan, openWorkbook } from "../../src/xlsx";

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  let bytes: Uint8Array = new Uint8Array(await (await fetch("sample.xlsx")).arrayBuffer());
  const host: WorkbookHost = {
    kind: "file",
    read: async () => {
      const wb = openWorkbook(bytes);
      return { grid: wb.readGrid(wb.activeSheet), address: wb.activeSheet };
    },
    apply: async (plan) => {
      bytes = applyPlan(bytes, plan);
    },
    prefersDark: () => params.get("theme") === "dark",
    copy: async () => undefined,
  };
  createRoot(document.getElementById("container")!).render(<App host={host} />);
}

void main();
