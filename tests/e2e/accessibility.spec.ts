import { test, expect, expectAccessible } from './fixtures';

const pages = ['/', '/assets', '/visits', '/referrals', '/flood-groups', '/map', '/no-such-page'];

for (const path of pages) {
	test(`${path} has no serious accessibility problems`, async ({ page }) => {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectAccessible(page);
	});
}
