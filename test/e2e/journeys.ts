/**
 * Helpers for the journeys in chromium: every click and key press goes through a Tally, so a
 * journey can say how many clicks, keys and Tabs the whole job took.
 */
import type { Locator, Page } from "playwright-core";
import { focusedName } from "../../bench/browser";

export { focusedName };

export class Tally {
  clicks = 0;
  /** Every key press, typed characters included. */
  keys = 0;
  /** Characters typed into answers (the part no design can save). */
  typed = 0;
  tabs = 0;
  constructor(private readonly page: Page) {}

  async click(target: Locator): Promise<void> {
    await target.click();
    this.clicks++;
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
    this.keys++;
    if (key === "Tab" || key === "Shift+Tab") this.tabs++;
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    this.keys += text.length;
    this.typed += text.length;
  }

  /** Presses Tab (or Shift+Tab) until the focused element's accessible name matches. */
  async tabTo(name: RegExp, options: { back?: boolean; max?: number } = {}): Promise<void> {
    for (let i = 0; i < (options.max ?? 60); i++) {
      await this.press(options.back ? "Shift+Tab" : "Tab");
      if (name.test(await focusedName(this.page))) return;
    }
    throw new Error(`Tab never reached ${name}; the focus is on '${await focusedName(this.page)}'`);
  }

  toString(): string {
    return `${this.clicks} clicks, ${this.keys} keys (${this.typed} of them typed answers), ${this.tabs} Tabs`;
  }
}

/**
 * axe-core's serious and critical violations on the page as it is now, but for one known false
 * positive: tabster (Fluent's focus manager, behind the list's arrow navigation) brackets a
 * group with focusable, aria-hidden <i data-tabster-dummy> elements whose only job is to pass
 * the focus on; axe's aria-hidden-focus flags them (microsoft/tabster#288, a documented Fluent
 * v9 known issue that Accessibility Insights suppresses the same way). Nothing else is excused.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ url: new URL("/__test/axe.min.js", page.url()).href });
  return page.evaluate(async () => {
    type Node = { target: string[] };
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: Node[] }[] }> };
      }
    ).axe;
    const result = await axe.run();
    const dummy = (n: Node) => document.querySelector(n.target.join(" "))?.hasAttribute("data-tabster-dummy") === true;
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ ...v, nodes: v.id === "aria-hidden-focus" ? v.nodes.filter((n) => !dummy(n)) : v.nodes }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}
