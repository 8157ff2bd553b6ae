/** What every pane suite needs under jsdom. Call `preparePane()` at a suite's top level. */
import { loadCore } from "../../src/taskpane/decisionMap/useDecisionMap";

export function preparePane(): void {
  // The pane fetches its core chunk while it reads the sheet; here that is compiling the whole
  // governance core on first use, which would eat the first test's wait for the audit.
  beforeAll(() => loadCore(), 60_000);
  // jsdom has no ResizeObserver; Fluent's MessageBar observes its own size.
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
}
