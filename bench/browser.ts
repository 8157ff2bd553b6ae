/**
 * The pane in a real browser, for the end-to-end tests, the screenshots script and the bench: a production build of the pane served over HTTP on localhost, and
 * Debian's chromium driven by playwright-core (never a downloaded browser). office.js cannot
 * be fetched here: its CDN request is aborted, as it fails on these machines, so the pane
 * starts as it does outside Office.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/** The project root: the nearest folder above this file with a package.json (bench/ or lib/bench/). */
function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, "package.json"))) return d;
    if (path.dirname(d) === d) return path.resolve(__dirname, "..");
  }
}

export const ROOT = findRoot(__dirname);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];

/** Whether the browser is here; the suites skip (and say so) when it is not. */
export function hasChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  console.warn(`${CHROMIUM} not found: browser tests skipped (apt-get install chromium, or set CHROMIUM_PATH)`);
  return false;
}

/** A production build of the add-in into a temporary folder. */
export function buildPane(): string {
  const out = mkdtempSync(path.join(tmpdir(), "decision-map-e2e-"));
  execFileSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out],
    { cwd: ROOT, stdio: "pipe", env: { ...process.env, ADDIN_URL: "https://localhost:3000/" } },
  );
  return out;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".png": "image/png",
  ".xml": "application/xml",
};

const AXE_PATH = "/__test/axe.min.js";

/** Serves `dir` on a free localhost port, and `extra` pages by name ("/blank.html"). */
export async function serve(dir: string, extra: Record<string, string> = {}): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? "/").split("?")[0]);
    if (name === AXE_PATH) {
      // Served by the page's own origin, so the pane's Content-Security-Policy lets it run.
      res.writeHead(200, { "content-type": "text/javascript" });
      createReadStream(require.resolve("axe-core/axe.min.js")).pipe(res);
      return;
    }
    if (extra[name] !== undefined) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(extra[name]);
      return;
    }
    const file = path.join(dir, name === "/" ? "taskpane.html" : name);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A page at task pane width with office.js's CDN unreachable, as on these machines. */
export async function panePage(browser: Browser, options: { dark?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 350, height: 900 },
    colorScheme: options.dark ? "dark" : "light",
    acceptDownloads: true,
  });
  // office.js's documented CDN and its older host: both unreachable, as on these machines.
  for (const cdn of ["https://officeapis.public.onecdn.static.microsoft/**", "https://appsforoffice.microsoft.com/**"])
    await context.route(cdn, (route) => route.abort());
  return context.newPage();
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ url: new URL(AXE_PATH, page.url()).href });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return axe.run();
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The focused element's accessible name, roughly as a screen reader says it. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    const labelled = el.getAttribute("aria-labelledby");
    const byId = labelled
      ? labelled
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join(" ")
      : "";
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? "";
    const text = el.innerText.replace(/\s+/g, " ").trim();
    return [el.getAttribute("aria-label"), byId, label, text].filter(Boolean).join(" | ");
  });
}

/** Presses Tab until the focused element's accessible name matches `name` (keyboard only). */
export async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = await focusedName(page);
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
