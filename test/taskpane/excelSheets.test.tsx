/**
 * @jest-environment jsdom
 *
 * The Excel pane's picker offers the workbook's other visible sheets that hold a KPI table,
 * as the workbench does: read through the real Excel host (src/taskpane/excelHost.ts over
 * src/excel/host.ts) on the office-addin-mock fake, only once the picker is opened, and
 * picking one audits (and shows) that sheet.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { DecisionMap } from "../../src/taskpane/decisionMap/DecisionMap";
import { App } from "../../src/taskpane/App";
import { NO_OTHER_SHEET, READING_SHEETS } from "../../src/taskpane/decisionMap/TablePicker";
import { excelHost } from "../../src/taskpane/excelHost";
import type { WorkbookHost } from "../../src/taskpane/host";
import { FakeExcel, type FakeSheet } from "../excel/fake";
import { atEachVersion } from "../excel/versions";
import { preparePane } from "../helpers/pane";

preparePane();

/** A metrics-in-rows table: a header row, then one metric a row. */
function kpiTable(s: FakeSheet, header: string[], rows: (string | number)[][]): void {
  header.forEach((h, c) => s.set(0, c, h));
  rows.forEach((r, i) => r.forEach((v, c) => s.set(i + 1, c, v)));
}

/**
 * Dashboard (active) and Customer KPIs hold KPI tables; Old KPIs holds one too but is hidden;
 * Notes is text; Subscriptions is a data dump (record IDs); Blank is empty.
 */
function workbook(): FakeExcel {
  const excel = new FakeExcel();
  kpiTable(
    excel.addSheet("Dashboard"),
    ["Metric", "Nov", "Dec", "Owner"],
    [
      ["Churn", 0.031, 0.034, ""],
      ["Lead Quality", 50, 45, "Sales team"],
    ],
  );
  const notes = excel.addSheet("Notes");
  notes.set(0, 0, "Read me first");
  notes.set(1, 0, "This workbook is refreshed every Monday.");
  kpiTable(
    excel.addSheet("Customer KPIs"),
    ["KPI", "Q1", "Q2", "Q3"],
    [
      ["NPS", 31, 35, 38],
      ["CSAT", 4.1, 4.3, 4.2],
      ["Retention", 0.91, 0.9, 0.93],
    ],
  );
  const old = excel.addSheet("Old KPIs");
  kpiTable(old, ["Metric", "Jan", "Feb"], [["Revenue", 10, 12]]);
  old.visibility = "Hidden";
  kpiTable(
    excel.addSheet("Subscriptions"),
    ["Subscription", "Start", "MRR"],
    Array.from({ length: 14 }, (_, i) => [`SUB-${10_001 + i}`, 45_000 + i, 100 + i]),
  );
  excel.addSheet("Blank");
  excel.active = 0;
  return excel.install();
}

/** The real Excel host, with its reads of other sheets counted and, when `gate` is given, held until it resolves. */
function countedHost(gate?: Promise<void>): { host: WorkbookHost; peeked: string[][] } {
  const host = excelHost();
  const peeked: string[][] = [];
  const peek = host.peekSheets!.bind(host);
  host.peekSheets = async (names) => {
    peeked.push(names);
    await gate;
    return peek(names);
  };
  return { host, peeked };
}

/** The picker, once its chunk has loaded (a lazy chunk: slow on a busy machine). */
function findPicker(name: string | RegExp): Promise<HTMLElement> {
  return screen.findByRole("combobox", { name }, { timeout: 30_000 });
}

function options(): string[] {
  return screen.getAllByRole("option").map((o) => o.textContent ?? "");
}

beforeEach(() => localStorage.clear());

atEachVersion(() => {
  test("the host lists the visible sheets, not hidden ones nor Decision Map's own, and peeks at their cells without showing them", async () => {
    const excel = workbook();
    excel.addSheet("Decision Map").set(0, 0, "Metric");
    const host = excelHost();
    expect(await host.sheetNames!()).toEqual(["Dashboard", "Notes", "Customer KPIs", "Subscriptions", "Blank"]);
    const peeked = await host.peekSheets!(["Customer KPIs", "Blank", "Gone"]);
    expect(peeked.map((p) => [p.name, p.grid === null])).toEqual([
      ["Customer KPIs", false],
      ["Blank", true],
      ["Gone", true],
    ]);
    expect(peeked[0].grid!.values[1][0]).toBe("NPS");
    // Peeking shows nothing: the person still looks at the Dashboard.
    expect(excel.active).toBe(0);
  });
});

