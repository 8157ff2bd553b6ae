/** Every page the add-in serves carries a Content-Security-Policy that allows only itself and office.js's CDN. */
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const PAGES = ["src/taskpane/taskpane.html", "src/commands/commands.html", "src/commands/message.html"];
/**
 * office.js's CDN as Microsoft documents it now ("Referencing the Office JavaScript API
 * library", learn.microsoft.com: https://officeapis.public.onecdn.static.microsoft/1/office.js),
 * and its older host, which the new one may still redirect to or from: both are allowed, the
 * documented one is loaded.
 */
const CDN = "https://officeapis.public.onecdn.static.microsoft";
const OLD_CDN = "https://appsforoffice.microsoft.com";
const OFFICE_JS = `${CDN}/1/office.js`;

function policy(page: string): Map<string, string[]> {
  const html = readFileSync(path.join(ROOT, page), "utf8");
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!m) throw new Error(`${page} has no Content-Security-Policy`);
  return new Map(
    m[1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe.each(PAGES)("%s", (page) => {
  const csp = policy(page);

  test("defaults to the page's own origin", () => {
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  test("scripts: its own and office.js's CDN, nothing inline, no eval", () => {
    expect(csp.get("script-src")).toEqual(["'self'", CDN, OLD_CDN]);
  });

  test("no other origin anywhere: connections, images, fonts, frames, forms", () => {
    for (const [directive, sources] of csp) {
      for (const source of sources) {
        const allowed =
          source === "'self'" ||
          source === "'none'" ||
          ((source === CDN || source === OLD_CDN) && directive === "script-src") ||
          (source === "'unsafe-inline'" && directive === "style-src") ||
          (source === "data:" && (directive === "img-src" || directive === "font-src"));
        expect([directive, source, allowed]).toEqual([directive, source, true]);
      }
    }
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
  });

  test("office.js is the only script from elsewhere", () => {
    const html = readFileSync(path.join(ROOT, page), "utf8");
    const sources = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.filter((s) => /^https?:/.test(s))).toEqual([OFFICE_JS]);
  });
});

describe("the support page (help.html)", () => {
  const html = readFileSync(path.join(ROOT, "src/help/help.html"), "utf8");

  test("runs no script at all and loads nothing from elsewhere", () => {
    const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(m?.[1]).toMatch(/script-src 'none'/);
    expect(m?.[1]).toMatch(/default-src 'self'/);
    expect(html).not.toMatch(/<script/);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
