// After the plan, in a real browser against a whole test hub: the family's tracker shows their
// child's plan's annual-review deadlines (the API's review clock, worded), and moves on when the
// coordinator records a review; the coordinator records a term's attendance, corrects it, records a suspension and withdraws it (errors
// summarised and named, check your answers, recorded once on a double click). axe on every page;
// nothing personal in URLs, storage or the console.
import type { Browser, Page } from 'playwright-core';
import { DEMO_CHILDREN } from '@hub/seed';
import { addDays, addMonths, toIsoDate } from '@hub/schema';
import type { TestHub } from '../kit/hub';
import { sql } from '../kit/databases';
import { checkPage as checkPageInto, DESKTOP, launch, personalDataLeaks, PHONE, type Watched, openSignedIn } from './browser';
import { startWebHub } from './web-hub';

let hub: TestHub;
let base: string;
let browser: Browser;
const watched: Watched[] = [];
const axeResults: Record<string, number> = {};
const AVA = DEMO_CHILDREN[0];
const avaName = `${AVA.givenName} ${AVA.familyName}`;
const today = toIsoDate(new Date())!;
/** As the page writes a date: "14 March 2026". */
const long = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

beforeAll(async () => {
  ({ hub, base } = await startWebHub('webafterplan'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  console.log(`axe violations per page: ${JSON.stringify(axeResults)}`);
});

const open = (user: string, viewport = DESKTOP): Promise<Page> => openSignedIn(browser, base, user, watched, viewport);
const checkPage = (page: Page, name: string) => checkPageInto(page, name, axeResults);

async function tracker(page: Page) {
  await page
    .getByRole('link', { name: /Your (children|record)/ })
    .first()
    .click();
  await page.getByRole('link', { name: `Assessment for ${avaName}` }).click();
  await page.locator('#review-steps').waitFor();
}

it("the family's tracker: the plan's review overdue, the review before secondary school by 15 February; a review held brings its report and decision dates", async () => {
  const page = await open('parent', PHONE);
  await tracker(page);
  const [{ issued_on: issuedOn }] = await sql(
    hub.databases.education,
    "SELECT to_char(issued_on, 'YYYY-MM-DD') AS issued_on FROM ehc_plan WHERE child_id = $1",
    [AVA.id],
  );
  const due = addMonths(issuedOn, 12);
  await expect(page.locator('#next-review-deadline').textContent()).resolves.toMatch(
    new RegExp(`Annual review meeting was due by ${long(due)}: \\d+ weeks late\\.`),
  );
  await expect(page.locator('#next-review').textContent()).resolves.toMatch(
    new RegExp(`Annual review meeting.*Due by ${long(due)}.*Late: past its deadline`),
  );
  await expect(page.locator('#phase-transfer').textContent()).resolves.toMatch(
    /before moving to secondary school.*Due by 15 February 2027: for the move in September 2027.*Not yet due/,
  );
  await expect(page.locator('#late-review-steps').textContent()).resolves.toContain('Late: Annual review meeting');
  // Dates and where each step is, never the plan's contents.
  expect(await page.locator('main').textContent()).not.toContain('predictable routine');
  await checkPage(page, 'family-plan-reviews-overdue');

  const [{ id: planId }] = await sql(hub.databases.education, 'SELECT id FROM ehc_plan WHERE child_id = $1', [AVA.id]);
  const meetingOn = addDays(today, -3);
  const met = await hub.query(
    'coordinator',
    'mutation($p: ID!, $on: String!) { recordReviewMeeting(planId: $p, meetingOn: $on, pfaAreas: [], idempotencyKey: "web-after-plan-1") { id } }',
    { p: planId, on: meetingOn },
  );
  expect(met.body.errors).toBeUndefined();
  // Back to the family home and to the tracker again: the page asks the API afresh (no client cache).
  await tracker(page);
  await page.locator('#review-report').waitFor();
  await expect(page.locator('#next-review-deadline').textContent()).resolves.toMatch(
    new RegExp(`Next deadline: review report, by ${long(addDays(meetingOn, 14))} \\(in [^)]+\\)\\.`),
  );
  await expect(page.locator('#review-report').textContent()).resolves.toMatch(
    new RegExp(
      `Review report sent to you.*Due by ${long(addDays(meetingOn, 14))}: within 2 weeks of the review meeting on ${long(meetingOn)}.*Not yet due`,
    ),
  );
  await expect(page.locator('#review-decision').textContent()).resolves.toMatch(
    new RegExp(`Due by ${long(addDays(meetingOn, 28))}: within 4 weeks`),
  );
  await expect(page.locator('#next-review').textContent()).resolves.toContain(`Due by ${long(addMonths(meetingOn, 12))}`);
  expect(await page.locator('#late-review-steps').count()).toBe(0);
  await checkPage(page, 'family-plan-reviews-held');
});

async function recordPage(page: Page) {
  await page.locator('#work-tray tbody tr').first().waitFor();
  await page.fill('#search', AVA.familyName);
  await page.getByRole('link', { name: avaName }).click();
  await page.locator('#education .govuk-summary-list').waitFor();
  await page.click('#record-attendance');
  await page.locator('#what').waitFor();
}

const rows = async (table: string) =>
  (await sql(hub.databases.education, `SELECT count(*)::int AS n FROM ${table} WHERE child_id = $1`, [AVA.id]))[0].n;

it("the coordinator records a term's attendance: errors summarised and named, checked, recorded once on a double click", async () => {
  const before = await rows('attendance_term');
  const page = await open('coordinator', PHONE);
  await recordPage(page);
  await page.click('#continue');
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select what you want to record');
  await expect(page.title()).resolves.toMatch(/^Error: /);
  await checkPage(page, 'record-attendance-error');

  await page.check('#what');
  await page.fill('#termStart', '2');
  await page.fill('#termStart-month', '9');
  await page.fill('#termStart-year', '2024');
  await page.check('#term-1'); // spring: not the term a September start falls in
  for (const [f, v] of [
    ['sessionsPossible', '140'],
    ['sessionsAttended', '120'],
    ['authorisedAbsence', '12'],
    ['unauthorisedAbsence', '9'],
  ])
    await page.fill(`#${f}`, v);
  await page.click('#continue');
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/the Autumn term/);
  await page.check('#term');
  await page.click('#continue');
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
    'Possible sessions must equal sessions attended plus authorised and unauthorised absence',
  );
  await expect(page.locator('#sessionsPossible-error').textContent()).resolves.toContain('must equal');
  await checkPage(page, 'record-attendance-sums');
  await page.fill('#unauthorisedAbsence', '8');
  await page.click('#continue');
  await page.locator('#confirm-record').waitFor();
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(
    /A term's attendance.*2 September 2024.*Autumn.*Possible sessions140.*Unauthorised absence \(sessions\)8/,
  );
  await checkPage(page, 'record-attendance-check');
  await page.locator('#confirm-record').dblclick();
  await page.locator('.govuk-panel--confirmation').waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe('Attendance recorded');
  await checkPage(page, 'record-attendance-done');
  expect(await rows('attendance_term')).toBe(before + 1);

  // The same term again: the API refuses it, and the page says so next to the date.
  await page.getByRole('link', { name: 'Back to the joint view' }).click();
  await page.locator('#record-attendance').click();
  await page.check('#what');
  await page.fill('#termStart', '4');
  await page.fill('#termStart-month', '9');
  await page.fill('#termStart-year', '2024');
  await page.check('#term');
  for (const [f, v] of [
    ['sessionsPossible', '10'],
    ['sessionsAttended', '10'],
    ['authorisedAbsence', '0'],
    ['unauthorisedAbsence', '0'],
  ])
    await page.fill(`#${f}`, v);
  await page.click('#continue');
  await page.click('#confirm-record');
  await expect(page.locator('#termStart-error').textContent()).resolves.toMatch(/already recorded/);
  expect(await rows('attendance_term')).toBe(before + 1);

  // So it is corrected instead: the term's figures replaced (once, on a double click), the old ones kept.
  await page.check('#what-3');
  await page.click('#continue');
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(
    /A correction to a term's attendance already recorded.*4 September 2024.*Possible sessions10/,
  );
  await page.locator('#confirm-record').dblclick();
  await page.locator('.govuk-panel--confirmation').waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe('Attendance corrected');
  await checkPage(page, 'record-attendance-corrected');
  expect(await rows('attendance_term')).toBe(before + 1);
  expect(await rows('attendance_correction')).toBe(1);
  const [autumn] = await sql(
    hub.databases.education,
    `SELECT to_char(term_start, 'YYYY-MM-DD') AS start, sessions_possible AS possible FROM attendance_term
      WHERE child_id = $1 AND term_start BETWEEN '2024-08-01' AND '2024-12-31'`,
    [AVA.id],
  );
  expect(autumn).toEqual({ start: '2024-09-04', possible: 10 });
});

