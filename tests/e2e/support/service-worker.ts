import type { Page } from '@playwright/test';

/**
 * Wait until the service worker is active and controls this page (its precache is complete). A
 * plain module, so the benchmarks can use it without the browser tests' fixtures.
 */
export async function waitForServiceWorker(page: Page, timeout = 30_000): Promise<void> {
	await page.waitForFunction(
		async () => {
			const registration = await navigator.serviceWorker.ready;
			return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
		},
		undefined,
		{ timeout }
	);
}
