import { test as base, expect, type Page } from '@playwright/test';
import { enrolDevice, unlockOnEveryLoad } from './session';
import { cutNetwork, restoreNetwork } from './support/network';
import { waitForServiceWorker } from './support/service-worker';

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
		async ({ page, signedInAs }, use) => {
			// Signed in online once and a PIN chosen; after that every page load unlocks with the PIN.
			if (signedInAs) {
				unlockOnEveryLoad(page);
				await enrolDevice(page, signedInAs);
			}
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

export { waitForServiceWorker };

/** Cut the network for the pages and the service worker, as signal is lost (see support/network.ts). */
export const goOffline = cutNetwork;

/** Signal again: requests reach the server and the pages are told they are online. */
export const goOnline = restoreNetwork;

/**
 * A draft is sealed on the device, so a test cannot read its values; it can see when it was
 * written. Call `draftMark` just before typing the last thing, then wait for `draftWrittenAfter`:
 * the form writes its draft a pause (400 ms) after typing stops, so a draft written that long
 * after the mark holds the last thing typed.
 */
export async function draftMark(page: Page): Promise<number> {
	return (await page.evaluate(() => Date.now())) + 400;
}

export async function draftWrittenAfter(page: Page, key: string, mark: number): Promise<boolean> {
	const written = await page.evaluate(async (draftKey) => {
		const names = (await indexedDB.databases()).flatMap((d) =>
			d.name?.startsWith('fellside-user-') ? [d.name] : []
		);
		for (const name of names) {
			const found = await new Promise<string | null>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const read = db.transaction('drafts').objectStore('drafts').get(draftKey);
					read.onerror = () => reject(read.error);
					read.onsuccess = () => {
						db.close();
						resolve((read.result as { updatedAt?: string } | undefined)?.updatedAt ?? null);
					};
				};
			});
			if (found) return found;
		}
		return null;
	}, key);
	return written !== null && Date.parse(written) >= mark;
}

/** Whether the device holds a draft under this key at all. */
export async function draftKept(page: Page, key: string): Promise<boolean> {
	return draftWrittenAfter(page, key, 0);
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
