/** @jest-environment jsdom */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { CellValue, Grid } from "../../src/governance/grid";
import type { WritePlan } from "../../src/governance/types";
import { App } from "../../src/taskpane/App";
import type { WorkbookHost } from "../../src/taskpane/host";

// jsdom has no ResizeObserver; Fluent's MessageBar observes its own size.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
} as unknown as typeof ResizeObserver;

/** A host over an in-memory sheet: apply() writes the plan's cells into it and records the plan. */
function fakeHost(opts: { dark?: boolean; failApply?: string } = {}) {
  const values: CellValue[][] = [
    ["Metric", "Nov", "Dec", "Target", "Owner"],
    ["Churn", 0.031, 0.034, 0.025, null],
    ["Lead Quality", 50, 45, 60, "Sales team"],
    ["NRR", 1.01, 0.98, 1.1, "Priya Shah"],
  ];
  const numberFormats = values.map((r, i) => r.map((_, j) => (i === 1 && j > 0 && j < 4 ? "0.0%" : undefined)));
  const grid = (): Grid => ({
    sheetName: "Dashboard",
    values: values.map((r) => [...r]),
    origin: { row: 0, col: 0 },
    numberFormats,
    merges: [],
    tables: [],
    protected: false,
    conditionalFormats: [],
  });
  const plans: WritePlan[] = [];
  const copied: string[] = [];
  const host: WorkbookHost = {
    kind: "excel",
    read: async () => ({ grid: grid(), address: "Dashboard!A1:E4" }),
    apply: async (plan) => {
      if (opts.failApply) throw new Error(opts.failApply);
      plans.push(plan);
      for (const c of plan.cells) {
        while (values[c.row].length <= c.col) values[c.row].push(null);
        values[c.row][c.col] = c.value;
      }
    },
    prefersDark: () => opts.dark ?? false,
    copy: async (text) => {
      copied.push(text);
    },
  };
  return { host, plans, values, copied };
}

async function ready() {
  await screen.findByText(/^3 metrics in Dashboard!A2:A4/);
}

test("shows what was detected and the summary", async () => {
  render(<App host={fakeHost().host} />);
  await ready();
  expect(screen.getByText(/current values in C \(Dec\)/)).toBeTruthy();
  const summary = screen.getByRole("region", { name: "Summary" });
  expect(within(summary).getByText("3 metrics, 0 decisions")).toBeTruthy();
  // NRR has an owner but no lever: vanity too.
  expect(within(summary).getByText("3 vanity")).toBeTruthy();
});

test("the vanity filter shows only vanity metrics", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost().host} />);
  await ready();
  const list = screen.getByRole("region", { name: "Metrics" });
  const names = () => within(list).queryAllByRole("listitem").map((li) => li.textContent);
  await user.click(screen.getByRole("button", { name: "Red" }));
  expect(names()).toEqual([]); // no metric has a threshold yet, so none can be red
  await user.click(screen.getByRole("button", { name: "Vanity" }));
  expect(names()).toEqual(["ChurnVanity", "Lead QualityVanity", "NRRVanity"]);
});

test("one metric end to end: a team is refused with its reason, then the answers are written", async () => {
  const user = userEvent.setup();
  const { host, plans, values } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: /^Churn: Vanity/ }));
  const form = screen.getByRole("form", { name: "Questions for Churn" });
  const owner = within(form).getByRole("combobox", { name: /Owner/ });
  // Owners already named on the sheet are offered (a sound one; "Sales team" is no owner).
  const suggestions = [...document.querySelectorAll("#decision-map-owners option")].map((o) => o.getAttribute("value"));
  expect(suggestions).toEqual(["Priya Shah"]);
  await user.type(owner, "Sales team");
  expect(await within(form).findByText("'Sales team' is a team; name one person.")).toBeTruthy();
  await user.keyboard("{Enter}");
  expect(plans).toHaveLength(0);
  expect((within(form).getByRole("button", { name: "Save and next" }) as HTMLButtonElement).disabled).toBe(true);

  await user.clear(owner);
  await user.type(owner, "Dana Lee");
  await user.type(within(form).getByRole("textbox", { name: /Threshold/ }), "> 3%");
  await user.type(within(form).getByRole("textbox", { name: /Lever/ }), "authorize up to $10k in credits{Enter}");
  await waitFor(() => expect(plans).toHaveLength(1));
  expect(plans[0].cells).toContainEqual({ row: 1, col: 4, value: "Dana Lee" });
  const gov = plans[0].columns.find((c) => c.kind === "governance")!.col;
  expect(String(values[1][gov])).toMatch(/^DECISION-READY/);
  await user.click(await screen.findByRole("button", { name: "Back to the list" }));
  expect(await screen.findByRole("button", { name: /^Churn: Decision-ready, red/ })).toBeTruthy();
});

test("the sheet's Target is offered as a threshold and fills the field", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost().host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: /^Churn/ }));
  expect(screen.getByText("Target in column D is 2.5%; missing it is one possible trigger.")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Use > 2.5%" }));
  expect((screen.getByRole("textbox", { name: /Threshold/ }) as HTMLInputElement).value).toBe("> 2.5%");
});

test("an answer the sheet already holds is shown, not asked", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost().host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: /^Lead Quality/ }));
  const owner = screen.getByRole("combobox", { name: /Owner/ }) as HTMLInputElement;
  expect(owner.value).toBe("Sales team");
  expect(owner.readOnly).toBe(true);
});

test("a failed write shows the host's message in an error bar", async () => {
  const user = userEvent.setup();
  render(<App host={fakeHost({ failApply: "Sheet 'Dashboard' is protected. Unprotect it, or audit a copy." }).host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Write governance" }));
  expect(await screen.findByText(/Sheet 'Dashboard' is protected/)).toBeTruthy();
});

test("delegation text is copied for an owner", async () => {
  const user = userEvent.setup();
  const { host, copied } = fakeHost();
  render(<App host={host} />);
  await ready();
  await user.click(screen.getByRole("button", { name: "Copy for Priya Shah" }));
  expect(copied[0]).toMatch(/^You own NRR\./);
});

test("follows Office's dark theme", async () => {
  const { container } = render(<App host={fakeHost({ dark: true }).host} />);
  await ready();
  expect(container.querySelector("[data-theme='dark']")).not.toBeNull();
});
