import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/** Debian's `chromium` package (`.ci/run` installs it); CHROMIUM_PATH names another build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** CI sets REQUIRE_BROWSER_TESTS so a missing browser fails the run instead of skipping the browser tests. */
export const BROWSER_AVAILABLE = existsSync(CHROMIUM_PATH);
export const BROWSER_REQUIRED = process.env.REQUIRE_BROWSER_TESTS === '1';

/**
 * Headless Chromium with no background networking: on these machines the network
 * is closed, and Chromium otherwise tries to reach Google's hosts at every start.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  // Playwright starts Chromium on a fresh, temporary profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Serves one HTML page on 127.0.0.1 (another origin than the gateway's `localhost`). */
export async function servePage(html: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
