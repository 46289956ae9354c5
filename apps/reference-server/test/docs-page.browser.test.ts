// The API reference page (/_seqstore/docs) in a real headless Chromium (playwright-core driving the Chromium
// that the npm package @sparticuz/chromium unpacks): every operation of the model is on the page, the
// console shows no errors, nothing is fetched from anywhere but this server. Screenshot: test-output/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { omicsOperationTable } from "@seqstore/server";
import chromium from "@sparticuz/chromium";
import { type Browser, chromium as playwright } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/server.js";
import { LOCAL_SERVER_CONFIG } from "./fixtures/local-server-config.js";

const OUTPUT = path.resolve(import.meta.dirname, "../test-output");
const TIMEOUT_MS = 90_000;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // Signatures on: the page needs none.
  server = await startServer({ ...LOCAL_SERVER_CONFIG, auth: "sigv4" });
  browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    // The machine's network is closed: no background calls to Google's hosts (they would fail at every start).
    args: [
      ...chromium.args,
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    headless: true,
  });
}, TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the API reference page in Chromium", () => {
  it(
    "shows every operation of the model, with no console errors and no outside requests",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const consoleErrors: string[] = [];
      const outside: string[] = [];
      const served: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
      const origin = new URL(server.url).origin;
      await page.route("**/*", async (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`) || url.startsWith("data:") || url.startsWith("blob:")) {
          served.push(url);
          await route.continue();
        } else {
          outside.push(url);
          await route.abort();
        }
      });

      const response = await page.goto(`${server.url}/_seqstore/docs`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      const operations = omicsOperationTable.operations.map((operation) => operation.name);
      expect(operations.length).toBeGreaterThan(0);
      // Redoc renders one section per operation, id "operation/<operationId>", headed by its name.
      await page.waitForSelector(`[data-section-id="operation/${operations[0]}"]`, { timeout: 30_000 });
      const shown: string[] = [];
      for (const name of operations) {
        const section = page.locator(`[data-section-id="operation/${name}"]`);
        if (
          (await section.count()) === 1 &&
          (await section.locator("h2").first().textContent())?.trim() === name
        ) {
          shown.push(name);
        }
      }
      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: path.join(OUTPUT, "docs-page.png"), fullPage: false });

      expect(shown).toEqual(operations);
      expect(consoleErrors).toEqual([]);
      expect(outside).toEqual([]);
      expect(served).toContain(`${origin}/_seqstore/openapi.json`);
      expect(served).toContain(`${origin}/_seqstore/docs/redoc.standalone.js`);
      await page.close();
    },
    TIMEOUT_MS,
  );
});
