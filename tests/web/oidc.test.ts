// Sign-in for real: OpenID Connect authorization code with PKCE against a real provider (the
// oidc-provider package, started here), whose JWKS the gateway verifies with issuer and audience.
// The development sign-in is absent when the gateway verifies tokens from a provider.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { DEMO_CHILDREN, DEMO_USERS } from '@hub/seed';
import { freePort } from '../kit/free-port.cjs';
import type { TestHub } from '../kit/hub';
import { axe, DESKTOP, launch, newPage, screenshot } from './browser';
import { startWebHub } from './web-hub';

let hub: TestHub;
let gw: RunningGateway;
let provider: ChildProcess;
let browser: Browser;
let base: string;
let issuer: string;
const TOKEN_SECONDS = 20;
let signedInAt = 0;
let page: Page;

beforeAll(async () => {
  ({ hub } = await startWebHub('weboidc'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Access tokens live 20 s, so the last test sees one expire.
  provider = spawn(
    process.execPath,
    [join(__dirname, 'oidc-provider.mjs'), `${base}/auth/callback`, JSON.stringify(Object.values(DEMO_USERS)), String(TOKEN_SECONDS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve) => createInterface({ input: provider.stdout! }).once('line', resolve));
  issuer = JSON.parse(first).issuer;
  const env = {
    ...process.env,
    HUB_JWKS_URL: `${issuer}/jwks`,
    HUB_JWT_ISSUER: issuer,
    HUB_JWT_AUDIENCE: 'urn:send-hub',
    HUB_OIDC_CLIENT_ID: 'send-hub-web',
  };
  gw = await startGateway({ port, env, subgraphUrls: Object.fromEntries(Object.entries(hub.subgraphs).map(([n, s]) => [n, s.url])) });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await gw?.stop();
  provider?.kill('SIGTERM');
  await hub?.stop();
});

it('offers no development sign-in when tokens come from a provider', async () => {
  expect((await fetch(`${base}/dev/users`)).status).toBe(404);
  expect((await fetch(`${base}/dev/token?user=coordinator`)).status).toBe(404);
  const config = await (await fetch(`${base}/auth/config`)).json();
  expect(config).toEqual({ oidc: { authority: issuer, clientId: 'send-hub-web', scope: 'openid profile hub' }, devSignIn: false });
});

it("signs a coordinator in with authorization code + PKCE, and the gateway accepts the provider's token", async () => {
  const w = await newPage(browser, DESKTOP);
  const authorize: string[] = [];
  w.page.on('request', (r) => {
    if (r.url().startsWith(`${issuer}/auth`)) authorize.push(r.url());
  });
  await w.page.goto(`${base}/sign-in`);
  await w.page.locator('#oidc-sign-in').waitFor();
  expect(await w.page.locator('button[data-user]').count()).toBe(0);
  expect(await axe(w.page)).toEqual([]);
  await screenshot(w.page, 'sign-in-oidc');
  await w.page.click('#oidc-sign-in');
  // The provider's own (development) login and consent pages.
  await w.page.locator('input[name=login]').waitFor();
  await w.page.fill('input[name=login]', DEMO_USERS.coordinator.sub);
  await w.page.fill('input[name=password]', 'any');
  await w.page.click('button[type=submit]');
  await w.page.locator('button[type=submit]').waitFor();
  signedInAt = Date.now();
  await w.page.click('button[type=submit]');
  await w.page.waitForURL(`${base}/caseload`);
  page = w.page;
  await w.page.locator('#work-tray tbody tr').first().waitFor();
  expect(await w.page.locator('#work-tray tbody tr').count()).toBeGreaterThan(3);
  await expect(w.page.locator('.govuk-phase-banner').textContent()).resolves.toContain(DEMO_USERS.coordinator.name);
  // PKCE: the authorization request carried an S256 challenge.
  const url = new URL(authorize[0]);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  // The token stays in memory: nothing in storage looks like a token.
  const storage = await w.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(storage).not.toContain('eyJ');
});

it('an expired access token: signing in again in a popup keeps the page and completes the save', async () => {
  const lena = DEMO_CHILDREN[11];
  await page.fill('#search', lena.familyName);
  await page.getByRole('link', { name: `${lena.givenName} ${lena.familyName}` }).click();
  await page.getByRole('link', { name: /EHC needs assessment/ }).click();
  await page.locator('#record-exception').waitFor();
  await page.selectOption('#exception-kind', 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES');
  await page.fill('#exception-reason', 'Parent in hospital for two weeks');
  const day = (n: number) => new Date(Date.now() - n * 86_400_000);
  for (const [id, d] of [
    ['exception-start', day(9)],
    ['exception-end', day(2)],
  ] as const) {
    await page.fill(`#${id}`, String(d.getDate()));
    await page.fill(`#${id}-month`, String(d.getMonth() + 1));
    await page.fill(`#${id}-year`, String(d.getFullYear()));
  }
  await page.waitForTimeout(Math.max(0, signedInAt + (TOKEN_SECONDS + 2) * 1000 - Date.now()));
  await page.click('#record-exception button[type=submit]');
  await page.locator('#sign-in-again-title').waitFor();
  await expect(page.inputValue('#exception-reason')).resolves.toBe('Parent in hospital for two weeks');
  // The provider still has the user's session and consent: the popup signs in and closes by itself.
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('.app-dialog button.govuk-button')]);
  await popup.waitForEvent('close', { timeout: 30_000 });
  await page.locator('#saved-title').waitFor();
  await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Exception recorded');
  const res = await hub.query('coordinator', 'query($id: ID!) { child(id: $id) { education { assessments { exceptions { reason } } } } }', {
    id: lena.id,
  });
  const reasons = res.body.data.child.education.assessments.flatMap((a: any) => a.exceptions.map((e: any) => e.reason));
  expect(reasons.filter((r: string) => r === 'Parent in hospital for two weeks')).toHaveLength(1);
});
