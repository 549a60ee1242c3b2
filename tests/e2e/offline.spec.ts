import { test, expect, goOffline, waitForServiceWorker } from './fixtures';
import { serviceWorkerGc } from './support/service-worker-gc';

const routes = [
	{ path: '/', heading: 'Fellside' },
	{ path: '/assets', heading: 'Community assets' },
	{ path: '/visits', heading: 'Safe and Well visits' },
	{ path: '/referrals', heading: 'Coach referrals' },
	{ path: '/flood-groups', heading: 'Flood groups' },
	{ path: '/map', heading: 'Map' }
];

test('the first visit puts the page under service-worker control and syncs records', async ({ page }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await expect(page.getByText(/Last synced/)).toBeVisible();
	const counts = page.locator('.count');
	await expect(counts.first()).not.toHaveText('–');
});

test('with the network cut, every main route loads and reloads from the service worker', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await expect(page.getByText(/Last synced/)).toBeVisible();

	await goOffline(context);
	for (const route of routes) {
		await page.goto(route.path);
		await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
	}
	// The device's records are still there with no network.
	await page.goto('/assets');
	await expect(page.getByTestId('record-list').getByRole('listitem').first()).toBeVisible();
	await expect(page.getByTestId('connection')).toContainText('Offline');
});

// Chromium collects the service worker's garbage when it likes; here it is made to, six times as each
// page starts asking the worker for its modules. No collection may cost the page a module it needs.
test('with the network cut, every main route still starts while the service worker collects garbage', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await expect(page.getByText(/Last synced/)).toBeVisible();

	await goOffline(context);
	const gc = await serviceWorkerGc(context, page);
	try {
		for (const route of routes) {
			for (const load of [() => page.goto(route.path), () => page.reload()]) {
				const loaded = load();
				for (let i = 0; i < 6; i++) await gc.collect();
				await loaded;
				await expect(page.getByRole('heading', { level: 1, name: route.heading })).toBeVisible();
			}
		}
	} finally {
		await gc.close();
	}
});

test('an unknown nested route still opens offline, through the navigation fallback', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await goOffline(context);
	// Nested, so the shell's asset paths must be absolute to load at all.
	await page.goto('/visits/no-such/page');
	await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

test('/api/v1/health is never answered from a cache', async ({ page, context }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	const online = await page.evaluate(async () => (await fetch('/api/v1/health')).status);
	expect(online).toBe(200);

	const cachedApi = await page.evaluate(async () => {
		const found: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys())
				if (new URL(request.url).pathname.startsWith('/api/')) found.push(request.url);
		}
		return found;
	});
	expect(cachedApi).toEqual([]);

	await goOffline(context);
	const offline = await page.evaluate(async () => {
		try {
			return String((await fetch('/api/v1/health')).status);
		} catch {
			return 'network error';
		}
	});
	expect(offline).toBe('network error');
});

test('the header shows when the device is offline and back online', async ({ page, context }) => {
	await page.goto('/');
	await expect(page.getByTestId('connection')).toHaveText(/Online/);
	await context.setOffline(true);
	await expect(page.getByTestId('connection')).toHaveText(/Offline/);
	await context.setOffline(false);
	await expect(page.getByTestId('connection')).toHaveText(/Online/);
});
