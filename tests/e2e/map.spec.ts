import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expectAccessible, goOffline, waitForServiceWorker } from './fixtures';
import { expect, test } from './support/map-fixtures';
import { unlockIfLocked } from './session';

/**
 * The map with the network cut, on a fresh browser profile that has been online once, on the home page
 * only: the map page, Leaflet, the offline base map and the records all come from the device. Last, the
 * map online, with the configured tiles and flood warnings (servers the tests start on 127.0.0.1).
 */

/** One online visit to the home page (the app installs and syncs the records), then the network is cut. */
async function onceOnlineThenOffline(page: Page, context: BrowserContext): Promise<void> {
	await page.goto('/');
	await waitForServiceWorker(page);
	await expect(page.getByText(/Last synced/)).toBeVisible();
	await goOffline(context);
}

const map = (page: Page) => page.locator('.map');

/** Wait until the map has drawn its markers, and say how many it drew. */
async function markersDrawn(page: Page): Promise<number> {
	await expect(map(page)).toHaveAttribute('data-drawn', /^[1-9]\d*$/);
	return Number(await map(page).getAttribute('data-drawn'));
}

/** The first of these buttons that is inside the visible map (markers are drawn a little past its edges). */
async function firstInView(page: Page, buttons: Locator): Promise<Locator | null> {
	const box = await map(page).boundingBox();
	if (!box) return null;
	for (let i = 0; i < (await buttons.count()); i++) {
		const b = await buttons.nth(i).boundingBox();
		if (
			b &&
			b.x > box.x + 60 &&
			b.x + b.width < box.x + box.width &&
			b.y > box.y &&
			b.y + b.height < box.y + box.height
		) {
			return buttons.nth(i);
		}
	}
	return null;
}

