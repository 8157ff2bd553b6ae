/** @jest-environment jsdom */
/**
 * Which pane starts: Excel's, or the workbench. Decided by office.js (onReady, or its script's
 * error event), never by a timer racing a slow start (issue 11, item 1).
 */
import { boot, whenOfficeReady } from "../../src/taskpane/index";

jest.mock("../../src/taskpane/startPane", () => ({ startPane: jest.fn() }));
jest.mock("../../src/taskpane/workbench/startWorkbench", () => ({ startWorkbench: jest.fn() }));

type Win = Window & { Office?: { onReady?: () => Promise<{ host: string | null }> } };

function page(script?: { async?: boolean }): Win {
  document.head.innerHTML = "";
  if (script) {
    const s = document.createElement("script");
    s.src = "https://officeapis.public.onecdn.static.microsoft/1/office.js";
    if (script.async) s.async = true;
    document.head.appendChild(s);
  }
  const win = window as unknown as Win;
  delete win.Office;
  return win;
}

/** Whether a promise has settled, after letting pending callbacks run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20; i++) await Promise.resolve();
  return done;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("the pane's start", () => {
  test("a slow office.js start inside Excel still starts Excel's pane: no timer gives up on it", async () => {
    const win = page({});
    let ready!: (info: { host: string | null }) => void;
    win.Office = { onReady: () => new Promise((resolve) => (ready = resolve)) };
    const started = boot(document.createElement("div"), win as never);
    jest.advanceTimersByTime(60_000); // a cold cache on a slow network
    expect(await settled(started)).toBe(false);
    ready({ host: "Excel" });
    await expect(started).resolves.toBe("excel");
  });

  test("outside Office, onReady resolves with no host: the workbench", async () => {
    const win = page({});
    win.Office = { onReady: async () => ({ host: null }) };
    await expect(boot(document.createElement("div"), win as never)).resolves.toBe("workbench");
  });

  test("office.js failed to load (its error event): the workbench", async () => {
    const win = page({ async: true });
    const ready = whenOfficeReady(win as never);
    jest.advanceTimersByTime(60_000);
    expect(await settled(ready)).toBe(false);
    document.head.querySelector("script")!.dispatchEvent(new Event("error"));
    await expect(ready).resolves.toBeNull();
  });

  test("office.js loaded late (its load event): onReady decides", async () => {
    const win = page({ async: true });
    const ready = whenOfficeReady(win as never);
    win.Office = { onReady: async () => ({ host: "Excel" }) };
    document.head.querySelector("script")!.dispatchEvent(new Event("load"));
    await expect(ready).resolves.toBe("Excel");
  });

  test("a blocking office.js script that defined no Office has failed: the workbench, at once", async () => {
    const win = page({});
    await expect(whenOfficeReady(win as never)).resolves.toBeNull();
  });
});
