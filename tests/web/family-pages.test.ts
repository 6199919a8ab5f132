// The rest of the family's side in a real browser against a whole test hub: the assessment tracker,
// correction requests (the family asks; the agency answers in the joint view; the family sees the
// answer), a break glass's reason in who looked once reviewed, the story in the coordinator's
// assessment page and in the advice form (or the withheld notice), and a professional adding a
// family member (invitation code shown once). axe on every page; nothing personal in URLs, storage
// or the console.
import type { Browser, Page } from 'playwright-core';
import { DEMO_CHILDREN } from '@hub/seed';
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
const LENA = DEMO_CHILDREN[11];
const avaName = `${AVA.givenName} ${AVA.familyName}`;

beforeAll(async () => {
  ({ hub, base } = await startWebHub('webfamilypages'));
  browser = await launch();
  const story = await hub.query(
    'parent',
    'mutation($c: ID!) { writeFamilyStory(input: { childId: $c, views: "Ava likes a quiet start to the day.", whatWorks: "A visual timetable" }) { version } }',
    { c: AVA.id },
  );
  expect(story.body.errors).toBeUndefined();
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  console.log(`axe violations per page: ${JSON.stringify(axeResults)}`);
});

const open = (user: string, viewport = DESKTOP): Promise<Page> => openSignedIn(browser, base, user, watched, viewport);
const checkPage = (page: Page, name: string) => checkPageInto(page, name, axeResults);

async function childPage(page: Page, name: string, text: string) {
  await page
    .getByRole('link', { name: /Your (children|record)/ })
    .first()
    .click();
  await page.getByRole('link', { name: `${text} for ${name}` }).click();
}

async function jointView(page: Page, child: { familyName: string; givenName: string }) {
  await page.locator('#work-tray tbody tr').first().waitFor();
  await page.fill('#search', child.familyName);
  await page.getByRole('link', { name: `${child.givenName} ${child.familyName}` }).click();
  await page.locator('#education .govuk-summary-list').waitFor();
}

it('assessment tracker: the young person sees where the assessment is, its dates, and who has replied (not what they said)', async () => {
  const page = await open('young-person', PHONE);
  await childPage(page, `${LENA.givenName} ${LENA.familyName}`, 'Assessment');
  await page.locator('#where-it-is').waitFor();
  await expect(page.locator('#where-it-is').textContent()).resolves.toContain('A draft plan has been issued');
  await expect(page.locator('#where-it-is').textContent()).resolves.toMatch(/Next deadline: final ehc plan, by .* \(in \d+ weeks?\)/);
  const text = await page.locator('main').textContent();
  expect(text).toMatch(/Final EHC plan.*Not yet/);
  expect(text).toMatch(/Health: RX1.*Yes, on/);
  // The advice itself (its needs) is not on this page.
  expect(text).not.toContain('radio aid');
  await checkPage(page, 'family-assessment');
});

it('corrections: the parent asks (errors named, checked, sent once on a double click) and sees it waiting', async () => {
  const page = await open('parent', PHONE);
  await childPage(page, avaName, 'Corrections');
  await page.locator('#no-corrections').waitFor();
  await checkPage(page, 'family-corrections-none');
  await page.click('#new-correction');
  await page.locator('#continue').click();
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/Select who holds the record.*Say what is wrong/);
  await expect(page.title()).resolves.toMatch(/^Error: /);
  await checkPage(page, 'family-correction-error');
  await page.check('#agency-1');
  await page.check('#category-2');
  await page.fill('#about', 'Diagnoses');
  await page.fill('#whatIsWrong', 'It says asthma, but Ava has never had asthma.');
  await page.click('#continue');
  await page.locator('#send-correction').waitFor();
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(/Health.*Health.*Diagnoses.*never had asthma/);
  await checkPage(page, 'family-correction-check');
  await page.locator('#send-correction').dblclick();
  await page.locator('.govuk-panel__title').waitFor();
  await expect(page.locator('.govuk-panel').textContent()).resolves.toContain('to Health');
  await checkPage(page, 'family-correction-done');
  expect(await sql(hub.databases.family, 'SELECT count(*)::int AS n FROM correction_request')).toEqual([{ n: 1 }]);
  await page.getByRole('link', { name: 'See your requests' }).click();
  await page.locator('.app-correction').first().waitFor();
  await expect(page.locator('.app-correction').first().textContent()).resolves.toContain('Waiting for an answer');
});

