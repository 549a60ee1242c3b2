/**
 * Opening the app with no signal, as a person does in the field: a page load of the built app with
 * the network cut, answered by the service worker (which hands each file over whole, see
 * static/sw-whole-responses.js), to the lock screen ready for the PIN. Beside it, in the same run,
 * the same page loaded online from the server with the worker bypassed (DevTools' "Bypass for
 * network"): what the load costs without the worker. Run with `npm run bench:offline-load`.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../src/lib/demo/defaults.js';
import { waitForServiceWorker } from '../tests/e2e/support/service-worker.js';
import { blankTab, launchChromium, type Chromium } from './lib/browser.js';
import { measureInterleaved, runCount, writeResults } from './lib/harness.js';
import { ensureBuilt, isStopping, startFellside, type RunningServer } from './lib/server.js';

const PIN = '482915';
const LOCKED = 'main[data-session="locked"]';

/**
 * Records, in every document, when the lock screen's PIN field first appears (ms from the start of
 * the navigation, performance.now()): polling from Node would add its own delay to each figure.
 */
const MARK_LOCKED = `(() => {
	const seen = () => {
		if (window.__lockedAt !== undefined) return true;
		const field = document.querySelector('${LOCKED} input');
		if (!field) return false;
		window.__lockedAt = performance.now();
		return true;
	};
	new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
		.observe(document, { childList: true, subtree: true, attributes: true });
})()`;

/** Sign in online through the app, choose the PIN, and wait until the service worker controls the page. */
async function enrol(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.getByLabel('Username').fill('admin');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByLabel('Your PIN', { exact: true }).fill(PIN);
	await page.getByLabel('Your PIN again').fill(PIN);
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.locator('main[data-session="unlocked"]').waitFor({ timeout: 30_000 });
	await waitForServiceWorker(page, 60_000);
}

type Mode = 'offline' | 'online';

/**
 * One start of the app to the lock screen, in a new tab (as after the app was closed: nothing in the
 * tab's memory cache): ms from the start of the navigation to the PIN field. Offline: the network
 * cut, so the service worker answers; online: from the server, the worker bypassed.
 */
async function startToLock(context: BrowserContext, url: string, mode: Mode): Promise<number> {
	await context.setOffline(mode === 'offline');
	const page = await context.newPage();
	try {
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setBypassServiceWorker', { bypass: mode === 'online' });
		await page.goto(url);
		await page.locator(`${LOCKED} input`).first().waitFor({ timeout: 30_000 });
		const seen = await page.evaluate(async () => {
			const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			const reached = await fetch('/api/v1/health', { cache: 'no-store' }).then(
				() => true,
				() => false
			);
			const scripts = performance
				.getEntriesByType('resource')
				.filter((entry) => entry.name.endsWith('.js')) as PerformanceResourceTiming[];
			return {
				at: (window as unknown as { __lockedAt?: number }).__lockedAt,
				// Every file through the worker, or none: a load that mixed them would measure neither.
				byWorker: [navigation, ...scripts].every((entry) => entry.workerStart > 0),
				byNetwork: [navigation, ...scripts].every((entry) => entry.workerStart === 0),
				reached
			};
		});
		if (typeof seen.at !== 'number') throw new Error('the lock screen showed, but its time was not recorded');
		const as = mode === 'offline' ? seen.byWorker && !seen.reached : seen.byNetwork && seen.reached;
		if (!as) throw new Error(`a load meant to be ${mode} was not: ${JSON.stringify(seen)}`);
		return seen.at;
	} finally {
		await page.close();
	}
}

async function main(): Promise<void> {
	await ensureBuilt();
	let server: RunningServer | undefined;
	let chromium: Chromium | undefined;
	try {
		// Size 0: the demo staff to sign in as, and no records (the lock screen reads none).
		server = await startFellside({ env: { FELLSIDE_SEED: 'demo', FELLSIDE_SEED_SIZE: '0' } });
		chromium = await launchChromium();
		await chromium.context.addInitScript(MARK_LOCKED);
		const page = await blankTab(chromium.context, {});
		await enrol(page, server.url);
		const { context } = chromium;
		const url = server.url;
		const runs = runCount(9);
		console.log(`bench: ${server.url}; 1 warm-up + ${runs} loads each, offline and online, interleaved`);
		const m = await measureInterleaved(
			{
				offline: () => startToLock(context, url, 'offline'),
				online: () => startToLock(context, url, 'online')
			},
			{ warmup: 1, runs }
		);
		for (const [mode, { samples }] of Object.entries(m))
			console.log(`  ${mode.padEnd(7)} ms: ${samples.map((s) => s.toFixed(0)).join(' ')}`);
		await writeResults('offline-load', [
			{
				name: 'load to the lock screen, online from the server (service worker bypassed)',
				unit: 'ms',
				value: m.online.median,
				better: 'lower'
			},
			{
				name: 'load to the lock screen with the network cut (service worker)',
				unit: 'ms',
				value: m.offline.median,
				better: 'lower',
				baseline: m.online.median
			}
		]);
	} finally {
		await chromium?.close();
		await server?.stop();
	}
}

try {
	await main();
} catch (err) {
	if (!isStopping()) {
		console.error(`\nbench offline-load failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 1;
	}
}
