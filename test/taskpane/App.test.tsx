/** @jest-environment jsdom */
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { CellValue, Grid } from "../../src/governance/grid";
import type { WritePlan } from "../../src/governance/types";
import { App } from "../../src/taskpane/App";
import type { WorkbookHost } from "../../src/taskpane/host";
import { startPane } from "../../src/taskpane/startPane";

// jsdom has no ResizeObserver; Fluent's MessageBar observes its own size.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
} as unknown as typeof ResizeObserver;

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

/** Names in the metric list, as a screen reader reads the buttons. */
function listed(): string[] {
  const list = screen.getByRole("region", { name: "Metrics" });
  return within(list)
    .queryAllByRole("button")
    .filter((b) => b.hasAttribute("data-row"))
    .map((b) =>
      [b.firstElementChild?.textContent, ...[...b.querySelectorAll(".fui-Badge")].map((x) => x.textContent)].join(" "),
    );
}

/** Tabs forward until `target` has the focus; fails when it is not reachable by Tab. */
async function tabTo(user: ReturnType<typeof userEvent.setup>, target: HTMLElement) {
  for (let i = 0; i < 40 && document.activeElement !== target; i++) await user.tab();
  expect(document.activeElement).toBe(target);
}

test("shows what was detected", async () => {
  render(<App host={fakeHost().host} />);
  expect(await screen.findByText("3 metrics in Dashboard!A2:A4, current values in C (Dec)")).toBeTruthy();
});

test("shows a spinner while the sheet is read", () => {
  render(<App host={fakeHost({ hang: true }).host} />);
  expect(screen.getByText("Reading the sheet…")).toBeTruthy();
  expect(screen.queryByRole("region", { name: "Summary" })).toBeNull();
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
  await user.click(await screen.findByRole("button", { name: "Churn Vanity" }));
  await user.type(screen.getByRole("combobox", { name: /Owner/ }), "Dana Lee");
  await user.type(screen.getByRole("textbox", { name: /Threshold/ }), "> 3%");
  await user.type(screen.getByRole("textbox", { name: /Lever/ }), "authorize up to $10k in credits{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  expect(await screen.findByRole("form", { name: "Questions for Lead Quality" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Back to the list" }));
  expect(listed()).toEqual(["Churn Decision-ready red", "Lead Quality Vanity"]);
});

