/**
 * @jest-environment jsdom
 *
 * The pane over the Excel host (src/excel) on the office-addin-mock fake: reopening a saved
 * metric, fixing a typo and replacing an owner the sheet already held go through the same
 * reads and writes as in Excel, and the replaced cell is the only cell of the person's that changes.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { applyPlanToWorkbook, readSheet } from "../../src/excel/host";
import { App } from "../../src/taskpane/App";
import type { WorkbookHost } from "../../src/taskpane/host";
import { FakeExcel, type FakeCell } from "../excel/fake";
import { preparePane } from "../helpers/pane";

preparePane();

function workbook(): FakeExcel {
  const excel = new FakeExcel();
  const s = excel.addSheet("Dashboard");
  ["Metric", "Nov", "Dec", "Owner"].forEach((h, c) => s.set(0, c, h));
  s.set(1, 0, "Churn");
  s.set(1, 1, 0.031, "0.0%");
  s.set(1, 2, 0.034, "0.0%");
  s.set(2, 0, "Lead Quality");
  s.set(2, 1, 50);
  s.set(2, 2, 45);
  s.set(2, 3, "Sales team");
  return excel;
}

function excelHost(excel: FakeExcel): WorkbookHost {
  return {
    kind: "excel",
    read: (options) => readSheet(excel.context(), options),
    apply: (plan) => applyPlanToWorkbook(excel.context(), plan),
    prefersDark: () => false,
    copy: async () => undefined,
  };
}

/** The person's cells: columns A:D. */
function own(excel: FakeExcel): Record<string, FakeCell["value"]> {
  const out: Record<string, FakeCell["value"]> = {};
  for (const [key, cell] of excel.sheet("Dashboard").cells) if (Number(key.split(",")[1]) <= 3) out[key] = cell.value;
  return out;
}

test("in Excel: a saved typo is fixed, and a sheet owner is replaced after a confirmation, nothing else of the person's changes", async () => {
  localStorage.clear();
  const user = userEvent.setup();
  const excel = workbook();
  const before = own(excel);
  render(<App host={excelHost(excel)} />);
  await screen.findByText(/^2 metrics in Dashboard!A2:A3/);

  await user.click(screen.getByRole("button", { name: /^Churn Vanity/ }));
  await user.type(await screen.findByRole("combobox", { name: /Owner/ }), "Dana Le{Enter}");
  await screen.findByRole("form", { name: "Questions for Lead Quality" });
  expect(excel.sheet("Dashboard").get(1, 3)?.value).toBe("Dana Le");

  // Lead Quality's owner is the sheet's: editing it asks first, then replaces D3.
  const lead = screen.getByRole("form", { name: "Questions for Lead Quality" });
  const owner = within(lead).getByRole("combobox", { name: /Owner/ }) as HTMLInputElement;
  expect(owner.value).toBe("Sales team");
  expect(within(lead).getByText("from D3")).toBeTruthy();
  await user.clear(owner);
  await user.type(owner, "Sam Ortiz{Enter}");
  expect(within(lead).getByText(/^Replace D3 \('Sales team'\) with 'Sam Ortiz'\?/)).toBeTruthy();
  await user.keyboard("{Enter}");
  await screen.findByRole("heading", { name: /^Done for now/ });
  expect(excel.sheet("Dashboard").get(2, 3)?.value).toBe("Sam Ortiz");

  // Reopen Churn: the typo is there, editable, and fixed without a confirmation (the pane wrote it).
  await user.click(screen.getByRole("button", { name: /^Churn/ }));
  const churn = await screen.findByRole("form", { name: "Questions for Churn" });
  const churnOwner = within(churn).getByRole("combobox", { name: /Owner/ });
  await user.type(churnOwner, "e{Enter}");
  await waitFor(() => expect(excel.sheet("Dashboard").get(1, 3)?.value).toBe("Dana Lee"));

  const after = own(excel);
  const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
  expect(changed.sort()).toEqual(["1,3", "2,3"]);
}, 60_000);