it('the coordinator records a suspension: its length required, checked, recorded once', async () => {
  const before = await rows('exclusion');
  const page = await open('coordinator');
  await recordPage(page);
  await page.check('#what-1');
  await page.fill('#startOn', '11');
  await page.fill('#startOn-month', '11');
  await page.fill('#startOn-year', '2024');
  await page.click('#continue');
  await expect(page.locator('#sessions-error').textContent()).resolves.toContain('from 1 to 90');
  await page.fill('#sessions', '4');
  await page.click('#continue');
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(/A suspension.*11 November 2024.*4 sessions/);
  await page.locator('#confirm-record').dblclick();
  await page.locator('.govuk-panel--confirmation').waitFor();
  await checkPage(page, 'record-exclusion-done');
  expect(await rows('exclusion')).toBe(before + 1);
});

it('the coordinator withdraws that suspension as recorded in error: its kind and why required, checked, withdrawn once', async () => {
  const page = await open('coordinator');
  await recordPage(page);
  await page.check('#what-4');
  await page.click('#continue');
  const summary = await page.locator('.govuk-error-summary').textContent();
  expect(summary).toContain('Select which kind of exclusion to withdraw');
  expect(summary).toContain('Select why it is withdrawn');
  await checkPage(page, 'withdraw-exclusion-error');
  await page.check('#kind');
  await page.fill('#startOn', '11');
  await page.fill('#startOn-month', '11');
  await page.fill('#startOn-year', '2024');
  await page.check('#reason');
  await page.click('#continue');
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(
    /The withdrawal of an exclusion.*11 November 2024.*Suspension.*It was recorded in error/,
  );
  await page.locator('#confirm-record').dblclick();
  await page.locator('.govuk-panel--confirmation').waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe('Exclusion withdrawn');
  await checkPage(page, 'withdraw-exclusion-done');
  const kept = await sql(hub.databases.education, `SELECT withdrawal FROM exclusion WHERE child_id = $1 AND start_on = '2024-11-11'`, [
    AVA.id,
  ]);
  expect(kept).toEqual([{ withdrawal: 'RECORDED_IN_ERROR' }]);
});

it('leaves nothing personal in any URL, in storage or on the console', async () => {
  const personal = DEMO_CHILDREN.flatMap((c) => [c.id, c.familyName, c.nhsNumber?.replace(/\s/g, ''), c.upn]).filter(
    (x): x is string => !!x,
  );
  expect(await personalDataLeaks(watched, personal)).toEqual([]);
});
