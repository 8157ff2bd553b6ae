/** Mounts the workbench (the pane outside Office). Imported lazily by the pane's entry. */
import { createRoot, type Root } from "react-dom/client";
import { Workbench } from "./Workbench";

export function startWorkbench(container: HTMLElement): Root {
  const root = createRoot(container);
  root.render(<Workbench />);
  return root;
}
