import { test, expect, waitForServiceWorker } from './fixtures';

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
