/** @jest-environment jsdom */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { CellValue, Grid } from "../../src/governance/grid";
import type { WritePlan } from "../../src/governance/types";
import { App } from "../../src/taskpane/App";
import type { WorkbookHost } from "../../src/taskpane/host";
import { startPane } from "../../src/taskpane/startPane";
import { preparePane } from "../helpers/pane";

preparePane();

// jsdom lays nothing out: every offsetParent is null and the body has no size, so Fluent's
// tabster (which runs the list's arrow navigation and its one tab stop) would take every
// element for hidden. Give them the layout a browser would.
Object.defineProperty(HTMLElement.prototype, "offsetParent", {
  configurable: true,
  get(this: HTMLElement) {
    return this.parentElement;
  },
});
const bodyRect = document.body.getBoundingClientRect.bind(document.body);
document.body.getBoundingClientRect = () => ({ ...bodyRect(), width: 350, height: 900 });

interface FakeOptions {
  dark?: boolean;
  failApply?: string;
  protectedSheet?: boolean;
  empty?: boolean;
  /** A read that never settles, to see the loading state. */
  hang?: boolean;
  /** What read() says would refuse a write (a person's own 'Decision Map' sheet). */
  conflict?: string;
}

/** A host over an in-memory sheet: apply() writes the plan's cells into it and records the plan. */
function fakeHost(opts: FakeOptions = {}) {
  const values: CellValue[][] = opts.empty
    ? []
    : [
        ["Metric", "Nov", "Dec", "Target", "Owner"],
        ["Churn", 0.031, 0.034, 0.025, null],
        ["Lead Quality", 50, 45, 60, "Sales team"],
        ["NRR", 1.01, 0.98, 1.1, "Priya Shah"],
      ];
  const numberFormats = values.map((r, i) => r.map((_, j) => (i === 1 && j > 0 && j < 4 ? "0.0%" : undefined)));
  /** The person's selection: the header, Churn and Lead Quality. */
  const selectedRows = 3;
  const grid = (): Grid => ({
    sheetName: "Dashboard",
    values: values.map((r) => [...r]),
    origin: { row: 0, col: 0 },
    numberFormats,
    merges: [],
    tables: [],
    protected: opts.protectedSheet ?? false,
    conditionalFormats: [],
  });
  const plans: WritePlan[] = [];
  const copied: string[] = [];
  const reads: ({ selection?: boolean } | undefined)[] = [];
  const removed: string[] = [];
  /** The pane's change handler for each watched sheet, and the sheets it stopped watching. */
  const watchers = new Map<string, (address: string) => void>();
  const stopped: string[] = [];
  const host: WorkbookHost = {
    kind: "excel",
    read: (options) => {
      reads.push(options);
      if (opts.hang) return new Promise(() => undefined);
      return Promise.resolve(
        // The selection comes back inside the whole sheet's grid, with the selection's address:
        // the pane must narrow detection to that address.
        options?.selection
          ? { grid: grid(), address: `Dashboard!A1:E${selectedRows}`, conflict: opts.conflict ?? null }
          : { grid: grid(), address: `Dashboard!A1:E${values.length}`, conflict: opts.conflict ?? null },
      );
    },
    apply: async (plan) => {
      if (opts.failApply) throw new Error(opts.failApply);
      plans.push(plan);
      for (const c of plan.cells) {
        while (values.length <= c.row) values.push([]);
        while (values[c.row].length <= c.col) values[c.row].push(null);
        values[c.row][c.col] = c.value;
      }
    },
    remove: async (sheetName) => {
      removed.push(sheetName);
      // What the add-in created: the columns right of the person's five.
      for (const row of values) row.splice(5);
      return "Removed the columns Dashboard!F1:H4, 2 highlight rules and the Decision Map and MBR Brief sheets.";
    },
    watch: async (sheetName, onChange) => {
      watchers.set(sheetName, onChange);
      return async () => {
        stopped.push(sheetName);
      };
    },
    prefersDark: () => opts.dark ?? false,
    copy: async (text) => {
      copied.push(text);
    },
  };
  return { host, plans, values, copied, reads, removed, watchers, stopped };
}

