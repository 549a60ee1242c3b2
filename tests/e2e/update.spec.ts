import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, waitForServiceWorker } from './fixtures';

/**
 * A new deployment is simulated by the test server serving a changed /sw.js (see serve.js): the
 * browser installs it as a new version, which must wait for the person's "Update".
 */
test('a new version is offered with "Update" and applied only when chosen', async ({ page, request }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

	await request.post('/__test__/release');
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		await registration.update();
	});

	const update = page.getByRole('button', { name: 'Update' });
	await expect(update).toBeVisible();
	// Offered, not forced: the page is still run by the old worker and has not reloaded.
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker);
	const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
	expect(marker).toBe(1);

	await Promise.all([page.waitForEvent('load'), update.click()]);
	await waitForServiceWorker(page);
	expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
	await expect(update).toBeHidden();
});

/**
 * What a newer version of Fellside does when it starts in another tab: it opens the person's store
 * at its own, higher version (Dexie's versions are tens apart natively). Done here from a second tab
 * of the same origin, as the new code would. Resolves to the store's name.
 */
async function newerVersionOpensTheStore(other: Page): Promise<string> {
	await other.goto('/api/v1/health');
	return other.evaluate(async () => {
		const store = (await indexedDB.databases()).find((db) => db.name?.startsWith('fellside-user-'));
		if (!store?.name || !store.version) throw new Error('no unlocked store on this device');
		const { name, version } = store;
		return new Promise<string>((resolve, reject) => {
			const request = indexedDB.open(name, version + 10);
			request.onsuccess = () => {
				request.result.close();
				resolve(name);
			};
			request.onerror = () => reject(request.error ?? new Error('could not open the store'));
			request.onblocked = () => reject(new Error('the older tab did not let the upgrade go ahead'));
		});
	});
}

test('a tab left on the older version says so, refuses to save with the reason, and offers to reload', async ({
	page,
	context
}) => {
	await page.goto('/assets/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Add a community asset' })).toBeVisible();
	await waitForServiceWorker(page);

	const other = await context.newPage();
	const store = await newerVersionOpensTheStore(other);

	const banner = page.getByRole('region', { name: 'Reload this tab' });
	await expect(banner.getByRole('alert')).toContainText('updated in another tab or window');
	// Sync has stopped here, and says a reload (not an update) is what it waits for.
	await expect(page.getByTestId('sync-nudge')).toHaveText('Reload this tab to sync');
	await page.getByRole('radio', { name: 'Allerdale' }).check();
	await page.getByRole('radio', { name: 'Physical place' }).check();
	await page.getByLabel('Name', { exact: true }).fill('Threlkeld Village Hall');
	await page.getByRole('radio', { name: 'Active', exact: true }).check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(
		page
			.getByRole('alert')
			.filter({ hasText: 'There is a problem' })
			.getByText(/so this one can no longer save/)
	).toBeVisible();
	// Typed and not saved: the banner says that reloading loses it.
	await expect(banner.getByText('copy it first')).toBeVisible();
	await expectAccessible(page);

	// The sync page says why, and will not call the device safe to hand in from what this tab last saw.
	await page.getByTestId('sync-nudge').click();
	await expect(page.getByTestId('sync-problem')).toContainText('Reload this tab to sync');
	await expect(page.getByTestId('sync-problem')).toContainText('updated in another tab or window');
	await expect(page.getByTestId('hand-in')).toContainText('Do not hand in this device yet');
	await expect(page.getByTestId('hand-in')).toContainText('This tab can no longer see what is waiting');

	// Reloading brings the new version's code in real life; this build is the same, so it stays locked.
	await Promise.all([
		page.waitForEvent('load'),
		banner.getByRole('button', { name: 'Reload this tab' }).click()
	]);
	await expect(page.getByRole('heading', { level: 1, name: 'Fellside is locked' })).toBeVisible();
	// The store this build cannot open goes, so the pages visited can be checked again afterwards.
	await other.evaluate(
		(name) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.deleteDatabase(name);
				request.onsuccess = () => resolve();
				request.onerror = () => reject(request.error ?? new Error('could not delete the store'));
			}),
		store
	);
});