test("the picker offers the other visible sheets that hold a KPI table, read only once it opens", async () => {
  const user = userEvent.setup();
  const excel = workbook();
  let release!: () => void;
  const { host, peeked } = countedHost(new Promise<void>((resolve) => (release = resolve)));
  render(<App host={host} />);
  await screen.findByText(/^2 metrics in Dashboard!A2:A3/);
  const picker = await findPicker("Audit another sheet");
  // Nothing of the other sheets is read until the person opens the list.
  expect(peeked).toEqual([]);

  await user.click(picker);
  expect(await screen.findByRole("option", { name: READING_SHEETS })).toBeTruthy();
  expect(screen.getByRole("progressbar")).toBeTruthy();
  expect(peeked).toEqual([["Notes", "Customer KPIs", "Subscriptions", "Blank"]]);
  release();
  expect(await screen.findByRole("option", { name: "Sheet 'Customer KPIs'" })).toBeTruthy();
  // Not the notes, the data dump, the empty sheet or the hidden sheet.
  expect(options()).toEqual(["Sheet 'Customer KPIs'"]);

  // Opened again: the sheets are not read again.
  await user.keyboard("{Escape}");
  await user.click(picker);
  await screen.findByRole("option", { name: "Sheet 'Customer KPIs'" });
  expect(peeked).toHaveLength(1);
  expect(excel.active).toBe(0);
});

test("picking a sheet audits it and shows it; writing the verdicts goes to that sheet only", async () => {
  const user = userEvent.setup();
  const excel = workbook();
  const dashboard = excel.sheet("Dashboard").snapshot();
  const { host } = countedHost();
  render(<App host={host} />);
  await screen.findByText(/^2 metrics in Dashboard!A2:A3/);
  await user.click(await findPicker("Audit another sheet"));
  await user.click(await screen.findByRole("option", { name: "Sheet 'Customer KPIs'" }));

  expect(await screen.findByText(/^3 metrics in 'Customer KPIs'!A2:A4, current values in D \(Q3\)/)).toBeTruthy();
  expect(screen.getByRole("status").textContent).toMatch(/^Reading .*Customer KPIs/);
  // The sheet audited is the sheet the person now sees.
  expect(excel.sheets[excel.active].name).toBe("Customer KPIs");
  const metrics = within(screen.getByRole("region", { name: "Metrics" }));
  expect(metrics.getByText("NPS")).toBeTruthy();

  await user.click(screen.getByRole("button", { name: "Write the verdicts to the sheet" }));
  await screen.findByText(/^Verdicts written to 'Customer KPIs'/);
  const customer = excel.sheet("Customer KPIs");
  expect(customer.get(1, 0)?.value).toBe("NPS");
  expect([...customer.cells.values()].some((c) => c.value === "Owner")).toBe(true);
  expect(excel.sheet("Dashboard").snapshot()).toBe(dashboard);

  // From the picked sheet, the Dashboard is the other sheet on offer.
  await user.click(await findPicker("Audit another sheet"));
  await screen.findByRole("option", { name: "Sheet 'Dashboard'" });
  expect(options()).toEqual(["Sheet 'Dashboard'"]);
}, 120_000);

test("no other visible sheet: no picker; other sheets that hold no KPI table: the list says so", async () => {
  const user = userEvent.setup();
  const lone = workbook();
  for (const s of lone.sheets) if (s.name !== "Dashboard") s.visibility = "VeryHidden";
  const first = render(<App host={excelHost()} />);
  await screen.findByText(/^2 metrics in Dashboard!A2:A3/);
  // The sheet list has come back (a listing only: no cells of other sheets are read).
  await waitFor(() => expect(lone.syncs).toBeGreaterThan(0));
  await new Promise((r) => setTimeout(r, 50));
  expect(screen.queryByRole("combobox", { name: /Audit another/ })).toBeNull();
  first.unmount();

  const excel = workbook();
  excel.sheet("Customer KPIs").visibility = "Hidden";
  render(<App host={excelHost()} />);
  await screen.findByText(/^2 metrics in Dashboard!A2:A3/);
  await user.click(await findPicker("Audit another sheet"));
  expect(await screen.findByRole("option", { name: NO_OTHER_SHEET })).toBeTruthy();
  expect(options()).toEqual([NO_OTHER_SHEET]);
});

test("a parent that passes a new list of other sheets on each render does not make the pane read the sheet again", async () => {
  const user = userEvent.setup();
  workbook();
  const excel = excelHost();
  let reads = 0;
  // As the workbench gives it: the other sheets from the parent, no listing by the host.
  const host: WorkbookHost = {
    ...excel,
    sheetNames: undefined,
    peekSheets: undefined,
    read: (options) => {
      reads++;
      return excel.read(options);
    },
  };
  function Parent(): React.JSX.Element {
    const [renders, setRenders] = React.useState(0);
    return (
      <FluentProvider theme={webLightTheme}>
        <button onClick={() => setRenders(renders + 1)}>Render the parent again</button>
        <DecisionMap host={host} otherSheets={{ names: ["Dashboard", "Customer KPIs"], pick: () => undefined }} />
      </FluentProvider>
    );
  }
  render(<Parent />);
  await screen.findByText(/^2 metrics in Dashboard!A2:A3/);
  await user.click(screen.getByRole("button", { name: /^Churn Vanity/ }));
  await screen.findByRole("form", { name: /^Questions for Churn/ });
  const before = reads;
  await user.click(screen.getByRole("button", { name: "Render the parent again" }));
  await new Promise((r) => setTimeout(r, 100));
  expect(reads).toBe(before);
  expect(screen.getByRole("form", { name: /^Questions for Churn/ })).toBeTruthy();
});
