import { expect, type Page } from '@playwright/test';
import { unlockIfLocked } from '../session';

/** Every answer the form needs, for someone in South Lakeland referred by their GP. */
export async function fillReferral(page: Page, name: string): Promise<void> {
	await page.getByLabel('Area', { exact: true }).selectOption({ label: 'South Lakeland' });
	await page.getByLabel('Full name').fill(name);
	await page.getByLabel('Date of birth').fill('1947-03-12');
	await page.getByLabel('Address line 1').fill('14 Stramongate');
	await page.getByLabel('Town or village').fill('Kendal');
	await page.getByLabel('Postcode').fill('LA9 4BH');
	await page.getByLabel('Phone number (optional)').fill('07700 900412');
	await page.getByLabel('NHS number (optional)').fill('943 476 5919');
	await expect(page.getByText('The last digit matches the first nine')).toBeVisible();
	await page
		.getByRole('group', { name: 'Where did the referral come from?' })
		.getByLabel('GP practice')
		.check();
	await page.getByLabel('Loneliness or isolation').check();
	await page
		.getByRole('group', { name: 'Have they agreed to a coach contacting them?' })
		.getByLabel('Yes', { exact: true })
		.check();
	await page
		.getByRole('group', { name: /agreed to their information being shared/ })
		.getByLabel('Yes', { exact: true })
		.check();
	// Consent given: the time it was recorded fills in by itself.
	await expect(page.getByLabel('When did they give consent?')).not.toHaveValue('');
	// The coaches are the ones on the demo referrals downloaded to this device.
	await page.getByLabel(/Assigned coach/).selectOption({ index: 1 });
}

export async function addReferral(page: Page, name: string): Promise<void> {
	await page.goto('/referrals/new');
	await unlockIfLocked(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Add a coach referral' })).toBeVisible();
	await fillReferral(page, name);
	await page.getByRole('button', { name: 'Save referral' }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}