async function ready() {
  await screen.findByText(/^3 metrics in Dashboard!A2:A4/);
}

/** Name and status of each metric in the list. */
function listed(): string[] {
  const list = screen.getByRole("region", { name: "Metrics" });
  return within(list)
    .queryAllByRole("button")
    .filter((b) => b.hasAttribute("data-row"))
    .map((b) => `${b.querySelector("[data-name]")?.textContent} ${b.querySelector(".fui-Badge")?.textContent}`);
}

/** The "why" line of a metric's row. */
function why(name: string): string {
  const row = screen.getByRole("button", { name: new RegExp(`^${name} `) });
  return row.querySelector("[data-why]")?.textContent ?? "";
}

/** Tabs forward until `target` has the focus; fails when it is not reachable by Tab. */
async function tabTo(user: ReturnType<typeof userEvent.setup>, target: HTMLElement) {
  for (let i = 0; i < 40 && document.activeElement !== target; i++) await user.tab();
  expect(document.activeElement).toBe(target);
}

/** Opens a metric from the list by its name. */
async function openMetric(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole("button", { name: new RegExp(`^${name} (Vanity|Incomplete|Decision-ready)`) }));
  return screen.findByRole("form", { name: `Questions for ${name}` });
}

beforeEach(() => localStorage.clear());

test("shows what was detected, and the focus starts on the call to action", async () => {
  render(<App host={fakeHost().host} />);
  expect(await screen.findByText("3 metrics in Dashboard!A2:A4, current values in C (Dec)")).toBeTruthy();
  const start = screen.getByRole("button", { name: "Answer 3 metrics, about 2 minutes" });
  await waitFor(() => expect(document.activeElement).toBe(start));
  // A screen reader hears what was found with it.
  expect(document.getElementById(start.getAttribute("aria-describedby")!)?.textContent).toMatch(/^3 metrics in/);
});

test("shows a spinner while the sheet is read", () => {
  render(<App host={fakeHost({ hang: true }).host} />);
  expect(screen.getByText("Reading the sheet…")).toBeTruthy();
  expect(screen.queryByRole("region", { name: "Summary" })).toBeNull();
});

test("first run: a placemat explains the questions with an example each, until dismissed", async () => {
  const user = userEvent.setup();
  const first = render(<App host={fakeHost().host} />);
  await ready();
  const placemat = screen.getByRole("region", { name: "How it works" });
  expect(within(placemat).getByText(/Dana Lee/)).toBeTruthy();
  expect(within(placemat).getByText(/above 3%/)).toBeTruthy();
  expect(within(placemat).getByText(/\$10k in credits/)).toBeTruthy();
  expect(within(placemat).getByText("vanity")).toBeTruthy();
  await user.click(within(placemat).getByRole("button", { name: "Got it, hide this" }));
  expect(screen.queryByRole("region", { name: "How it works" })).toBeNull();
  first.unmount();
  render(<App host={fakeHost().host} />);
  await ready();
  expect(screen.queryByRole("region", { name: "How it works" })).toBeNull();
});

test("'Use my selection' re-reads the selection and detects again", async () => {
  const user = userEvent.setup();
  const { host, reads } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Use my selection" }));
  expect(await screen.findByText("2 metrics in Dashboard!A2:A3, current values in C (Dec)")).toBeTruthy();
  expect(reads).toEqual([undefined, { selection: true }]);
  expect(listed()).toEqual(["Churn Vanity", "Lead Quality Vanity"]);
  await user.click(screen.getByRole("button", { name: "Use the whole sheet" }));
  await ready();
});

