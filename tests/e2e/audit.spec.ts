import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { sessionCookie } from './session';

/** Sign in over HTTP `times` times as a demo member of staff: each is an entry in the log. */
async function signIns(baseUrl: string, username: string, times: number): Promise<void> {
	for (let i = 0; i < times; i += 5) {
		await Promise.all(Array.from({ length: Math.min(5, times - i) }, () => sessionCookie(baseUrl, username)));
	}
}

const entries = (page: Page) => page.getByTestId('audit-entry');

test.describe('a manager', () => {
	test.use({ signedInAs: 'manager.cumberland' });

	test('searches the log of their areas, pages through it, and is told what is wrong with a search', async ({
		page,
		baseURL
	}) => {
		// Helen works in Cumberland, as Fiona does; Mark works in Westmorland and Furness.
		await signIns(baseURL ?? '', 'coach.keswick', 55);
		await signIns(baseURL ?? '', 'coach.kendal', 1);

		await page.goto('/');
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
		await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
		await expect(entries(page).first()).toBeVisible();
		await expect(page.getByRole('button', { name: 'Check the audit log' })).toHaveCount(0);

		const staff = page.getByLabel('Member of staff');
		await expect(staff.locator('option', { hasText: 'Helen Irving (coach.keswick)' })).toHaveCount(1);
		await expect(staff.locator('option', { hasText: 'Mark Tyson' })).toHaveCount(0);

		await page.getByLabel('What happened').selectOption({ label: 'Signed in' });
		await staff.selectOption({ label: 'Helen Irving (coach.keswick)' });
		await page.getByRole('button', { name: 'Search' }).click();
		await expect(page).toHaveURL(/action=sign-in&staffId=/);
		await expect(entries(page)).toHaveCount(50);
		for (const row of await entries(page).all()) {
			await expect(row).toContainText('Signed in');
			await expect(row).toContainText('Helen Irving');
			await expect(row).toContainText(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} (GMT|BST)/);
		}
		await expect(entries(page).first()).toContainText('Username: coach.keswick');
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Older entries' }).click();
		await expect(page).toHaveURL(/before=\d+/);
		await expect(entries(page)).toHaveCount(5);
		await expect(page.getByRole('link', { name: 'Older entries' })).toHaveCount(0);
		await page.goBack();
		await expect(entries(page)).toHaveCount(50);
		await expect(page.getByLabel('What happened')).toHaveValue('sign-in');

		// Nothing of Mark's reaches a Cumberland manager, even asked for by name.
		const mark = await page.evaluate(async () => {
			const r = await fetch('/api/v1/audit?action=sign-in&limit=200');
			const body = (await r.json()) as { staffNames: Record<string, string> };
			return Object.values(body.staffNames);
		});
		expect(mark).not.toContain('Mark Tyson');

		await page.getByLabel('From', { exact: true }).fill('2026-11-24');
		await page.getByLabel('To', { exact: true }).fill('2026-11-23');
		await page.getByRole('button', { name: 'Search' }).click();
		await expect(page.getByRole('alert')).toContainText('There is a problem');
		await expect(page.getByRole('link', { name: 'To must be the same as or after From' })).toBeVisible();
		await expectAccessible(page);

		await page.goto('/admin/audit?from=yesterday');
		await expect(
			page.getByRole('link', { name: 'From must be a real date, for example 2026-11-23' })
		).toBeVisible();

		await page.goto('/admin/audit');
		await expect(entries(page).first()).toBeVisible();
		await page.context().setOffline(true);
		await expect(page.getByText('The audit log is on the server: connect to search it.')).toBeVisible();
		await page.context().setOffline(false);
		await expect(entries(page).first()).toBeVisible();
	});
});

test('an administrator checks the chain and follows a device’s entries', async ({ page }) => {
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Search the audit log' }).click();
	await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' })
	).toBeVisible();

	await page.getByRole('button', { name: 'Check the audit log' }).click();
	const verdict = page.getByTestId('chain-verdict');
	await expect(verdict).toBeFocused();
	await expect(verdict).toContainText('The audit log is intact');
	await expect(verdict).toContainText(/All \d+ entries check out/);
	// Signed at start-up if the log had entries then, else within the hour: either way it says which.
	await expect(verdict).toContainText(
		/The server (last signed the log at .+, up to entry \d+|has not signed the log yet)/
	);

	await page.getByLabel('What happened').selectOption({ label: 'Signed in' });
	await page.getByRole('button', { name: 'Search' }).click();
	const first = entries(page).first();
	await expect(first).toContainText('Alex Robinson');
	await first.getByRole('link', { name: /Entries from device/ }).click();
	await expect(page).toHaveURL(/deviceId=/);
	await expect(page.getByLabel('Device id')).not.toHaveValue('');
	await expect(entries(page).first()).toBeVisible();
	await expectAccessible(page);
});

test.describe('a coach', () => {
	test.use({ signedInAs: 'coach.kendal' });

	test('has no audit log link and is refused the screen', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
		await page.goto('/admin/audit');
		await expect(
			page.getByText('Your role (Health and Wellbeing Coach) cannot search the audit log.')
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Search' })).toHaveCount(0);
	});
});
