// Browser test kit: Debian's Chromium driven by playwright-core (no browser download), axe-core
// injected into each page, screenshots under tests/web/screenshots (git-ignored).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.HUB_CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, 'screenshots');
export const PHONE = { width: 320, height: 640 };
export const DESKTOP = { width: 1280, height: 900 };

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  console: string[];
  urls: string[];
}

/** A page whose console lines and every URL it requested are kept, to check nothing personal leaks. */
export async function newPage(browser: Browser, viewport = DESKTOP): Promise<Watched> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const w: Watched = { page, context, console: [], urls: [] };
  page.on('console', (m) => w.console.push(m.text()));
  page.on('pageerror', (e) => w.console.push(`pageerror: ${e.message}`));
  page.on('request', (r) => w.urls.push(r.url()));
  page.on('framenavigated', (f) => w.urls.push(f.url()));
  return w;
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

/** axe-core against WCAG 2.0-2.2 A and AA; returns the violations (ids and where). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays on.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  // axe can trip over a node removed while it runs (an editor still settling): run it again then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.evaluate(async () => {
        const r = await (window as any).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        });
        return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => ({ target: n.target })) }));
      });
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.waitForTimeout(500);
    }
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** True when the page scrolls sideways (the 320 CSS px rule). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** Signs in through the development page, as `npm start` offers it. */
export async function devSignIn(page: Page, base: string, user: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.locator(`button[data-user="${user}"]`).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  // The address changes before the next page renders.
  await page.waitForFunction(() => {
    const h = document.querySelector('h1')?.textContent;
    return !!h && h !== 'Sign in';
  });
}

/** axe finds nothing (the count is kept in results for the run's report), and at a phone's width nothing scrolls sideways. */
export async function checkPage(page: Page, name: string, results: Record<string, number>): Promise<void> {
  const violations = await axe(page);
  results[name] = violations.length;
  expect(violations).toEqual([]);
  if ((page.viewportSize()?.width ?? 0) <= 320) expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, name);
}

/** Where any of the personal strings appears in a watched page's URLs, console or storage (or a token in storage). */
export async function personalDataLeaks(watched: Watched[], personal: string[]): Promise<string[]> {
  const leaks: string[] = [];
  for (const w of watched) {
    for (const url of w.urls) for (const p of personal) if (url.includes(p)) leaks.push(`URL ${url}`);
    for (const line of w.console) for (const p of personal) if (line.includes(p)) leaks.push(`console line ${line.slice(0, 80)}`);
    const storage = await w.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    for (const p of personal) if (storage.includes(p)) leaks.push('storage: personal data');
    // No token either: a JWT starts eyJ.
    if (storage.includes('eyJ')) leaks.push('storage: a token');
  }
  return leaks;
}

/** A new page, watched for leaks, signed in as a demo user: the one way the browser tests open a page. */
export async function openSignedIn(browser: Browser, base: string, user: string, watched: Watched[], viewport = DESKTOP): Promise<Page> {
  const w = await newPage(browser, viewport);
  watched.push(w);
  await devSignIn(w.page, base, user);
  return w.page;
}