test("answers saved while auditing a selection are seen when it is read again", async () => {
  const user = userEvent.setup();
  const { host, plans } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Use my selection" }));
  await screen.findByText(/^2 metrics in/);
  await openMetric(user, "Churn");
  await user.type(screen.getByRole("combobox", { name: /Owner/ }), "Dana Lee");
  await user.type(screen.getByRole("textbox", { name: /Threshold/ }), "> 3%");
  await user.type(screen.getByRole("textbox", { name: /Lever/ }), "authorize up to $10k in credits{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  expect(await screen.findByRole("form", { name: "Questions for Lead Quality" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "← Back" }));
  expect(listed()).toEqual(["Churn Decision-ready", "Lead Quality Vanity"]);
});

test("summary: counts, ratio, red metrics; nothing said about the founder when no metric is theirs", async () => {
  render(<App host={fakeHost().host} />);
  await ready();
  const summary = screen.getByRole("region", { name: "Summary" });
  expect(within(summary).getByRole("heading", { name: "3 metrics, 0 decisions" })).toBeTruthy();
  // NRR has an owner but no lever, Lead Quality a team: all three are vanity.
  expect(within(summary).getByText("0 decision-ready")).toBeTruthy();
  expect(within(summary).getByText("0 incomplete")).toBeTruthy();
  expect(within(summary).getByText("3 vanity")).toBeTruthy();
  expect(within(summary).getByText("No metric is red.")).toBeTruthy();
  expect(within(summary).queryByText(/founder/)).toBeNull();
});

test("each row says who, where it stands and why, in the cell's own format", async () => {
  render(<App host={fakeHost().host} />);
  await ready();
  expect(why("Churn")).toBe("no owner · 3.4% · no owner, no threshold, no lever");
  expect(why("Lead Quality")).toBe("Sales team · 45 · owner is a group, no threshold, no lever");
  expect(why("NRR")).toBe("Priya Shah · 0.98 · no threshold, no lever");
});

test("the filters show only the metrics they name", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost().host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Vanity" }));
  expect(screen.getByRole("button", { name: "Vanity" }).getAttribute("aria-pressed")).toBe("true");
  expect(listed()).toEqual(["Churn Vanity", "Lead Quality Vanity", "NRR Vanity"]);
  await user.click(screen.getByRole("button", { name: "Incomplete" }));
  expect(listed()).toEqual([]);
  expect(screen.getByText("No metric matches this filter.")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Red" }));
  expect(listed()).toEqual([]); // no metric has a threshold yet, so none can be red
  await user.click(screen.getByRole("button", { name: "All" }));
  expect(listed()).toHaveLength(3);
});

test("one metric end to end: a team is refused with its reason, then the answers are written", async () => {
  const user = userEvent.setup();
  const { host, plans, values } = fakeHost();
  render(<App host={host} />);
  await ready();
  const form = await openMetric(user, "Churn");
  expect(within(form).getByText("Metric 1 of 3")).toBeTruthy();
  expect(within(form).getByText("3 metrics, 0 decisions · none red")).toBeTruthy();
  const owner = within(form).getByRole("combobox", { name: /Owner/ });
  expect(document.activeElement).toBe(owner);
  // Owners already named on the sheet are offered (a sound one; "Sales team" is no owner).
  const listId = owner.getAttribute("list")!;
  const offered = [...document.getElementById(listId)!.querySelectorAll("option")].map((o) => o.value);
  expect(offered).toEqual(["Priya Shah"]);
  // The current value and its unit are shown.
  expect(within(form).getByText("now 3.4% (Dec)")).toBeTruthy();
  expect(within(form).getByText(/Current value 3\.4% \(Dec\), a percentage\./)).toBeTruthy();

  await user.type(owner, "Sales team");
  expect(within(form).getByText("'Sales team' is a team; name one person.")).toBeTruthy();
  expect(owner.getAttribute("aria-invalid")).toBe("true");
  const save = within(form).getByRole("button", { name: "Save and next" });
  expect(save.getAttribute("aria-disabled")).toBe("true");
  await user.keyboard("{Enter}");
  await user.click(save);
  expect(plans).toHaveLength(0);

  await user.clear(owner);
  await user.type(owner, "Dana Lee");
  const threshold = within(form).getByRole("textbox", { name: /Threshold/ });
  await user.type(threshold, "> 3%");
  // The rule is said back as it was read, in the cell's format.
  expect(within(form).getByText(/^Read as: alert when above 3\.0%\./)).toBeTruthy();
  await user.type(within(form).getByRole("textbox", { name: /Lever/ }), "authorize up to $10k in credits{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  const plan = plans[0];
  expect(plan.cells).toContainEqual(expect.objectContaining({ row: 1, col: 4, value: "Dana Lee" }));
  const gov = plan.columns.find((c) => c.kind === "governance")!.col;
  const govCell = plan.cells.find((c) => c.row === 1 && c.col === gov);
  expect(String(govCell?.value)).toMatch(/^DECISION-READY/);
  expect(String(values[1][gov])).toMatch(/^DECISION-READY/);

  // It moves on to the next metric that still needs answers, and says so beside the buttons.
  const next = await screen.findByRole("form", { name: "Questions for Lead Quality" });
  expect(within(next).getByRole("status").textContent).toBe("Saved Churn: decision-ready. Next: Lead Quality.");
  await user.click(screen.getByRole("button", { name: "← Back" }));
  expect(listed()).toContain("Churn Decision-ready");
  // The focus returns to the list, on the metric whose questions were open.
  expect(document.activeElement).toBe(screen.getByRole("button", { name: /^Lead Quality Vanity/ }));
  expect(screen.getByRole("heading", { name: "3 metrics, 1 decision" })).toBeTruthy();
  expect(why("Churn")).toBe("Dana Lee · 3.4% vs > 3% · red now");
});

test("a sheet value goes through the same checks as a typed one, with the message under the field", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost().host} />);
  await ready();
  const form = await openMetric(user, "Lead Quality");
  const owner = within(form).getByRole("combobox", { name: /Owner/ }) as HTMLInputElement;
  expect(owner.value).toBe("Sales team");
  expect(owner.readOnly).toBe(false);
  expect(within(form).getByText("from E3")).toBeTruthy();
  expect(within(form).getByText("'Sales team' is a team; name one person.")).toBeTruthy();
  // The focus goes to the first question that needs an answer: the refused owner.
  expect(document.activeElement).toBe(owner);
});

