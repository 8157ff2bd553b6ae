/**
 * Mounts the pane for a given host. It knows no Office: the entry (index.tsx) decides which
 * WorkbookHost to pass.
 */
import { createRoot, type Root } from "react-dom/client";
import { App } from "./App";
import type { WorkbookHost } from "./host";

/** Renders the pane for `host` into #container (or `container`). Returns the root, to unmount. */
export function startPane(host: WorkbookHost, container = document.getElementById("container")): Root {
  if (!container) throw new Error("The task pane page has no #container element to render into.");
  const root = createRoot(container);
  root.render(<App host={host} />);
  return root;
}
