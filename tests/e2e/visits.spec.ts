import type { Page } from '@playwright/test';
import {
	test,
	expect,
	expectAccessible,
	draftMark,
	draftWrittenAfter,
	goOffline,
	waitForServiceWorker
} from './fixtures';

/**
 * Safe and Well visits with the network cut: request, record in steps (an error on one, a reload
 * mid-way), check your answers with the derived risk, save, reload, and raise the coach referral
 * the answers suggest, linked both ways.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

const group = (page: Page, name: string | RegExp) => page.getByRole('group', { name });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' });

test('a visit is requested, recorded step by step, kept across a reload, saved and referred, offline', async ({
	page,
	context
}) => {
	test.setTimeout(240_000);
	await page.goto('/');
	await waitForServiceWorker(page);
	await goOffline(context);

	// The list, with the way to request a visit.
	await page.goto('/visits');
	await expect(heading(page, 'Safe and Well visits')).toBeVisible();
	await expectAccessible(page);

	// Request a visit, booked for a date: it is saved as scheduled.
	await page.getByRole('link', { name: 'Request a visit' }).click();
	await expect(heading(page, 'Request a Safe and Well visit')).toBeVisible();
	await page.getByLabel('Address line 1').fill('14 Main Street');
	await page.getByLabel('Town or village').fill('Keswick');
	await page.getByLabel('Postcode').fill('ca12 5dj');
	await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Allerdale' });
	await page.getByLabel('Full name').fill('Edna Threlkeld');
	await page.getByLabel('Age', { exact: true }).selectOption({ label: '85 or over' });
	await group(page, 'Do they live alone?').getByLabel('Yes').check();
	await page.getByLabel('Family member or friend').check();
	await page.getByLabel('Appointment (optional)').fill('2026-03-10T10:30');
	await page.getByRole('button', { name: 'Save request' }).click();
	await expect(page).toHaveURL(new RegExp(`/visits/${UUID.source}$`));
	const visitPath = new URL(page.url()).pathname;
	const visitId = visitPath.split('/').pop() ?? '';
	await expect(heading(page, '14 Main Street, Keswick')).toBeVisible();
	await expect(page.getByTestId('visit-status')).toHaveText('Scheduled');

	// Consent: continuing with nothing answered shows the error summary and the inline errors.
	await page.getByRole('link', { name: 'Record the visit' }).click();
	await expect(heading(page, 'Consent')).toBeVisible();
	await continueButton(page).click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeVisible();
	await expect(summary.getByRole('link', { name: 'Say whether they agreed to the visit' })).toBeVisible();
	await expect(group(page, 'Have they agreed to the visit?')).toContainText(
		'Say whether they agreed to the visit'
	);
	await expect(page).toHaveTitle(/^Error: /);
	await expectAccessible(page);

	await group(page, 'Have they agreed to the visit?').getByLabel('Yes').check();
	await group(page, 'Have they agreed to health details being recorded?').getByLabel('Yes').check();
	await group(page, /shared with other services/)
		.getByLabel('Yes')
		.check();
	await page.getByLabel('Said yes out loud').check();
	await page.getByLabel('Your name and role').fill('Watch Manager Sam Airey');
	await continueButton(page).click();

	// The person: health questions show because consent to record them was given.
	await expect(heading(page, 'Edna Threlkeld')).toBeVisible();
	await group(page, 'How well do they hear?').getByLabel('Hard of hearing').check();
	await group(page, 'How do they get about?').getByLabel('Uses a stick, frame or wheelchair').check();
	await group(page, 'Do they smoke?').getByLabel('Yes').check();
	await group(page, 'Do they smoke in bed?').getByLabel('No').check();
	await group(page, 'What care or support do they get?').getByLabel('No care or support').check();
	await continueButton(page).click();

	// The home: more working alarms than alarms is refused on this step, with its own message.
	await expect(heading(page, 'Alarms and the home')).toBeVisible();
	const smokeAlarms = group(page, 'Smoke alarms');
	await smokeAlarms.getByLabel('Present').fill('1');
	await smokeAlarms.getByLabel('Working').fill('2');
	await page.getByLabel('Central heating').check();
	await continueButton(page).click();
	await expect(
		summary.getByRole('link', { name: 'Working alarms cannot exceed alarms present' })
	).toBeVisible();
	await expect(smokeAlarms).toContainText('Working alarms cannot exceed alarms present');
	await expectAccessible(page);
	await smokeAlarms.getByLabel('Working').fill('1');
	await continueButton(page).click();

	// Clutter, then a reload mid-visit: every answer so far is still there.
	await expect(heading(page, 'Clutter')).toBeVisible();
	const mark = await draftMark(page);
	await page.getByLabel('Living room').selectOption('6');
	await expect.poll(() => draftWrittenAfter(page, `visit:${visitId}`, mark)).toBe(true);
	await page.reload();
	await expect(heading(page, 'Clutter')).toBeVisible();
	await expect(page.getByText('We kept what you had entered')).toBeVisible();
	await expect(page.getByLabel('Living room')).toHaveValue('6');
	await page.getByRole('link', { name: 'Back' }).click();
	await expect(heading(page, 'Alarms and the home')).toBeVisible();
	await expect(smokeAlarms.getByLabel('Present')).toHaveValue('1');
	await expect(smokeAlarms.getByLabel('Working')).toHaveValue('1');
	await expect(page.getByLabel('Central heating')).toBeChecked();

	// The unfinished visit is offered back from the list.
	await page.goto('/visits');
	const offer = page.getByRole('region', { name: 'Unfinished form' }).filter({ hasText: '14 Main Street' });
	await expect(offer).toContainText('You have not finished your visit at 14 Main Street');
	await offer.getByRole('link', { name: 'Continue' }).click();
	await expect(page).toHaveURL(new RegExp(`${visitPath}/record/`));
	await page.goto(`${visitPath}/record/clutter`);
	await expect(page.getByLabel('Living room')).toHaveValue('6');
	await continueButton(page).click();

	await expect(heading(page, 'Advice given')).toBeVisible();
	await page.getByLabel('Planning how to get out in a fire').check();
	await continueButton(page).click();
	await expect(heading(page, 'Onward referrals')).toBeVisible();
	await continueButton(page).click();
	await expect(heading(page, 'Outcome')).toBeVisible();
	await page.getByLabel('Completed', { exact: true }).check();
	await continueButton(page).click();

	// Check your answers: every answer with a Change link, and the risk worked out from them.
	await expect(heading(page, 'Check your answers')).toBeVisible();
	const risk = page.getByTestId('risk');
	await expect(risk).toContainText('Very high');
	await expect(risk).toContainText(/Score \d+/);
	await expect(risk).toContainText('Clutter Image Rating 6 in the living room');
	await expect(page.getByRole('definition').filter({ hasText: 'Watch Manager Sam Airey' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Change clutter in the living room' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Save and finish' }).click();

	// Saved: completed, and still there after a reload.
	await expect(page).toHaveURL(new RegExp(`${visitPath}$`));
	await expect(page.getByText('Visit saved')).toBeVisible();
	await page.reload();
	await expect(heading(page, '14 Main Street, Keswick')).toBeVisible();
	await expect(page.getByTestId('visit-status')).toHaveText('Completed');
	await expect(page.getByTestId('risk')).toContainText('Very high');
	await expect(page.getByRole('definition').filter({ hasText: 'Central heating' })).toBeVisible();
	await expectAccessible(page);

	// CIR 6 suggests a coach referral; raising it is one action, linked both ways.
	const suggestion = page.getByTestId('coach-suggestion');
	await expect(suggestion).toContainText('Clutter Image Rating 6 in the living room');
	await suggestion.getByRole('link', { name: 'Raise a coach referral' }).click();
	await expect(heading(page, 'Raise a coach referral')).toBeVisible();
	await expect(page.getByRole('checkbox', { name: 'Hoarding or clutter' })).toBeChecked();
	await page.getByRole('button', { name: 'Raise the coach referral' }).click();
	await expect(
		summary.getByRole('link', { name: 'Say whether the person agreed to be contacted' })
	).toBeVisible();
	await page.getByLabel('Date of birth').fill('1938-04-02');
	await group(page, /agreed to be contacted by a coach/)
		.getByLabel('Yes')
		.check();
	await page.getByRole('button', { name: 'Raise the coach referral' }).click();

	await expect(page).toHaveURL(new RegExp(`/referrals/${UUID.source}$`));
	const referralPath = new URL(page.url()).pathname;
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Edna Threlkeld');
	await expect(page.locator(`a[href="${visitPath}"]`).first()).toBeVisible();

	await page.goto(visitPath);
	await expect(page.getByRole('link', { name: 'View the coach referral' })).toHaveAttribute(
		'href',
		referralPath
	);
	await expect(page.getByTestId('coach-suggestion')).toHaveCount(0);
});