test("replacing a sheet owner asks first; the replaced cell is the only cell of the person's that changes", async () => {
  const user = userEvent.setup();
  const { host, plans, values } = fakeHost();
  const before = values.map((r) => [...r]);
  render(<App host={host} />);
  await ready();
  const form = await openMetric(user, "Lead Quality");
  const owner = within(form).getByRole("combobox", { name: /Owner/ });
  await user.clear(owner);
  await user.type(owner, "Sam Ortiz{Enter}");
  // A one-line confirmation beside the footer's buttons, with the focus on it.
  expect(within(form).getByText(/^Replace E3 \('Sales team'\) with 'Sam Ortiz'\?/)).toBeTruthy();
  expect(plans).toHaveLength(0);
  await user.click(within(form).getByRole("button", { name: "Keep the sheet's" }));
  expect(plans).toHaveLength(0);
  await user.click(within(form).getByRole("button", { name: "Save and next" }));
  const confirm = within(form).getByRole("button", { name: "Replace and save" });
  expect(document.activeElement).toBe(confirm);
  await user.keyboard("{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  expect(plans[0].cells).toContainEqual({ row: 2, col: 4, value: "Sam Ortiz" });
  // Of the person's own cells (A1:E4), only E3 changed.
  for (let r = 0; r < before.length; r++)
    for (let c = 0; c < before[r].length; c++)
      expect([r, c, values[r][c]]).toEqual([r, c, r === 2 && c === 4 ? "Sam Ortiz" : before[r][c]]);
});

test("reopening a saved metric shows its answers editable; a typo is fixed without a confirmation", async () => {
  const user = userEvent.setup();
  const { host, plans, values } = fakeHost();
  render(<App host={host} />);
  await ready();
  await openMetric(user, "Churn");
  await user.type(screen.getByRole("combobox", { name: /Owner/ }), "Dana Le{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  await screen.findByRole("form", { name: "Questions for Lead Quality" });
  await user.click(screen.getByRole("button", { name: "← Back" }));
  const form = await openMetric(user, "Churn");
  const owner = within(form).getByRole("combobox", { name: /Owner/ }) as HTMLInputElement;
  expect(owner.value).toBe("Dana Le");
  expect(within(form).getByText("from E2")).toBeTruthy();
  await user.type(owner, "e{Enter}");
  // The pane wrote 'Dana Le' itself: no confirmation, the cell is corrected.
  await waitFor(() => expect(plans).toHaveLength(2));
  expect(values[1][4]).toBe("Dana Lee");
  expect(plans[1].cells.filter((c) => c.row === 1 && c.col === 4)).toEqual([{ row: 1, col: 4, value: "Dana Lee" }]);
});

test("Save and next skips decision-ready metrics, and after the last one the Done summary says what is left", async () => {
  const user = userEvent.setup();
  const { host, plans } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Answer 3 metrics, about 2 minutes" }));
  expect(await screen.findByRole("form", { name: "Questions for Churn" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Skip" }));
  expect(await screen.findByRole("form", { name: "Questions for Lead Quality" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Skip" }));
  const nrr = await screen.findByRole("form", { name: "Questions for NRR" });
  await user.type(within(nrr).getByRole("textbox", { name: /Threshold/ }), "< 100%");
  await user.type(within(nrr).getByRole("textbox", { name: /Lever/ }), "offer up to 10% discount on renewals{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  const done = await screen.findByRole("heading", { name: "Done for now: 2 metrics still open" });
  await waitFor(() => expect(document.activeElement).toBe(done));
  const open = screen.getByRole("region", { name: "Still open" });
  expect(within(open).getByRole("button", { name: /^Churn/ })).toBeTruthy();
  expect(within(open).getByRole("button", { name: /^Lead Quality/ })).toBeTruthy();
  expect(screen.getByRole("status").textContent).toBe("Saved NRR: decision-ready.");
});

test("keyboard only: the list is one tab stop with arrow keys, Enter opens, Enter saves", async () => {
  const user = userEvent.setup();
  const { host, plans } = fakeHost();
  render(<App host={host} />);
  await ready();
  const churn = screen.getByRole("button", { name: /^Churn Vanity/ });
  await tabTo(user, churn);
  await user.keyboard("{ArrowDown}");
  expect(document.activeElement).toBe(screen.getByRole("button", { name: /^Lead Quality Vanity/ }));
  await user.keyboard("{ArrowUp}");
  expect(document.activeElement).toBe(churn);
  await user.tab();
  // One Tab leaves the list: the next stop is past the other metrics.
  expect(document.activeElement?.closest("ul")).toBeNull();
  await user.tab({ shift: true });
  expect(document.activeElement).toBe(churn);
  await user.keyboard("{Enter}");
  const form = await screen.findByRole("form", { name: "Questions for Churn" });
  await user.keyboard("Dana Lee");
  await tabTo(user, within(form).getByRole("textbox", { name: /Threshold/ }));
  await user.keyboard("> 3%");
  await tabTo(user, within(form).getByRole("textbox", { name: /Lever/ }));
  await user.keyboard("authorize up to $10k in credits{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
});

test("Alt+Shift+N opens the next unanswered metric from anywhere", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost().host} />);
  await ready();
  await user.keyboard("{Alt>}{Shift>}N{/Shift}{/Alt}");
  expect(await screen.findByRole("form", { name: "Questions for Churn" })).toBeTruthy();
});

test("a comparator picked from the list gives a bare number its direction", async () => {
  const user = userEvent.setup();
  const { host, plans } = fakeHost();
  render(<App host={host} />);
  await ready();
  const form = await openMetric(user, "Lead Quality");
  const threshold = within(form).getByRole("textbox", { name: /Threshold/ });
  await user.type(threshold, "40");
  expect(threshold.getAttribute("aria-invalid")).toBe("true");
  const comparator = within(form).getByRole("combobox", { name: "Alert when" });
  await user.selectOptions(comparator, within(comparator).getByRole("option", { name: "below (<)" }));
  expect(threshold.getAttribute("aria-invalid")).not.toBe("true");
  expect(within(form).getByText(/^Read as: alert when below 40\./)).toBeTruthy();
  await user.type(within(form).getByRole("textbox", { name: /Lever/ }), "cut paid ad spend by up to 20%{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  const thresholdCol = plans[0].columns.find((c) => c.kind === "threshold")!.col;
  expect(plans[0].cells).toContainEqual(expect.objectContaining({ row: 2, col: thresholdCol, value: "< 40" }));
  // The owner 'Sales team' was the sheet's and was not touched.
  expect(plans[0].cells.some((c) => c.row === 2 && c.col === 4)).toBe(false);
});

test("the sheet's Target is offered as a threshold and fills the field", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost().host} />);
  await ready();
  await openMetric(user, "Churn");
  expect(screen.getByText("Target in column D is 2.5%; missing it is one possible trigger.")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Use > 2.5%" }));
  expect((screen.getByRole("textbox", { name: /Threshold/ }) as HTMLInputElement).value).toBe("> 2.5%");
});

test("a failed save shows the host's message beside the buttons and stays on the metric", async () => {
  const user = userEvent.setup();
  const failure = "Sheet 'Dashboard' is protected. Unprotect it, or audit a copy.";
  render(<App host={fakeHost({ failApply: failure }).host} />);
  await ready();
  const form = await openMetric(user, "Churn");
  await user.type(screen.getByRole("combobox", { name: /Owner/ }), "Dana Lee{Enter}");
  const message = await within(form).findByText(failure);
  expect(message.closest(".fui-MessageBar")).not.toBeNull();
  expect(screen.getByRole("form", { name: "Questions for Churn" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Dismiss" }));
  expect(screen.queryByText(failure)).toBeNull();
});

test("'Write the verdicts' writes, and a refused plan's message is shown with nothing applied", async () => {
  const user = userEvent.setup();
  const ok = fakeHost();
  const { unmount } = render(<App host={ok.host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write the verdicts to the sheet" }));
  await waitFor(() => expect(ok.plans).toHaveLength(1));
  expect(ok.plans[0].columns.map((c) => c.kind)).toContain("governance");
  unmount();

  // A protected sheet: only the summary sheets are written, nothing on the sheet, and the pane says so.
  const locked = fakeHost({ protectedSheet: true });
  render(<App host={locked.host} />);
  await ready();
  expect(
    screen.getByText(
      "Dashboard is protected: governance is written to the Decision Map sheet only; unprotect it to write beside the metrics.",
    ),
  ).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Write the Decision Map sheets" }));
  await waitFor(() => expect(locked.plans).toHaveLength(1));
  expect([locked.plans[0].cells, locked.plans[0].columns, locked.plans[0].rules]).toEqual([[], [], []]);
  expect(locked.plans[0].sheets.map((s) => s.name)).toEqual(["Decision Map", "MBR Brief"]);
  expect(
    await screen.findByText(
      "Dashboard is protected: governance was written to the Decision Map sheet only; unprotect it to write beside the metrics.",
    ),
  ).toBeTruthy();
});

test("a sheet with no KPI table says what to do and offers to read again", async () => {
  render(<App host={fakeHost({ empty: true }).host} />);
  expect(await screen.findByRole("button", { name: "Read the sheet again" })).toBeTruthy();
  const message = screen.getByText(/^Sheet 'Dashboard' is empty\. Choose the sheet that holds your KPI table/);
  expect(message.closest(".fui-MessageBar")).not.toBeNull();
});

test("delegation per owner: the text is shown before it is copied, with an email draft", async () => {
  const user = userEvent.setup();
  const { host, copied } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Delegation per owner" }));
  const view = await screen.findByRole("region", { name: "Delegation" });
  const text = within(view).getByRole("textbox", { name: /Text for Priya Shah/ }) as HTMLTextAreaElement;
  expect(text.value).toMatch(/^You own NRR\./);
  expect(text.readOnly).toBe(true);
  const mail = within(view).getByRole("link", { name: "Email draft" });
  expect(mail.getAttribute("href")).toMatch(/^mailto:\?subject=What%20you%20own%20in%20Dashboard&body=You%20own%20NRR/);
  await user.click(within(view).getByRole("button", { name: "Copy" }));
  expect(copied[0]).toBe(text.value);
  expect(await within(view).findByText("Copied Priya Shah's delegation: paste it into a message.")).toBeTruthy();
});

test("delegation: where the clipboard is blocked, the text is selected and copied the older way, and it says so", async () => {
  const user = userEvent.setup();
  const { host } = fakeHost();
  host.copy = () => Promise.reject(new Error("Clipboard blocked by permissions policy"));
  const execCommand = jest.fn(() => true);
  document.execCommand = execCommand;
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Delegation per owner" }));
  await user.click(await screen.findByRole("button", { name: "Copy" }));
  expect(await screen.findByText(/The clipboard was blocked here, so the text was selected and copied/)).toBeTruthy();
  expect(execCommand).toHaveBeenCalledWith("copy");
  const area = screen.getByRole("textbox", { name: /Text for Priya Shah/ }) as HTMLTextAreaElement;
  expect(document.activeElement).toBe(area);
  execCommand.mockReturnValue(false);
  await user.click(screen.getByRole("button", { name: "Copy" }));
  expect(
    await screen.findByText(/Copying is blocked in this window\. The text is selected: press Ctrl\+C/),
  ).toBeTruthy();
});

test("delegation: metrics held by the CEO are marked 'reassign first', with no text to send", async () => {
  const user = userEvent.setup();
  const { host, values } = fakeHost();
  values[3][4] = "CEO";
  render(<App host={host} />);
  await ready();
  expect(screen.getByText("1 metric held by the founder or CEO: reassign them first.")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Delegation per owner" }));
  const view = await screen.findByRole("region", { name: "Delegation" });
  expect(within(view).getByRole("option", { name: "CEO: 1 metric (reassign first)" })).toBeTruthy();
  expect(within(view).getByText(/CEO is the founder or CEO: reassign first\./)).toBeTruthy();
  expect(within(view).queryByRole("button", { name: "Copy" })).toBeNull();
  await user.click(within(view).getByRole("button", { name: "Reassign NRR" }));
  expect(await screen.findByRole("form", { name: "Questions for NRR" })).toBeTruthy();
});

test("follows Office's theme: dark when Office is dark, light otherwise", async () => {
  const dark = render(<App host={fakeHost({ dark: true }).host} />);
  await ready();
  expect(dark.container.querySelector("[data-theme='dark']")).not.toBeNull();
  dark.unmount();
  const light = render(<App host={fakeHost().host} />);
  await ready();
  expect(light.container.querySelector("[data-theme='light']")).not.toBeNull();
  expect(light.container.querySelector("[data-theme='dark']")).toBeNull();
});

test("startPane renders the pane into #container", async () => {
  const container = document.createElement("div");
  container.id = "container";
  document.body.appendChild(container);
  let root!: ReturnType<typeof startPane>;
  act(() => {
    root = startPane(fakeHost().host);
  });
  await ready();
  expect(container.querySelector("main")).not.toBeNull();
  act(() => root.unmount());
  container.remove();
});

test("'Remove what Decision Map added' asks first, then takes out what was added and says what went", async () => {
  const user = userEvent.setup();
  const { host, plans, removed, values } = fakeHost();
  render(<App host={host} />);
  await ready();
  const remove = { name: "Remove what Decision Map added" };
  expect(screen.queryByRole("button", remove)).toBeNull(); // nothing added yet
  await user.click(screen.getByRole("button", { name: "Write the verdicts to the sheet" }));
  await waitFor(() => expect(plans).toHaveLength(1));
  await user.click(await screen.findByRole("button", remove));
  expect(screen.getByText(/Remove the columns, highlighting and sheets Decision Map added\?/)).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Keep" }));
  expect(removed).toEqual([]);
  await user.click(screen.getByRole("button", remove));
  await user.click(screen.getByRole("button", { name: "Remove" }));
  await waitFor(() => expect(removed).toEqual(["Dashboard"]));
  await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Removed the columns Dashboard!F1:H4/));
  expect(values[0]).toEqual(["Metric", "Nov", "Dec", "Target", "Owner"]);
  expect(await screen.findByRole("button", { name: "Write the verdicts to the sheet" })).toBeTruthy();
});

test("once the verdicts are written, a person's edit on the sheet brings them up to date", async () => {
  const user = userEvent.setup();
  const { host, plans, values, watchers } = fakeHost();
  render(<App host={host} />);
  await ready();
  expect(watchers.size).toBe(0); // nothing to follow before governance is written
  await user.click(screen.getByRole("button", { name: "Write the verdicts to the sheet" }));
  await waitFor(() => expect(watchers.has("Dashboard")).toBe(true));
  expect(screen.getByText(/the verdicts follow your edits/)).toBeTruthy();
  const gov = plans[0].columns.find((c) => c.kind === "governance")!.col;
  expect(values[1][gov]).toBe("VANITY: no owner, no threshold, no lever");

  // The pane's own write is not mistaken for an edit: wait out its quiet time, then edit.
  await act(() => new Promise((r) => setTimeout(r, 1600)));
  values[1][4] = "Dana Lee"; // typed into Churn's Owner cell in Excel
  act(() => watchers.get("Dashboard")!("Dashboard!E2"));
  await waitFor(() => expect(plans).toHaveLength(2), { timeout: 3000 });
  expect(values[1][gov]).toBe("VANITY: no threshold, no lever");
  expect(screen.getByRole("status").textContent).toBe("Verdicts updated after your edit to Dashboard!E2.");
}, 15_000);

test("a host that tells its own writes apart: an edit right after a write is followed, not dropped", async () => {
  const user = userEvent.setup();
  const { host, plans, values, watchers } = fakeHost();
  host.filtersOwnWrites = true;
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write the verdicts to the sheet" }));
  await waitFor(() => expect(watchers.has("Dashboard")).toBe(true));
  values[1][4] = "Dana Lee"; // typed at once, with no quiet time after the pane's write
  act(() => watchers.get("Dashboard")!("Dashboard!E2"));
  await waitFor(() => expect(plans).toHaveLength(2), { timeout: 3000 });
}, 15_000);

test("when edits cannot be followed, the pane says so instead of claiming it follows them", async () => {
  const user = userEvent.setup();
  const { host } = fakeHost();
  host.watch = () => Promise.reject(new Error("Decision Map cannot follow your edits here: use Refresh governance."));
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write the verdicts to the sheet" }));
  expect(await screen.findByText(/cannot follow your edits here/)).toBeTruthy();
});

test("what the host could not read is said", async () => {
  const { host } = fakeHost();
  const read = host.read.bind(host);
  host.read = async (o) => ({
    ...(await read(o)),
    notes: ["Merged areas in row 900 could not be read: they are left out."],
  });
  render(<App host={host} />);
  expect(await screen.findByText(/Merged areas in row 900 could not be read/)).toBeTruthy();
});

test("an edit to the Governance column alone, or outside the table, is not followed", async () => {
  const user = userEvent.setup();
  const { host, plans, watchers } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write the verdicts to the sheet" }));
  await waitFor(() => expect(watchers.has("Dashboard")).toBe(true));
  const gov = plans[0].columns.find((c) => c.kind === "governance")!.col;
  await act(() => new Promise((r) => setTimeout(r, 1600)));
  const letter = String.fromCharCode(65 + gov);
  act(() => watchers.get("Dashboard")!(`Dashboard!${letter}2`));
  act(() => watchers.get("Dashboard")!("Dashboard!A40"));
  await act(() => new Promise((r) => setTimeout(r, 800)));
  expect(plans).toHaveLength(1);
}, 15_000);

test("a sheet named like ours that the person made: the write is refused with what to do", async () => {
  const user = userEvent.setup();
  const conflict =
    "The workbook already has a sheet named 'Decision Map' that Decision Map did not make. Rename that sheet, then run again.";
  const { host, plans } = fakeHost({ conflict });
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write the verdicts to the sheet" }));
  expect(await screen.findByText(conflict)).toBeTruthy();
  expect(plans).toHaveLength(0);
});
