import type { BrowserContext } from '@playwright/test';

/**
 * Cutting and restoring the network for a browser context, as a device loses and finds signal: the
 * browser tests and the map benchmark share it.
 *
 * `setOffline` alone is not enough on its own, twice over:
 * - it does not stop a service worker's own fetches (Playwright #2311), so every request that
 *   reaches the network is aborted too;
 * - some Chromium builds (Debian's 150, for one) apply it only to the documents already open: a page
 *   loaded or reloaded afterwards reads `navigator.onLine` as true while its requests fail. A script
 *   run at the start of every document therefore answers `navigator.onLine` from a cookie that is
 *   set exactly while the network is cut, and every open page is sent the `offline` or `online` event
 *   (which those builds send only to the documents they still emulate), as Chromium itself does on
 *   the builds where it works. A page may hear the event twice; the app takes either as a hint.
 *
 * (Playwright 1.65 with Chromium 150 does stop the worker's fetches on `setOffline`; the route stays for
 * the builds that do not. Any route turns on DevTools' "disable cache", so every load after the cut
 * asks the service worker for every file: harder on the worker than a phone's loads are.)
 */
const MARK = 'fellside-e2e-offline';

const ANSWER_FROM_MARK = `(() => {
	const real = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
	if (!real || !real.get) return;
	const get = real.get;
	Object.defineProperty(Navigator.prototype, 'onLine', {
		configurable: true,
		enumerable: true,
		get() {
			return document.cookie.split('; ').includes('${MARK}=1') ? false : get.call(this);
		}
	});
})()`;

const prepared = new WeakSet<BrowserContext>();

export async function cutNetwork(context: BrowserContext): Promise<void> {
	if (!prepared.has(context)) {
		prepared.add(context);
		await context.addInitScript(ANSWER_FROM_MARK);
	}
	// On 127.0.0.1, every port: the app and the tests' tile and warning servers alike.
	await context.addCookies([{ name: MARK, value: '1', domain: '127.0.0.1', path: '/' }]);
	await context.route('**/*', (route) => route.abort('internetdisconnected'));
	await context.setOffline(true);
	await tellPages(context, 'offline');
}

export async function restoreNetwork(context: BrowserContext): Promise<void> {
	await context.clearCookies({ name: MARK });
	await context.unrouteAll();
	await context.setOffline(false);
	await tellPages(context, 'online');
}

async function tellPages(context: BrowserContext, event: 'online' | 'offline'): Promise<void> {
	for (const page of context.pages()) {
		// A page that is navigating or closing hears of it from navigator.onLine when it loads.
		await page.evaluate(`dispatchEvent(new Event('${event}'))`).catch(() => undefined);
	}
}
