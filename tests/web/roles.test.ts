// More of the hub in a real browser: the commissioner's dashboard and CSV (equal to the API's),
// the DCO's ICB view, a token expiring mid-form, an agency's service down, and the explorer.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startGateway, type RunningGateway } from '@hub/gateway';
import { DEMO_CHILDREN } from '@hub/seed';
import type { TestHub } from '../kit/hub';
import { checkPage, DESKTOP, devSignIn, launch, newPage, PHONE } from './browser';
import { startWebHub } from './web-hub';

let hub: TestHub;
let base: string;
let browser: Browser;
const axeResults: Record<string, number> = {};

beforeAll(async () => {
  ({ hub, base } = await startWebHub('webroles'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  console.log(`axe violations per page: ${JSON.stringify(axeResults)}`);
});

async function open(user: string, viewport = DESKTOP, at = base): Promise<Page> {
  const w = await newPage(browser, viewport);
  await devSignIn(w.page, at, user);
  return w.page;
}

async function downloaded(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync((await download.path())!, 'utf8');
}

it("commissioner: every measure as a chart and a table, or the API's refusal where a table is too sparse; the method beside each; CSVs equal to the API's", async () => {
  const page = await open('commissioner');
  await page.locator('#capacity table').waitFor();
  // The demo is 12 children: too few for any count table (the API refuses them as too sparse, see
  // docs/commissioning.md), so child counts and placement mix show the refusal where the table
  // would be; the other measures are a table, and a chart beside it unless every figure is
  // suppressed or zero, which the page then says.
  const { body } = await hub.query(
    'commissioner',
    '{ waits { disclosureControl { note } } timeliness { disclosureControl { note } } capacityDemand { disclosureControl { note } } }',
  );
  for (const [id, field] of Object.entries({ waits: 'waits', timeliness: 'timeliness', capacity: 'capacityDemand' })) {
    await page.locator(`#${id} table`).waitFor();
    const charts = await page.locator(`#${id} .app-chart svg`).count();
    if (!charts)
      await expect(page.locator(`#${id}`).textContent()).resolves.toContain('Nothing to chart: every figure is suppressed or zero.');
    // Beside every table, how its figures are protected: the method's note from the API itself.
    await expect(page.locator(`#${id}-disclosure`).textContent()).resolves.toContain(body.data[field].disclosureControl.note);
  }
  const refusals = {
    'child-counts': '{ t: childCounts(dimensions: [PRIMARY_SEN_TYPE]) { csv } }',
    'placement-mix': '{ t: placementMix { csv } }',
  };
  for (const [id, q] of Object.entries(refusals)) {
    const api = await hub.query('commissioner', q);
    expect(api.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TABLE_TOO_SPARSE' });
    await page.locator(`#${id}-refused`).waitFor();
    expect(await page.locator(`#${id} table`).count()).toBe(0);
    await expect(page.locator(`#${id}-refused`).textContent()).resolves.toContain('This table is not published');
    const reason = api.body.errors![0].message.replace(/^.*too sparse to publish safely: /, '');
    await expect(page.locator(`#${id}-refused-reason`).textContent()).resolves.toContain(reason);
  }
  // The count table's dimensions are the commissioner's choice: its refusal is also in the error summary, linked to them.
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('too sparse to publish safely');
  await expect(page.locator('.govuk-error-summary a').first().getAttribute('href')).resolves.toBe('#dimensions');
  await checkPage(page, 'dashboard', axeResults);
  const api = await hub.query('commissioner', '{ waits { csv } capacityDemand { csv } }');
  expect(await downloaded(page, '#waits-csv')).toBe(api.body.data.waits.csv);
  expect(await downloaded(page, '#capacity-csv')).toBe(api.body.data.capacityDemand.csv);

  // A bad filter: said next to the field, kept, nothing asked.
  await page.fill('#filter-la', '93x');
  await page.click('#filters button[type=submit]');
  await expect(page.locator('#filter-la-error').textContent()).resolves.toContain('3 digits');
  await expect(page.inputValue('#filter-la')).resolves.toBe('93x');
  await checkPage(page, 'dashboard-error', axeResults);

  // Filters and two dimensions: the refusal is the API's for the same question, and the other measures are filtered.
  await page.fill('#filter-la', '937');
  await page.check('#dimensions-AGENCIES');
  await page.click('#filters button[type=submit]');
  const filtered = await hub.query(
    'commissioner',
    '{ childCounts(dimensions: [PRIMARY_SEN_TYPE, AGENCIES], filter: { la: "937" }) { csv } }',
  );
  const reason = filtered.body.errors![0].message.replace(/^.*too sparse to publish safely: /, '');
  await page.waitForFunction((r) => document.querySelector('#child-counts-refused-reason')?.textContent?.includes(r), reason);
  await page.waitForFunction(() => !document.querySelector('[role=status]'));
  expect(await downloaded(page, '#capacity-csv')).toBe(
    (await hub.query('commissioner', '{ capacityDemand(filter: { la: "937" }) { csv } }')).body.data.capacityDemand.csv,
  );
});

it('commissioner at 320px: the dashboard fits without sideways scroll', async () => {
  const page = await open('commissioner', PHONE);
  await page.locator('#capacity table').waitFor();
  await checkPage(page, 'dashboard-phone', axeResults);
});

it('designated clinical officer: every outstanding health request in the ICB, overdue first, with days', async () => {
  const page = await open('dco', PHONE);
  await page.locator('#advice-requests').waitFor();
  const api = await hub.query('dco', '{ healthAdviceRequests { organisation daysOverdue daysRemaining } }');
  const all = api.body.data.healthAdviceRequests;
  expect(all.length).toBeGreaterThan(0);
  expect(await page.locator('#advice-requests tbody tr').count()).toBe(all.length);
  const first = await page.locator('#advice-requests tbody tr').first().textContent();
  if (all.some((r: any) => r.daysOverdue != null)) expect(first).toMatch(/\d+ days overdue/);
  await expect(page.locator('#dco-summary').textContent()).resolves.toContain(`${all.length} outstanding`);
  await checkPage(page, 'dco', axeResults);
});

it('an expired token: sign in again over the page, nothing typed is lost, and the save goes through', async () => {
  const lena = DEMO_CHILDREN[11];
  const w = await newPage(browser, DESKTOP);
  await w.page.goto(`${base}/sign-in?token-seconds=6`);
  const signedIn = Date.now();
  await w.page.locator('button[data-user="coordinator"]').click();
  const page = w.page;
  await page.locator('#work-tray tbody tr').first().waitFor();
  await page.fill('#search', lena.familyName);
  await page.getByRole('link', { name: `${lena.givenName} ${lena.familyName}` }).click();
  await page.getByRole('link', { name: /EHC needs assessment/ }).click();
  await page.locator('#record-exception').waitFor();
  const day = (n: number) => new Date(Date.now() - n * 86_400_000);
  await page.selectOption('#exception-kind', 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES');
  await page.fill('#exception-reason', 'Family bereavement; parents asked for a pause');
  for (const [id, d] of [
    ['exception-start', day(10)],
    ['exception-end', day(3)],
  ] as const) {
    await page.fill(`#${id}`, String(d.getDate()));
    await page.fill(`#${id}-month`, String(d.getMonth() + 1));
    await page.fill(`#${id}-year`, String(d.getFullYear()));
  }
  await page.waitForTimeout(Math.max(0, signedIn + 7000 - Date.now()));
  await page.click('#record-exception button[type=submit]');
  await page.locator('#sign-in-again-title').waitFor();
  await checkPage(page, 'sign-in-again', axeResults);
  // Still on the page, still typed.
  await expect(page.inputValue('#exception-reason')).resolves.toBe('Family bereavement; parents asked for a pause');
  await page.locator('.app-dialog button[data-user="coordinator"]').click();
  await page.locator('#saved-title').waitFor();
  await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Exception recorded');
  const res = await hub.query('coordinator', 'query($id: ID!) { child(id: $id) { education { assessments { exceptions { reason } } } } }', {
    id: lena.id,
  });
  const reasons = res.body.data.child.education.assessments.flatMap((a: any) => a.exceptions.map((e: any) => e.reason));
  expect(reasons.filter((r: string) => r === 'Family bereavement; parents asked for a pause')).toHaveLength(1);
});

it('the purpose of access goes with every request: a purpose the family did not consent to withholds health', async () => {
  const cara = DEMO_CHILDREN[2];
  const page = await open('coordinator');
  await page.locator('#work-tray tbody tr').first().waitFor();
  await page.fill('#search', cara.familyName);
  await page.getByRole('link', { name: `${cara.givenName} ${cara.familyName}` }).click();
  await page.locator('#health .govuk-summary-list').waitFor();
  await page.selectOption('#purpose', 'SAFEGUARDING');
  await page.locator('#health [data-withheld="NO_CONSENT"]').waitFor();
  await expect(page.locator('#education .govuk-summary-list').textContent()).resolves.toContain(cara.upn!);
  await checkPage(page, 'joint-view-purpose', axeResults);
  await page.selectOption('#purpose', 'DIRECT_CARE');
  await page.locator('#health .govuk-summary-list').waitFor();
});

it('coordinator records the final plan: a date in the future is refused, today is recorded and drawn', async () => {
  const lena = DEMO_CHILDREN[11];
  const page = await open('coordinator');
  await page.locator('#work-tray tbody tr').first().waitFor();
  await page.fill('#search', lena.familyName);
  await page.getByRole('link', { name: `${lena.givenName} ${lena.familyName}` }).click();
  await page.getByRole('link', { name: /EHC needs assessment/ }).click();
  await page.locator('#record-final').waitFor();
  const next = new Date(Date.now() + 3 * 86_400_000);
  await page.fill('#record-final-date', String(next.getDate()));
  await page.fill('#record-final-date-month', String(next.getMonth() + 1));
  await page.fill('#record-final-date-year', String(next.getFullYear()));
  await page.click('#record-final button[type=submit]');
  await expect(page.locator('#record-final-date-error').textContent()).resolves.toContain('must be today or in the past');
  const today = new Date();
  await page.fill('#record-final-date', String(today.getDate()));
  await page.fill('#record-final-date-month', String(today.getMonth() + 1));
  await page.click('#record-final button[type=submit]');
  await page.locator('#saved-title').waitFor();
  await expect(page.locator('.govuk-notification-banner--success').textContent()).resolves.toContain('Final plan recorded');
  // The assessment has ended; its clock is still shown, the final plan done today.
  await page.getByRole('heading', { name: 'Latest assessment' }).waitFor();
  const todayLong = today.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  await expect(page.locator('#timeline tr:has-text("Final EHC plan")').textContent()).resolves.toContain(todayLong);
  await page.locator('#timeline svg').waitFor();
  const res = await hub.query('coordinator', 'query($id: ID!) { child(id: $id) { education { assessments { status finalIssuedOn } } } }', {
    id: lena.id,
  });
  expect(res.body.data.child.education.assessments[0]).toEqual({ status: 'FINAL', finalIssuedOn: today.toISOString().slice(0, 10) });
});

describe('with the social care service down', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    const urls = Object.fromEntries(Object.entries(hub.subgraphs).map(([n, s]) => [n, s.url]));
    // Nothing listens on port 1: the gateway cannot reach social care.
    gw = await startGateway({ subgraphUrls: { ...urls, 'social-care': 'http://127.0.0.1:1/graphql' } });
  });
  afterAll(() => gw?.stop());

  it('the joint view names the agency whose part is unavailable and shows the rest', async () => {
    const at = gw.url.replace(/\/graphql$/, '');
    const ava = DEMO_CHILDREN[0];
    const page = await open('coordinator', PHONE, at);
    await page.locator('#work-tray tbody tr').first().waitFor();
    await page.fill('#search', ava.familyName);
    await page.getByRole('link', { name: `${ava.givenName} ${ava.familyName}` }).click();
    await page.locator('[data-unavailable="social-care"]').waitFor();
    await expect(page.locator('[data-unavailable="social-care"]').textContent()).resolves.toContain('Social care is unavailable');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('the social-care service');
    await expect(page.locator('#education .govuk-summary-list').textContent()).resolves.toContain(ava.upn!);
    await checkPage(page, 'joint-view-service-down', axeResults);
  });
});

it('the API explorer is served offline and queries as the signed-in user', async () => {
  const w = await newPage(browser, DESKTOP);
  const external: string[] = [];
  w.page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url());
  });
  await devSignIn(w.page, base, 'paediatrician');
  // GraphiQL asks for the schema first (introspection, allowed outside production).
  await Promise.all([
    w.page.waitForResponse((r) => r.url().endsWith('/graphql')),
    w.page.getByRole('link', { name: 'API explorer' }).click(),
  ]);
  await w.page.locator('.graphiql-container').waitFor();
  // The editor takes a moment after the schema arrives to accept a run.
  for (let i = 0; i < 10 && !(await w.page.locator('.result-window').textContent())?.includes('myCaseload'); i++) {
    await w.page.locator('.graphiql-execute-button').click();
    await w.page.waitForTimeout(500);
  }
  await expect(w.page.locator('.result-window').textContent()).resolves.toContain('ALLOCATION');
  expect(external).toEqual([]);
  await checkPage(w.page, 'explorer', axeResults);
});
