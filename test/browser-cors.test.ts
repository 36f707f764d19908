import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_AVAILABLE, BROWSER_REQUIRED, CHROMIUM_PATH, launchBrowser, servePage } from './support/browser';
import { ORG } from './support/membership';
import { startStack, type Stack } from './support/stack';

/**
 * A frontend team's page, served on another origin, calls the graph from a real browser: a POST with
 * an Authorization header (preflighted) and a public GET, both read by the page's script. A page whose
 * origin a production-like gateway does not list is blocked by the browser.
 */
const PAGE = (gatewayUrl: string, token: string) => /* HTML */ `<!doctype html>
<html><body><script>
  const gateway = ${JSON.stringify(gatewayUrl)};
  async function run() {
    const results = {};
    try {
      const posted = await fetch(gateway, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ${token}', 'apollographql-client-name': 'browser-test' },
        body: JSON.stringify({ query: 'query($id: ID!) { organization(id: $id) { name contacts { email } } }', variables: { id: ${JSON.stringify(ORG.aegisMeridian)} } }),
      });
      results.post = { status: posted.status, requestId: posted.headers.get('x-request-id'), body: await posted.json() };
    } catch (error) {
      results.post = { failed: String(error) };
    }
    try {
      const url = new URL(gateway);
      url.searchParams.set('query', '{ organizations(first: 3) { edges { node { name } } } }');
      const got = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
      results.get = { status: got.status, cacheControl: got.headers.get('cache-control'), body: await got.json() };
    } catch (error) {
      results.get = { failed: String(error) };
    }
    window.results = results;
  }
  run();
</script></body></html>`;

describe.skipIf(!BROWSER_AVAILABLE && !BROWSER_REQUIRED)(`the graph from a browser page on another origin (${CHROMIUM_PATH})`, () => {
  let stack: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function resultsOf(html: string): Promise<any> {
    const page = await servePage(html);
    const tab = await browser.browser.newPage();
    try {
      await tab.goto(page.origin);
      await tab.waitForFunction(() => (globalThis as any).results !== undefined, undefined, { timeout: 15_000 });
      return await tab.evaluate(() => (globalThis as any).results);
    } finally {
      await tab.close();
      await page.close();
    }
  }

  it('answers a preflighted POST with a token and a public GET to a local development origin', async () => {
    const results = await resultsOf(PAGE(stack.gatewayUrl, await stack.token('secretariat')));
    expect(results.post.status).toBe(200);
    expect(results.post.body.data.organization.name).toBe('Aegis Meridian Security Ltd');
    expect(results.post.body.data.organization.contacts.length).toBeGreaterThan(0);
    // Exposed to scripts, so a frontend can quote it when reporting a problem.
    expect(results.post.requestId).toMatch(/\S+/);
    expect(results.get.status).toBe(200);
    expect(results.get.body.data.organizations.edges).toHaveLength(3);
    expect(results.get.cacheControl).toMatch(/public/);
  });

  it('is blocked on an origin a production-like gateway does not list', async () => {
    const strict = await startStack({ database: 'sqlite', gatewayEnv: { CORS_ORIGINS: 'https://portal.icoca.example' } });
    try {
      const results = await resultsOf(PAGE(strict.gatewayUrl, await strict.token('secretariat')));
      expect(results.post.failed).toMatch(/Failed to fetch/);
      expect(results.get.failed).toMatch(/Failed to fetch/);
    } finally {
      await strict.stop();
    }
  });
});