it('corrections: the paediatrician declines it in the joint view (a reason is required) and the parent sees why', async () => {
  const page = await open('paediatrician');
  // The work tray says there is one to answer.
  await page.locator('#work-tray tbody tr').first().waitFor();
  await page.fill('#search', AVA.familyName);
  await expect(page.locator('#work-tray tbody tr').first().textContent()).resolves.toContain(
    '1 correction request from the family to answer',
  );
  await checkPage(page, 'work-tray-corrections');
  await jointView(page, AVA);
  await page.locator('#correction-requests .govuk-summary-card').waitFor();
  await expect(page.locator('#correction-requests').textContent()).resolves.toContain('never had asthma');
  await page.check('#outcome-0-1');
  await page.click('#send-answer-0');
  await expect(page.locator('#reason-0-error').textContent()).resolves.toContain('Say why you decline it');
  await checkPage(page, 'joint-view-correction-error');
  await page.fill('#reason-0', 'The clinic letter of March 2023 records asthma diagnosed by the GP.');
  await page.click('#send-answer-0');
  await page.locator('#answer-saved').waitFor();
  await page.locator('#correction-requests .govuk-tag', { hasText: 'Declined' }).waitFor();
  await checkPage(page, 'joint-view-corrections');

  const parent = await open('parent');
  await childPage(parent, avaName, 'Corrections');
  await parent.locator('.app-correction').first().waitFor();
  await expect(parent.locator('.app-correction').first().textContent()).resolves.toMatch(
    /Declined.*Why it was declined.*clinic letter of March 2023.*RX1/,
  );
  await checkPage(parent, 'family-corrections');
});

it('who looked: an emergency access is flagged; its reason shown once a privacy officer has reviewed it', async () => {
  const glass = await hub.query(
    'therapist',
    'mutation($c: ID!) { breakGlass(childId: $c, reason: "Urgent check of swallowing safety", minutes: 5) { id } }',
    { c: AVA.id },
  );
  const id = glass.body.data.breakGlass.id;
  await hub.query('therapist', 'query($id: ID!) { child(id: $id) { health { nhsNumber } } }', { id: AVA.id });
  const page = await open('parent');
  await childPage(page, avaName, 'Who looked');
  const emergency = page
    .locator('.app-look')
    .filter({ has: page.locator('.govuk-tag', { hasText: 'Emergency access' }) })
    .first();
  await emergency.waitFor();
  await expect(emergency.textContent()).resolves.toContain('will be shown here once they have');
  expect(await page.locator('main').textContent()).not.toContain('swallowing');
  // The privacy officer reviews it on their page, leaving the reason to be shown to the family.
  const officer = await open('privacy-officer');
  await officer.locator(`#verdict-${id}`).waitFor();
  await expect(officer.locator(`#withhold-${id}`).isChecked()).resolves.toBe(false);
  await checkPage(officer, 'privacy-review-family-choice');
  await officer.check(`#verdict-${id}`);
  await officer.locator(`#verdict-${id}`).locator('xpath=ancestor::form').locator('button[type=submit]').click();
  await officer.locator('#review-done').waitFor();
  // Away and back: the page asks the hub again.
  await page.getByRole('link', { name: 'Record', exact: true }).click();
  await page.getByRole('link', { name: 'Who looked', exact: true }).click();
  await page.locator('.app-look', { hasText: 'The reason given' }).first().waitFor();
  await expect(
    page
      .locator('.app-look')
      .filter({ has: page.locator('.govuk-tag', { hasText: 'Emergency access' }) })
      .first()
      .textContent(),
  ).resolves.toContain('The reason given: “Urgent check of swallowing safety”');
  await checkPage(page, 'family-who-looked-emergency');
});