test.describe('with the network cut', () => {
	test.beforeEach(async ({ page, context }) => onceOnlineThenOffline(page, context));

	test('offline, the map draws Cumbria and the seeded markers; tapping one opens its record', async ({
		page
	}) => {
		await page.goto('/map');
		await expect(page.getByRole('heading', { level: 1, name: 'Map' })).toBeVisible();
		await markersDrawn(page);
		// The offline base map: its attribution shown under the map, and town names on it.
		await expect(page.locator('.map-attribution')).toContainText('Contains OS data © Crown copyright');
		await expect(map(page).locator('.map-town-label span', { hasText: 'Carlisle' })).toBeVisible();
		await expect(page.getByText(/^\d+ of \d+ places shown/)).toBeVisible();
		await expectAccessible(page);

		// Clusters zoom in when tapped, until single places show.
		let marker = await firstInView(page, map(page).locator('.map-marker'));
		for (let tries = 0; !marker && tries < 8; tries++) {
			const cluster = await firstInView(page, map(page).locator('.map-cluster'));
			if (!cluster) break;
			await cluster.click();
			await page.waitForTimeout(400);
			marker = await firstInView(page, map(page).locator('.map-marker'));
		}
		if (!marker) throw new Error('no single marker in view after zooming in');
		const label = (await marker.getAttribute('aria-label')) ?? '';
		const title = label.slice(0, label.lastIndexOf(': '));
		await marker.click();

		const summary = page.getByRole('region', { name: title });
		await expect(summary.getByRole('heading', { level: 2, name: title })).toBeFocused();
		await expectAccessible(page);
		await summary.getByRole('link', { name: `Open ${title}` }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	});

	test('Leaflet is not part of the first page load; it comes with the map', async ({ page }) => {
		const leafletFiles = () =>
			page.evaluate(() =>
				performance
					.getEntriesByType('resource')
					.map((e) => e.name)
					.filter((name) => /\/leaflet\.[^/]*\.css$/.test(name))
			);
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		expect(await leafletFiles()).toEqual([]);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
		await markersDrawn(page);
		expect(await leafletFiles()).toHaveLength(1);
	});

	test('the list under the map and "Show on map" on a record both lead to the same place', async ({
		page
	}) => {
		await page.goto('/map');
		await markersDrawn(page);
		const list = page.getByRole('region', { name: /places in view/ });
		const first = list.getByRole('listitem').first();
		const title = (await first.getByRole('link').textContent())?.trim() ?? '';
		await first.getByRole('link', { name: title }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

		await page.getByRole('link', { name: 'Show on map' }).click();
		await expect(page).toHaveURL(/\/map\?record=/);
		await expect(
			page.getByRole('region', { name: title }).getByRole('heading', { name: title })
		).toBeFocused();
		// Its marker is drawn and marked as the chosen one; closing the summary gives it focus back.
		const chosen = map(page).getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}: `) });
		await expect(chosen).toHaveClass(/is-selected/);
		await page.getByRole('button', { name: 'Close' }).click();
		await expect(chosen).toBeFocused();
		await expect(chosen).not.toHaveClass(/is-selected/);
	});

	test('filters and layers change what the map shows', async ({ page }) => {
		await page.goto('/map');
		await markersDrawn(page);
		const shown = page.getByText(/^\d+ of \d+ places shown/);
		const count = async () => Number(((await shown.textContent()) ?? '').trim().split(' ')[0]);
		const all = await count();
		await page.getByText('Layers, filters and key').click();
		await page.getByRole('checkbox', { name: 'Community assets' }).uncheck();
		await expect.poll(count).toBeLessThan(all);
		const withoutAssets = await count();
		await page.getByRole('combobox', { name: 'Area' }).selectOption({ label: 'Eden' });
		await expect.poll(count).toBeLessThan(withoutAssets);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Show everything' }).click();
		await expect.poll(count).toBe(all);
	});

	test('a record saved in another tab appears on the open map at once', async ({ page, context }) => {
		await page.goto('/map');
		await markersDrawn(page);
		const shown = page.getByText(/^\d+ of \d+ places shown/);
		const before = Number(((await shown.textContent()) ?? '').trim().split(' ')[0]);

		const other = await context.newPage();
		const name = `Threlkeld Reading Room ${Date.now().toString(36)}`;
		await other.goto('/assets/new');
		// A new tab holds no key yet: the person unlocks it with their PIN.
		await unlockIfLocked(other);
		await fillAsset(other, name);
		await other.getByLabel('Grid reference or latitude and longitude (optional)').fill('NY 31865 25412');
		await other.getByRole('button', { name: 'Save' }).click();
		await expect(other.getByRole('heading', { level: 1, name })).toBeVisible();
		await other.close();

		await expect(shown).toHaveText(new RegExp(`^${before + 1} of ${before + 1} places shown`));
	});

	test('leaving the map in the middle of a zoom raises no error', async ({ page }) => {
		await page.goto('/map');
		await expect(page.locator('.map .leaflet-proxy')).toBeAttached();
		await page.getByRole('button', { name: 'Zoom in' }).click();
		await page.getByRole('navigation').getByRole('link', { name: 'Assets' }).click();
		await expect(page).toHaveURL(/\/assets$/);
		// Leaflet ends a zoom 250 ms after it starts; an uncaught error then fails the test (fixtures.ts).
		await page.waitForTimeout(600);
	});

	test('pick on map stores the place, with how close the pin was put', async ({ page }) => {
		const name = `Mungrisdale Village Hall ${Date.now().toString(36)}`;
		await page.goto('/assets/new');
		await fillAsset(page, name);
		await page.getByRole('button', { name: 'Pick on map' }).click();
		const picker = page.getByRole('group', { name: 'Pick the place on the map' });
		const pickerMap = picker.locator('.map');
		await expect(picker.getByText(/^Pin at NY \d{5} \d{5}$/)).toBeVisible();
		await expect(picker.locator('.map-attribution')).toContainText('GeoNames');
		await expectAccessible(page);
		// Zoom in twice, then tap a little up and left of the middle: the pin moves there.
		await picker.getByRole('button', { name: 'Zoom in' }).click();
		await picker.getByRole('button', { name: 'Zoom in' }).click();
		const before = await picker.getByText(/^Pin at/).textContent();
		const box = await pickerMap.boundingBox();
		if (!box) throw new Error('no picker map');
		await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.4);
		await expect(picker.getByText(/^Pin at/)).not.toHaveText(before ?? '');
		const pinned = ((await picker.getByText(/^Pin at/).textContent()) ?? '').replace('Pin at ', '').trim();
		await picker.getByRole('button', { name: 'Use this place' }).click();

		const field = page.getByLabel('Grid reference or latitude and longitude (optional)');
		await expect(field).toHaveValue(pinned);
		await expect(field).toBeFocused();
		await expect(page.getByText(/^Placed on the map, to within about \d+ metres$/)).toBeVisible();
		await page.getByRole('button', { name: 'Save' }).click();

		await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
		await expect(page.getByText(`Grid reference: ${pinned}`)).toBeVisible();
		await expect(page.getByText(/^To within about \d+ metres$/)).toBeVisible();
		await page.getByRole('link', { name: 'Show on map' }).click();
		await expect(page.getByRole('region', { name }).getByRole('heading', { name })).toBeFocused();
	});

	test.describe('use my location', () => {
		test.use({
			permissions: ['geolocation'],
			geolocation: { latitude: 54.6013, longitude: -3.1347, accuracy: 8 }
		});

		test("puts this device's position and accuracy in the form, and warns when it is rough", async ({
			page,
			context
		}) => {
			await page.goto('/visits/new');
			const field = page.getByLabel('Where the home is (optional)');
			await page.getByRole('button', { name: 'Use my location' }).click();
			await expect(field).toHaveValue(/^NY 26\d{3} 23\d{3}$/);
			await expect(page.getByText("From this device's location, accurate to about 8 metres")).toBeVisible();
			await expect(page.getByText(/only accurate to about/)).toHaveCount(0);
			await expect(page.getByText('Latitude and longitude: 54.60130, -3.13470')).toBeVisible();

			await context.setGeolocation({ latitude: 54.6013, longitude: -3.1347, accuracy: 120 });
			await page.getByRole('button', { name: 'Use my location' }).click();
			await expect(page.getByText(/only accurate to about 120 metres/)).toBeVisible();
			await expectAccessible(page);

			// Not allowed: the error summary says so and what to do instead.
			await context.clearPermissions();
			await page.getByRole('button', { name: 'Use my location' }).click();
			const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
			await expect(summary).toContainText("Fellside is not allowed to use this device's location");
			await summary.getByRole('link').click();
			await expect(field).toBeFocused();
		});
	});
});

test('online, the configured tiles lie over the offline map, flood warnings show, and an area can be saved', async ({
	page,
	tileServer,
	agency
}) => {
	const raised = new Date(Date.now() - 3_600_000).toISOString().slice(0, 19) + 'Z';
	agency.floods = {
		items: [
			{
				floodAreaID: '011FWFNC6KC',
				description: 'River Derwent at Keswick',
				severityLevel: 1,
				message: 'Flooding in Keswick.',
				timeRaised: raised,
				floodArea: { riverOrSea: 'River Derwent' }
			}
		]
	};
	agency.areas = [{ notation: '011FWFNC6KC', label: 'Keswick', lat: 54.6, long: -3.135 }];
	await page.goto('/map');
	await markersDrawn(page);
	await expect.poll(() => tileServer.requests.length).toBeGreaterThan(0);
	await expect(map(page).locator('img.leaflet-tile-loaded').first()).toBeVisible();
	// Both attributions, always visible under the map.
	const attribution = page.locator('.map-attribution');
	await expect(attribution).toContainText('Test tiles drawn by Fellside');
	await expect(attribution).toContainText('Contains OS data © Crown copyright');
	await expect(attribution).toContainText('Environment Agency');
	// The warning, on the map and in words.
	await expect(map(page).locator('.leaflet-overlay-pane path.leaflet-interactive')).toHaveCount(1);
	const warnings = page.getByRole('region', { name: 'Flood warnings' });
	await expect(warnings.getByTestId('flood-warnings').getByRole('listitem')).toContainText(
		'River Derwent at Keswick'
	);
	await expectAccessible(page);

	// The offline map alone, and no warnings: the switcher takes them off.
	await page.getByText('Layers, filters and key').click();
	await page.getByRole('radio', { name: 'Offline map of Cumbria only' }).check();
	await expect(map(page).locator('img.leaflet-tile')).toHaveCount(0);
	await expect(attribution).not.toContainText('Test tiles drawn by Fellside');
	await page.getByRole('checkbox', { name: 'Environment Agency flood warnings' }).uncheck();
	await expect(map(page).locator('.leaflet-overlay-pane path.leaflet-interactive')).toHaveCount(0);
	await expect(warnings).toHaveCount(0);

	// Saving the area in view for offline use (the test tiles allow it) starts from that area.
	await page.getByRole('link', { name: 'Save this area for offline use' }).click();
	await expect(page).toHaveURL(/\/map\/offline-areas\?bbox=-?\d+\.\d+,\d+\.\d+,-?\d+\.\d+,\d+\.\d+$/);
});

async function fillAsset(page: Page, name: string): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: 'Add a community asset' })).toBeVisible();
	await page.getByRole('radio', { name: 'Allerdale' }).check();
	await page.getByRole('radio', { name: 'Physical place' }).check();
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByRole('radio', { name: 'Active', exact: true }).check();
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