test("summary: counts, ratio, red metrics, owner load, founder-held", async () => {
  render(<App host={fakeHost().host} />);
  await ready();
  const summary = screen.getByRole("region", { name: "Summary" });
  expect(within(summary).getByRole("heading", { name: "3 metrics, 0 decisions" })).toBeTruthy();
  // NRR has an owner but no lever, Lead Quality a team: all three are vanity.
  expect(within(summary).getByText("0 decision-ready")).toBeTruthy();
  expect(within(summary).getByText("0 incomplete")).toBeTruthy();
  expect(within(summary).getByText("3 vanity")).toBeTruthy();
  expect(within(summary).getByText("No metric is red.")).toBeTruthy();
  expect(within(summary).getByText("0 metrics held by the founder or CEO.")).toBeTruthy();
  const load = within(summary).getByRole("list", { name: "Owner load" });
  expect(
    within(load)
      .getAllByRole("listitem")
      .map((li) => li.textContent),
  ).toEqual(["Priya Shah: 1 metric"]);
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
  await user.click(screen.getByRole("button", { name: "Churn Vanity" }));
  const form = screen.getByRole("form", { name: "Questions for Churn" });
  const owner = within(form).getByRole("combobox", { name: /Owner/ });
  expect(document.activeElement).toBe(owner);
  // Owners already named on the sheet are offered (a sound one; "Sales team" is no owner).
  const listId = owner.getAttribute("list")!;
  const offered = [...document.getElementById(listId)!.querySelectorAll("option")].map((o) => o.value);
  expect(offered).toEqual(["Priya Shah"]);
  // The current value and its unit are shown beside the threshold.
  expect(within(form).getByText("now 3.4%")).toBeTruthy();
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
  await user.type(within(form).getByRole("textbox", { name: /Threshold/ }), "> 3%");
  await user.type(within(form).getByRole("textbox", { name: /Lever/ }), "authorize up to $10k in credits{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  const plan = plans[0];
  expect(plan.cells).toContainEqual(expect.objectContaining({ row: 1, col: 4, value: "Dana Lee" }));
  const gov = plan.columns.find((c) => c.kind === "governance")!.col;
  const govCell = plan.cells.find((c) => c.row === 1 && c.col === gov);
  expect(String(govCell?.value)).toMatch(/^DECISION-READY/);
  expect(String(values[1][gov])).toMatch(/^DECISION-READY/);

  // It moves on to the next metric that still needs answers.
  expect(await screen.findByRole("form", { name: "Questions for Lead Quality" })).toBeTruthy();
  expect(screen.getByRole("status").textContent).toBe("Saved Churn: decision-ready. Next: Lead Quality.");
  await user.click(screen.getByRole("button", { name: "Back to the list" }));
  expect(listed()).toContain("Churn Decision-ready red");
  // The focus returns to the list, on the metric whose questions were open.
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Lead Quality Vanity" }));
  expect(screen.getByRole("heading", { name: "3 metrics, 1 decision" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Vanity" }));
  expect(listed()).toEqual(["Lead Quality Vanity", "NRR Vanity"]);
});

test("keyboard only: Tab reaches the metric and each question, Enter saves", async () => {
  const user = userEvent.setup();
  const { host, plans } = fakeHost();
  render(<App host={host} />);
  await ready();
  await tabTo(user, screen.getByRole("button", { name: "Churn Vanity" }));
  await user.keyboard("{Enter}");
  const form = await screen.findByRole("form", { name: "Questions for Churn" });
  await user.keyboard("Dana Lee");
  await tabTo(user, within(form).getByRole("textbox", { name: /Threshold/ }));
  await user.keyboard("> 3%");
  await tabTo(user, within(form).getByRole("textbox", { name: /Lever/ }));
  await user.keyboard("authorize up to $10k in credits");
  await tabTo(user, within(form).getByRole("button", { name: "Save and next" }));
  await user.keyboard("{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
});

test("a comparator picked from the list gives a bare number its direction", async () => {
  const user = userEvent.setup();
  const { host, plans } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Lead Quality Vanity" }));
  const form = screen.getByRole("form", { name: "Questions for Lead Quality" });
  // The sheet's own answer is shown, not asked.
  const owner = within(form).getByRole("textbox", { name: /Owner/ }) as HTMLInputElement;
  expect(owner.value).toBe("Sales team");
  expect(owner.readOnly).toBe(true);
  const threshold = within(form).getByRole("textbox", { name: /Threshold/ });
  await user.type(threshold, "40");
  expect(threshold.getAttribute("aria-invalid")).toBe("true");
  const comparator = within(form).getByRole("combobox", { name: "Trigger when" });
  await user.selectOptions(comparator, within(comparator).getByRole("option", { name: "below (<)" }));
  expect(threshold.getAttribute("aria-invalid")).not.toBe("true");
  await user.type(within(form).getByRole("textbox", { name: /Lever/ }), "cut paid ad spend by up to 20%{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  const thresholdCol = plans[0].columns.find((c) => c.kind === "threshold")!.col;
  expect(plans[0].cells).toContainEqual(expect.objectContaining({ row: 2, col: thresholdCol, value: "< 40" }));
});

test("the sheet's Target is offered as a threshold and fills the field", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost().host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Churn Vanity" }));
  expect(screen.getByText("Target in column D is 2.5%; missing it is one possible trigger.")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Use > 2.5%" }));
  expect((screen.getByRole("textbox", { name: /Threshold/ }) as HTMLInputElement).value).toBe("> 2.5%");
});

test("a failed save shows the host's message in an error bar and stays on the metric", async () => {
  const user = userEvent.setup();
  const failure = "Sheet 'Dashboard' is protected. Unprotect it, or audit a copy.";
  render(<App host={fakeHost({ failApply: failure }).host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Churn Vanity" }));
  await user.type(screen.getByRole("combobox", { name: /Owner/ }), "Dana Lee{Enter}");
  const message = await screen.findByText(failure);
  expect(message.closest(".fui-MessageBar")).not.toBeNull();
  expect(screen.getByRole("form", { name: "Questions for Churn" })).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Dismiss" }));
  expect(screen.queryByText(failure)).toBeNull();
});

test("'Write governance' writes, and a refused plan's message is shown with nothing applied", async () => {
  const user = userEvent.setup();
  const ok = fakeHost();
  const { unmount } = render(<App host={ok.host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write governance" }));
  await waitFor(() => expect(ok.plans).toHaveLength(1));
  expect(ok.plans[0].columns.map((c) => c.kind)).toContain("governance");
  unmount();

  const locked = fakeHost({ protectedSheet: true });
  render(<App host={locked.host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write governance" }));
  expect(await screen.findByText(/protected/i)).toBeTruthy();
  expect(locked.plans).toHaveLength(0);
});

test("a sheet with no KPI table says what to do and offers to read again", async () => {
  render(<App host={fakeHost({ empty: true }).host} />);
  expect(await screen.findByRole("button", { name: "Read the sheet again" })).toBeTruthy();
  const message = screen.getByText(/^Sheet 'Dashboard' is empty\. Choose the sheet that holds your KPI table/);
  expect(message.closest(".fui-MessageBar")).not.toBeNull();
});

test("delegation text is copied for an owner", async () => {
  const user = userEvent.setup();
  const { host, copied } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Copy delegation for Priya Shah" }));
  expect(copied[0]).toMatch(/^You own NRR\./);
  expect(screen.getByRole("status").textContent).toBe("Copied Priya Shah's delegation.");
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

test("'Remove governance' asks first, then takes out what was added and says what went", async () => {
  const user = userEvent.setup();
  const { host, plans, removed, values } = fakeHost();
  render(<App host={host} />);
  await ready();
  expect(screen.queryByRole("button", { name: "Remove governance" })).toBeNull(); // nothing added yet
  await user.click(screen.getByRole("button", { name: "Write governance" }));
  await waitFor(() => expect(plans).toHaveLength(1));
  await user.click(await screen.findByRole("button", { name: "Remove governance" }));
  expect(screen.getByText(/Remove the columns, highlighting and sheets Decision Map added\?/)).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Keep" }));
  expect(removed).toEqual([]);
  await user.click(screen.getByRole("button", { name: "Remove governance" }));
  await user.click(screen.getByRole("button", { name: "Remove" }));
  await waitFor(() => expect(removed).toEqual(["Dashboard"]));
  await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/^Removed the columns Dashboard!F1:H4/));
  expect(values[0]).toEqual(["Metric", "Nov", "Dec", "Target", "Owner"]);
  expect(await screen.findByRole("button", { name: "Write governance" })).toBeTruthy();
});

test("once governance is written, a person's edit on the sheet brings the Governance cells up to date", async () => {
  const user = userEvent.setup();
  const { host, plans, values, watchers } = fakeHost();
  render(<App host={host} />);
  await ready();
  expect(watchers.size).toBe(0); // nothing to follow before governance is written
  await user.click(screen.getByRole("button", { name: "Write governance" }));
  await waitFor(() => expect(watchers.has("Dashboard")).toBe(true));
  expect(screen.getByText(/Governance follows your edits/)).toBeTruthy();
  const gov = plans[0].columns.find((c) => c.kind === "governance")!.col;
  expect(values[1][gov]).toBe("VANITY: no owner, no threshold, no lever");

  // The pane's own write is not mistaken for an edit: wait out its quiet time, then edit.
  await act(() => new Promise((r) => setTimeout(r, 1600)));
  values[1][4] = "Dana Lee"; // typed into Churn's Owner cell in Excel
  act(() => watchers.get("Dashboard")!("Dashboard!E2"));
  await waitFor(() => expect(plans).toHaveLength(2), { timeout: 3000 });
  expect(values[1][gov]).toBe("VANITY: no threshold, no lever");
  expect(screen.getByRole("status").textContent).toBe("Governance updated after your edit to Dashboard!E2.");
}, 15_000);

test("an edit to the Governance column alone, or outside the table, is not followed", async () => {
  const user = userEvent.setup();
  const { host, plans, watchers } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write governance" }));
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
  await user.click(screen.getByRole("button", { name: "Write governance" }));
  expect(await screen.findByText(conflict)).toBeTruthy();
  expect(plans).toHaveLength(0);
});