it("the coordinator's assessment page shows the family's story, read only; the advice form says when it is withheld", async () => {
  const page = await open('coordinator');
  await jointView(page, AVA);
  await page.getByRole('link', { name: /EHC needs assessment/ }).click();
  await page.locator('#family-story .govuk-summary-list').waitFor();
  await expect(page.locator('#family-story').textContent()).resolves.toMatch(
    /In the family's own words.*Version 1.*quiet start to the day.*A visual timetable/,
  );
  await checkPage(page, 'assessment-family-story');

  const paed = await open('paediatrician');
  await paed.getByRole('link', { name: 'Advice requests' }).click();
  await paed.locator('#advice-requests').waitFor();
  // Hari: RX1 was asked for advice but holds no consent for the child, so no name and no story.
  await paed
    .getByRole('link', { name: /Write advice for Child \(details not shared with you\)/ })
    .first()
    .click();
  await paed.locator('#family-story').waitFor();
  await expect(paed.locator('#family-story').textContent()).resolves.toMatch(/In the family's own words.*Withheld/);
  await checkPage(paed, 'advice-form-family-story-withheld');
});

it('a professional adds a family member: errors summarised, answers checked, the code shown once and redeemable', async () => {
  const page = await open('coordinator', PHONE);
  await jointView(page, AVA);
  await page.click('#add-family');
  await page.locator('#continue').click();
  await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/Select how.*Select who/);
  await checkPage(page, 'family-invite-error');
  await page.check('#how');
  await page.check('#relation');
  await page.click('#continue');
  await page.locator('#confirm-family').waitFor();
  await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(/one-time invitation code.*A parent or carer/);
  await checkPage(page, 'family-invite-check');
  await page.click('#confirm-family');
  const code = (await page.locator('#invitation-code').textContent())!.replace(/-/g, '');
  expect(code).toMatch(/^[A-Z2-7]{32}$/);
  await checkPage(page, 'family-invite-done');
  expect(page.url()).not.toContain(code.slice(0, 8));
  const redeemed = await hub.query(
    { sub: 'u-new-parent', name: 'New parent', org: 'FAMILY', roles: ['parent_carer'] },
    'mutation($c: String!) { redeemInvitation(code: $c) { childId } }',
    { c: code },
  );
  expect(redeemed.body.data.redeemInvitation.childId).toBe(AVA.id);
});

it("the paediatrician marks health information not to be disclosed to the family; the family's record says only that it is not for them", async () => {
  const page = await open('paediatrician');
  await jointView(page, AVA);
  await page.locator('#no-withholding').waitFor();
  await page.locator('#family-withholding summary').click();
  await page.click('#withhold-submit');
  await expect(page.locator('#family-withholding .govuk-error-summary').textContent()).resolves.toMatch(/Select the kind.*serious harm/);
  await checkPage(page, 'joint-view-withholding-error');
  await page.check('#withhold-category-2');
  await page.fill('#withhold-reason', 'Disclosure now would put the child at risk of serious harm.');
  await page.locator('#withhold-submit').dblclick();
  await page.locator('#withholding-notice').waitFor();
  await page.locator('#family-withholding table').waitFor();
  await checkPage(page, 'joint-view-withholding');
  expect(await sql(hub.databases.governance, 'SELECT count(*)::int AS n FROM family_withholding WHERE ended_at IS NULL')).toEqual([
    { n: 1 },
  ]);

  const parent = await open('parent');
  await childPage(parent, avaName, 'Record');
  await parent.locator('#education .govuk-summary-list').waitFor();
  await expect(parent.locator('#health').textContent()).resolves.toContain('Withheld: not for your role');
  expect(await parent.locator('main').textContent()).not.toContain('serious harm');

  await page.getByRole('button', { name: /End the marking of health/ }).click();
  await page.locator('#no-withholding').waitFor();
});

it('leaves nothing personal in any URL, in storage or on the console', async () => {
  const personal = DEMO_CHILDREN.flatMap((c) => [c.id, c.familyName, c.nhsNumber?.replace(/\s/g, ''), c.upn]).filter(
    (x): x is string => !!x,
  );
  expect(await personalDataLeaks(watched, personal)).toEqual([]);
});
