// The family's pages in a real browser against a whole test hub: a parent signs in (at a phone's
// width), writes their story once (bad input refused, a double click writes one version), the
// coordinator reads it in the joint view, the parent withdraws the consent (the coordinator loses
// health at once) and gives a narrower one, sees the paediatrician's read in "who looked" and their
// child's record; axe on every page, nothing personal in URLs, storage or the console.
import type { Browser, Page } from 'playwright-core';
import { DEMO_CHILDREN } from '@hub/seed';
import type { TestHub } from '../kit/hub';
import { checkPage as checkPageInto, DESKTOP, launch, newPage, personalDataLeaks, PHONE, type Watched, openSignedIn } from './browser';
import { startWebHub } from './web-hub';

let hub: TestHub;
let base: string;
let browser: Browser;
const watched: Watched[] = [];
const axeResults: Record<string, number> = {};
const AVA = DEMO_CHILDREN[0];

beforeAll(async () => {
  ({ hub, base } = await startWebHub('webfamily'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  console.log(`axe violations per family page: ${JSON.stringify(axeResults)}`);
});

const open = (user: string, viewport = DESKTOP): Promise<Page> => openSignedIn(browser, base, user, watched, viewport);

const checkPage = (page: Page, name: string) => checkPageInto(page, name, axeResults);

const coordinatorHealth = () =>
  hub.query('coordinator', 'query($id: ID!) { child(id: $id) { health { nhsNumber } familyStory { version } } }', { id: AVA.id });
const reasons = (res: any) => (res.body.errors ?? []).map((e: any) => [e.path?.join('.'), e.extensions?.reason]);

let parent: Page;
const avaName = `${AVA.givenName} ${AVA.familyName}`;

async function toChildPage(text: string) {
  await parent.getByRole('link', { name: 'Your children' }).first().click();
  await parent.getByRole('link', { name: `${text} for ${avaName}` }).click();
}

it('a parent signs in (phone) and lands on their children, not a work tray', async () => {
  // The paediatrician reads Ava's record first: "who looked" must list it later.
  const read = await hub.query('paediatrician', 'query($id: ID!) { child(id: $id) { health { nhsNumber } } }', { id: AVA.id });
  expect(read.body.data.child.health.nhsNumber).toBeTruthy();
  parent = await open('parent', PHONE);
  await expect(parent.locator('h1').textContent()).resolves.toBe('Your children');
  await parent.locator(`h2:has-text("${avaName}")`).waitFor();
  expect(await parent.getByRole('link', { name: 'Work tray' }).count()).toBe(0);
  await checkPage(parent, 'family-home');
});

it('my story: bad input refused next to the field; checked, then saved once on a double click', async () => {
  await toChildPage('Story');
  await parent.locator('#views').waitFor();
  await expect(parent.locator('#story-none').textContent()).resolves.toContain('not written');
  await checkPage(parent, 'family-story');
  await parent.click('#continue');
  await expect(parent.locator('.govuk-error-summary').textContent()).resolves.toContain('Write at least one part');
  await checkPage(parent, 'family-story-error');
  await parent.fill('#interests', 'x'.repeat(5001));
  await parent.click('#continue');
  await expect(parent.locator('#interests-error').textContent()).resolves.toContain('5,000 characters or fewer');
  await expect(parent.title()).resolves.toMatch(/^Error: /);
  await parent.fill('#interests', 'Dinosaurs and swimming');
  await parent.fill('#views', 'Ava likes a quiet start to the day.');
  await parent.click('#continue');
  await parent.locator('#save-story').waitFor();
  await expect(parent.locator('.govuk-summary-list').textContent()).resolves.toContain('Dinosaurs and swimming');
  await checkPage(parent, 'family-story-check');
  await parent.locator('#save-story').dblclick();
  await parent.locator('.govuk-panel__title').waitFor();
  await expect(parent.locator('.govuk-panel').textContent()).resolves.toContain('Version 1');
  await checkPage(parent, 'family-story-done');
  const versions = await hub.query('parent', 'query($id: ID!) { familyStoryVersions(childId: $id) { version interests } }', { id: AVA.id });
  expect(versions.body.data.familyStoryVersions).toEqual([{ version: 1, interests: 'Dinosaurs and swimming' }]);
  await parent.getByRole('link', { name: 'Back to your story' }).click();
  await expect(parent.locator('#story-current').textContent()).resolves.toContain('version 1');
  // A second version: the form starts from the current one, and version 1 is listed as earlier.
  await expect(parent.inputValue('#interests')).resolves.toBe('Dinosaurs and swimming');
  await parent.fill('#whatWorks', 'A visual timetable');
  await parent.click('#continue');
  await parent.locator('#save-story').click();
  await expect(parent.locator('.govuk-panel').textContent()).resolves.toContain('Version 2');
  await parent.getByRole('link', { name: 'Back to your story' }).click();
  await expect(parent.locator('#story-earlier').textContent()).resolves.toContain('Version 1, written by a parent or carer');
});

it('the coordinator reads the story in the joint view, "in the family\'s own words"', async () => {
  const page = await open('coordinator');
  await page.locator('#work-tray tbody tr').first().waitFor();
  await page.fill('#search', AVA.familyName);
  await page.getByRole('link', { name: avaName }).click();
  await page.locator('#family-story .govuk-summary-list').waitFor();
  await expect(page.locator('#family-story').textContent()).resolves.toMatch(/Version 2.*Dinosaurs and swimming.*A visual timetable/);
  await checkPage(page, 'joint-view-family-story');
});

it('sharing: the parent withdraws the consent (a confirmation step); the coordinator loses health at once', async () => {
  const before = await coordinatorHealth();
  expect(before.body.data.child.health).not.toBeNull();
  await toChildPage('Sharing');
  const current = parent.locator('[data-consent=current]').first();
  await current.waitFor();
  await expect(current.textContent()).resolves.toMatch(
    /Given by a parent or carer on 1 February 2024.*In use.*Allowed.*Every agency: may see .* for any purpose/,
  );
  await checkPage(parent, 'family-sharing');
  await current.getByRole('link', { name: /Withdraw/ }).click();
  await parent.locator('#confirm-withdraw').waitFor();
  await checkPage(parent, 'family-withdraw');
  await parent.click('#confirm-withdraw');
  await expect(parent.locator('#sharing-notice').textContent()).resolves.toBe('Success');
  await parent.locator('[data-consent=withdrawn]').first().waitFor();
  await expect(parent.locator('[data-consent=withdrawn]').first().textContent()).resolves.toContain('Withdrawn');
  const after = await coordinatorHealth();
  expect(after.body.data.child.health).toBeNull();
  expect(after.body.data.child.familyStory).toBeNull();
  expect(reasons(after)).toEqual(
    expect.arrayContaining([
      ['child.health', 'NO_CONSENT'],
      ['child.familyStory', 'NO_CONSENT'],
    ]),
  );
});

it('sharing: the parent gives a new, narrower consent (health information to education only)', async () => {
  await parent.click('#new-consent');
  await parent.locator('#record-consent').waitFor();
  await parent.click('#record-consent');
  await expect(parent.locator('#categories-error').textContent()).resolves.toContain('Select the information');
  await checkPage(parent, 'family-new-consent-error');
  await parent.check('#categories-1');
  await parent.check('#agencies');
  // An end date in the past is refused next to the field; one next year is said in words.
  await parent.fill('#until', '1');
  await parent.fill('#until-month', '3');
  await parent.fill('#until-year', '2020');
  await parent.click('#record-consent');
  await expect(parent.locator('#until-error').textContent()).resolves.toContain('must be in the future');
  const next = new Date().getFullYear() + 1;
  await parent.fill('#until-year', String(next));
  await expect(parent.locator('#consent-preview').textContent()).resolves.toContain(
    `Education: may see health information for any purpose until 1 March ${next}`,
  );
  await checkPage(parent, 'family-new-consent');
  await parent.locator('#record-consent').dblclick();
  await parent.locator('#sharing-notice').waitFor();
  await parent.locator('[data-consent=current]').first().waitFor();
  expect(await parent.locator('[data-consent=current]').count()).toBe(1);
  await expect(parent.locator('[data-consent=current]').textContent()).resolves.toContain(`until 1 March ${new Date().getFullYear() + 1}`);
  const consents = await hub.query(
    'parent',
    'query($id: ID!) { consents(childId: $id) { method decider withdrawnAt provisions { end } } }',
    { id: AVA.id },
  );
  expect(consents.body.data.consents.filter((c: any) => !c.withdrawnAt)).toEqual([
    { method: 'PORTAL', decider: 'PARENT', withdrawnAt: null, provisions: [{ end: `${new Date().getFullYear() + 1}-03-01` }] },
  ]);
  const res = await coordinatorHealth();
  expect(res.body.data.child.health).not.toBeNull();
  // Health information only: the NHS number (identity) and the story (family) stay withheld.
  expect(reasons(res)).toEqual(
    expect.arrayContaining([
      ['child.familyStory', 'NO_CONSENT'],
      ['child.health.nhsNumber', 'NO_CONSENT'],
    ]),
  );
  expect(reasons(res)).not.toContainEqual(['child.health', 'NO_CONSENT']);
});

it("who looked: the paediatrician's read, newest first, in plain English", async () => {
  await toChildPage('Who looked');
  const looks = parent.locator('.app-look');
  await looks.first().waitFor();
  const paediatrician = looks.filter({ hasText: 'health professional, RX1' }).filter({ hasText: 'health information' });
  expect(await paediatrician.count()).toBeGreaterThan(0);
  // Newest first across services: the parent's own look at this page's sharing came after the paediatrician's read.
  const times = await looks.locator('h3').allTextContents();
  expect(times.length).toBeGreaterThan(1);
  const all = await looks.allTextContents();
  expect(all.findIndex((t) => t.includes('health professional, RX1'))).toBeGreaterThan(0);
  await checkPage(parent, 'family-who-looked');
});

it("the child's record: the joint view the family may see, withheld parts labelled", async () => {
  await toChildPage('Record');
  await parent.locator('#education .govuk-summary-list').waitFor();
  await expect(parent.locator('#education').textContent()).resolves.toContain(avaName);
  await checkPage(parent, 'family-record');
  // Child protection is never shown to the family: said, not silently left out.
  await expect(parent.locator('#social-care').textContent()).resolves.toMatch(/Child protection plansWithheld: not for your role/);
});

it('the young person lands on their own record page', async () => {
  const page = await open('young-person');
  await expect(page.locator('h1').textContent()).resolves.toBe('Your record');
  await checkPage(page, 'family-home-young-person');
});

/** Presses Tab until the focused element's text (or accessible name) matches, as a keyboard user would. */
async function tabTo(page: Page, text: RegExp) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      return e ? `${e.innerText ?? ''}` : '';
    });
    if (text.test(focused)) return;
  }
  throw new Error(`nothing matching ${text} reached by Tab`);
}

