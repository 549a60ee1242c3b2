import type { BrowserContext, Page } from '@playwright/test';
import {
	test,
	expect,
	draftMark,
	draftWrittenAfter,
	expectAccessible,
	goOffline,
	waitForServiceWorker
} from './fixtures';
import { addReferral, fillReferral } from './support/referral-form';

/**
 * Coach referrals with the network cut: the screens work from the device store alone. Each test
 * makes one online visit (the service worker installs and the demo records download, which brings
 * the coaches the referral form offers), then cuts the network for everything after.
 */

async function startOffline(page: Page, context: BrowserContext): Promise<void> {
	await page.goto('/');
	await waitForServiceWorker(page);
	await expect(page.getByText(/Last synced/)).toBeVisible();
	await goOffline(context);
}

test('add a referral, triage it, log three failed attempts and close it as unable to contact', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await startOffline(page, context);

	await page.goto('/referrals');
	await expect(page.getByRole('heading', { level: 1, name: 'Coach referrals' })).toBeVisible();
	await expect(page.getByTestId('record-list')).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Add a referral' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a coach referral' })).toBeVisible();

	// Nothing answered: the error summary comes first, takes focus and links to each field.
	await page.getByRole('button', { name: 'Save referral' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeFocused();
	for (const [message, field] of [
		['Choose the area the person lives in', 'field-areaId'],
		['Enter the person’s name', 'field-person-name'],
		['Enter their date of birth', 'field-person-dateOfBirth'],
		['Enter a postcode', 'field-person-address-postcode'],
		['Choose where the referral came from', 'field-source'],
		['Choose at least one reason for the referral', 'field-reasons'],
		['Say whether the person agreed to be contacted', 'field-consentToContact']
	] as const) {
		await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', `#${field}`);
		await expect(page.locator(`#${field}`)).toBeAttached();
	}
	// And inline, at the field.
	await expect(page.locator('#field-person-name-error')).toHaveText(/Enter the person’s name/);
	await expectAccessible(page);

	await fillReferral(page, 'Dorothy Airey');
	await page.getByRole('button', { name: 'Save referral' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dorothy Airey' })).toBeVisible();
	await expect(page.getByText('Status now: Received')).toBeVisible();
	await expect(page.getByText('943 476 5919')).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Mark as triaged' }).click();
	await expect(page.getByText('Status now: Triaged')).toBeVisible();

	// Two taps each: how, then what happened.
	const logger = page.getByRole('group', { name: 'Log a contact attempt' });
	const attempts = page.getByRole('list', { name: /Contact attempts so far/ }).getByRole('listitem');
	for (let tries = 1; tries <= 3; tries++) {
		await logger.getByRole('button', { name: 'Phone call' }).click();
		await logger.getByRole('button', { name: 'No answer' }).click();
		await expect(attempts).toHaveCount(tries);
	}
	await expect(page.getByText('Status now: Being contacted')).toBeVisible();

	const proposal = page.getByRole('region', {
		name: '3 attempts with no answer — close as unable to contact?'
	});
	await expect(proposal).toBeVisible();
	await expectAccessible(page);
	await proposal.getByRole('button', { name: 'Yes, close as unable to contact' }).click();
	await expect(page.getByText('Status now: Closed')).toBeVisible();
	await expect(page.getByText('Unable to contact after 3 attempts').first()).toBeVisible();

	// Kept on the device: still closed after a reload with no network.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Dorothy Airey' })).toBeVisible();
	await expect(page.getByText('Status now: Closed')).toBeVisible();
	await expect(attempts).toHaveCount(3);
});

test('edit a referral, reload, still there; the caseload shows next actions in order', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await startOffline(page, context);
	await addReferral(page, 'Edith Dawson');

	await page.getByRole('link', { name: 'Change the referral' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Change Edith Dawson’s referral' })).toBeVisible();
	await page.getByLabel(/What matters to the person/).fill('Getting back to the walking group');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Edith Dawson' })).toBeVisible();
	await expect(page.getByText('Getting back to the walking group')).toBeVisible();

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Edith Dawson' })).toBeVisible();
	await expect(page.getByText('Getting back to the walking group')).toBeVisible();

	await page.goto('/referrals');
	await page.getByRole('link', { name: /My caseload/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'My caseload' })).toBeVisible();
	const items = page.getByTestId('caseload-item');
	await expect(items.filter({ hasText: 'Edith Dawson' })).toContainText('Triage');
	expect(await items.count()).toBeGreaterThan(1);

	// Most pressing first: by the next action's priority, then by due date (undated last).
	const order = await items.evaluateAll((elements) =>
		elements.map((e) => ({
			priority: Number((e as HTMLElement).dataset.priority),
			due: (e as HTMLElement).dataset.due ?? ''
		}))
	);
	for (let i = 1; i < order.length; i++) {
		const [before, after] = [order[i - 1], order[i]];
		if (!before || !after) continue;
		const inOrder =
			before.priority < after.priority ||
			(before.priority === after.priority &&
				(after.due === '' || (before.due !== '' && before.due <= after.due)));
		expect(inOrder, `caseload item ${i} (${JSON.stringify(after)}) after ${JSON.stringify(before)}`).toBe(
			true
		);
	}
	await expectAccessible(page);

	// The chosen coach is remembered on this device.
	const coach = page.getByLabel('Whose caseload?');
	await coach.selectOption({ index: 1 });
	const chosen = await coach.inputValue();
	await expect(page.getByTestId('caseload-count')).not.toContainText('for all coaches');
	await page.reload();
	await expect(page.getByLabel('Whose caseload?')).toHaveValue(chosen);
});

test('a half-filled referral is kept through a reload and offered back', async ({ page, context }) => {
	test.setTimeout(120_000);
	await startOffline(page, context);

	await page.goto('/referrals/new');
	await page.getByLabel('Full name').fill('Frances Tyson');
	const mark = await draftMark(page);
	await page.getByLabel('Town or village').fill('Ulverston');
	// The draft is written once typing pauses: wait for the write after the last thing typed.
	await expect.poll(() => draftWrittenAfter(page, 'referral:new', mark)).toBe(true);

	await page.reload();
	await expect(page.getByText('We kept what you had entered last time.')).toBeVisible();
	await expect(page.getByLabel('Full name')).toHaveValue('Frances Tyson');
	await expect(page.getByLabel('Town or village')).toHaveValue('Ulverston');

	// The list offers it back too.
	await page.goto('/referrals');
	const offer = page.getByRole('region', { name: 'Unfinished form' });
	await expect(offer).toContainText('a coach referral for Frances Tyson');
	await offer.getByRole('link', { name: 'Continue' }).click();
	await expect(page.getByLabel('Full name')).toHaveValue('Frances Tyson');
});

test.describe('signed in as a coach', () => {
	test.use({ signedInAs: 'coach.kendal' });

	test('the caseload opens on their own referrals, and names coaches with no signal', async ({
		page,
		context
	}) => {
		test.setTimeout(120_000);
		await startOffline(page, context);
		await page.goto('/referrals/caseload');
		const coach = page.getByLabel('Whose caseload?');
		await expect(coach.locator('option:checked')).toHaveText('Mark Tyson (you)');
		await expect(page.getByTestId('caseload-count')).not.toContainText('for all coaches');
		const mine = page.getByTestId('caseload-item');
		await expect(mine.first()).toBeVisible();

		// Everyone's, with each referral's coach named; remembered for this person on this device.
		await coach.selectOption({ label: 'All coaches' });
		await expect(page.getByTestId('caseload-count')).toContainText('for all coaches');
		await expect(
			page.getByTestId('caseload-item').filter({ hasText: 'Mark Tyson (you)' }).first()
		).toBeVisible();
		await expect(page.getByText(/not named on this device/)).toHaveCount(0);
		await page.reload();
		await expect(page.getByLabel('Whose caseload?').locator('option:checked')).toHaveText('All coaches');
		await expectAccessible(page);
	});
});
