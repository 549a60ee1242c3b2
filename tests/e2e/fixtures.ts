import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { signInContext } from './session';

/**
 * Every page fails its test on a Content-Security-Policy violation or an uncaught error. Each test
 * starts signed in (sync needs it) as `signedInAs`, a demo username; `null` for nobody.
 */
export const test = base.extend<{
	problems: string[];
	everyPageAccessible: void;
	signedInAs: string | null;
	session: void;
}>({
	signedInAs: ['admin', { option: true }],
	session: [
		async ({ context, signedInAs, baseURL }, use) => {
			if (signedInAs && baseURL) await signInContext(context, baseURL, signedInAs);
			await use();
		},
		{ auto: true }
	],
	// Axe on every app page a test reached, however it got there (links, buttons, redirects): each
	// one is opened again at the end, as the device now has it, and checked.
	everyPageAccessible: [
		async ({ page }, use) => {
			const visited = new Set<string>();
			page.on('framenavigated', (frame) => {
				if (frame !== page.mainFrame()) return;
				const url = new URL(frame.url());
				if (url.protocol.startsWith('http') && !url.pathname.startsWith('/api/')) visited.add(url.pathname);
			});
			await use();
			if (test.info().status !== test.info().expectedStatus) return;
			for (const path of visited) {
				await page.goto(path);
				await page.getByRole('heading', { level: 1 }).first().waitFor();
				await expectAccessible(page);
			}
		},
		{ auto: true }
	],
	problems: [
		async ({ page }, use) => {
			const problems: string[] = [];
			page.on('console', (message) => {
				if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
			});
			page.on('pageerror', (error) => problems.push(`Uncaught: ${error.message}`));
			await use(problems);
			expect(problems, 'CSP violations or uncaught errors').toEqual([]);
		},
		{ auto: true }
	]
});
export { expect };

/** Wait until the service worker is active and controls this page (its precache is complete). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(
		async () => {
			const registration = await navigator.serviceWorker.ready;
			return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
		},
		undefined,
		{ timeout: 30_000 }
	);
}

/**
 * Cut the network for the page and for the service worker. `setOffline` alone does not stop the
 * worker's own fetches (Playwright #2311), so every request that reaches the network is aborted too.
 */
export async function goOffline(context: BrowserContext): Promise<void> {
	await context.route('**/*', (route) => route.abort('internetdisconnected'));
	await context.setOffline(true);
}

/** A draft's values as the device keeps them, read straight from IndexedDB, or null when there is none. */
export async function draftValues(page: Page, key: string): Promise<Record<string, unknown> | null> {
	return page.evaluate(
		(draftKey) =>
			new Promise<Record<string, unknown> | null>((resolve, reject) => {
				const open = indexedDB.open('fellside');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const read = db.transaction('drafts').objectStore('drafts').get(draftKey);
					read.onerror = () => reject(read.error);
					read.onsuccess = () => {
						db.close();
						const draft = read.result as { values?: Record<string, unknown> } | undefined;
						resolve(draft?.values ?? null);
					};
				};
			}),
		key
	);
}

/**
 * The draft's values as one string, '' when there is none. The form writes a draft after each pause
 * in typing, so wait for the last thing typed, not merely for a draft to exist.
 */
export async function draftText(page: Page, key: string): Promise<string> {
	const values = await draftValues(page, key);
	return values ? JSON.stringify(values) : '';
}

/** Fail on any serious or critical WCAG 2.2 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
	const { default: AxeBuilder } = await import('@axe-core/playwright');
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const serious = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(serious, `accessibility problems on ${page.url()}`).toEqual([]);
}