it('keyboard only: the young person signs in, opens their sharing and who looked', async () => {
  const w = await newPage(browser, PHONE);
  watched.push(w);
  const page = w.page;
  await page.goto(`${base}/sign-in`);
  await page.locator('button[data-user="young-person"]').waitFor();
  await tabTo(page, /Demo Young Person/);
  await page.keyboard.press('Enter');
  await page.locator('h1:has-text("Your record")').waitFor();
  await tabTo(page, /^Sharing/);
  await page.keyboard.press('Enter');
  await page.locator('[data-consent]').first().waitFor();
  await expect(page.locator('[data-consent]').first().textContent()).resolves.toContain('Given by the young person');
  await tabTo(page, /^Who looked/);
  await page.keyboard.press('Enter');
  await page.locator('h1:has-text("Who looked")').waitFor();
  await page.locator('.app-look').first().waitFor();
  await checkPage(page, 'family-who-looked-young-person');
});

it('a parent of a 19-year-old is told plainly that the young person decides', async () => {
  const LENA = DEMO_CHILDREN[11];
  const link = await hub.query('paediatrician', 'mutation($i: FamilyLinkInput!) { linkFamilyMember(input: $i) { id } }', {
    i: { childId: LENA.id, userSub: 'u-parent-1', relation: 'PARENT' },
  });
  expect(link.body.errors).toBeUndefined();
  const page = await open('parent');
  await page.getByRole('link', { name: 'Sharing for Your child' }).click();
  await page.locator('#new-consent').click();
  await page.check('#categories-1');
  await page.click('#record-consent');
  await expect(page.locator('#categories-error').textContent()).resolves.toContain('the young person decides for themselves');
  await checkPage(page, 'family-new-consent-refused');
  const consents = await hub.query('young-person', 'query($id: ID!) { consents(childId: $id) { id } }', { id: LENA.id });
  expect(consents.body.data.consents).toHaveLength(1);
});

it('leaves nothing personal in any URL, in storage or on the console', async () => {
  const personal = DEMO_CHILDREN.flatMap((c) => [c.id, c.familyName, c.nhsNumber?.replace(/\s/g, ''), c.upn]).filter(
    (x): x is string => !!x,
  );
  expect(await personalDataLeaks(watched, personal)).toEqual([]);
});
