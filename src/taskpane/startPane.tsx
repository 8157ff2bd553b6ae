/**
 * Mounts the pane: <App> for a given host, or the page shown outside Office. It knows no
 * Office: the entry (index.tsx) decides which WorkbookHost to pass.
 */
import { createRoot, type Root } from "react-dom/client";
import { App } from "./App";
import type { WorkbookHost } from "./host";
import { OutsideOffice } from "./OutsideOffice";

function containerOrThrow(container: HTMLElement | null): HTMLElement {
  if (!container) throw new Error("The task pane page has no #container element to render into.");
  return container;
}

/** Renders the pane for `host` into #container (or `container`). Returns the root, to unmount. */
export function startPane(host: WorkbookHost, container = document.getElementById("container")): Root {
  const root = createRoot(containerOrThrow(container));
  root.render(<App host={host} />);
  return root;
}

/** Renders what the pane shows when no Office host answered. */
export function startOutsideOffice(container = document.getElementById("container")): Root {
  const root = createRoot(containerOrThrow(container));
  root.render(<OutsideOffice />);
  return root;
}
