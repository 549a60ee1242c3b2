import type { Page } from '@playwright/test';
import { goOffline, waitForServiceWorker } from './fixtures';
import { expect, test } from './support/map-fixtures';
import type { AgencyServer } from './support/servers';

/** Three warnings in the Environment Agency's JSON shape, with fields Fellside ignores. */
function floods(raised: string) {
	const item = (code: string, severityLevel: number, description: string, river: string) => ({
		'@id': `http://environment.data.gov.uk/flood-monitoring/id/floods/${code}`,
		description,
		eaAreaName: 'Cumbria and Lancashire',
		eaRegionName: 'No longer used',
		floodArea: { '@id': `x/${code}`, county: 'Cumbria', notation: code, polygon: 'x', riverOrSea: river },
		floodAreaID: code,
		isTidal: false,
		message: `Flooding in ${description}.`,
		severity: 'n/a',
		severityLevel,
		timeMessageChanged: raised,
		timeRaised: raised,
		timeSeverityChanged: raised
	});
	return {
		'@context': 'http://environment.data.gov.uk/flood-monitoring/meta/context.jsonld',
		meta: {
			publisher: 'Environment Agency',
			licence: 'http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'
		},
		items: [
			item('011FAG3DC', 3, 'River Eden at Appleby', 'River Eden'),
			item('011FWFNC6KC', 1, 'River Derwent at Keswick', 'River Derwent'),
			item('011FWFCO4', 2, 'River Cocker at Cockermouth', 'River Cocker')
		]
	};
}

function inForce(agency: AgencyServer) {
	const raised = new Date(Date.now() - 3_600_000).toISOString().slice(0, 19) + 'Z';
	agency.floods = floods(raised);
	agency.areas = [
		{ notation: '011FWFNC6KC', label: 'Keswick', lat: 54.6, long: -3.135, quickDialNumber: '172123' },
		{ notation: '011FWFCO4', label: 'Cockermouth', lat: 54.663, long: -3.362 },
		{ notation: '011FAG3DC', label: 'Appleby', lat: 54.578, long: -2.49 }
	];
}

async function openWarnings(page: Page) {
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.goto('/map/flood-warnings');
	await expect(page.getByRole('heading', { level: 1, name: 'Flood warnings' })).toBeVisible();
}

const status = (page: Page) => page.getByTestId('flood-warnings-status');

test('Cumbria’s warnings are listed most severe first, drawn on the map, with the agency’s attribution', async ({
	page,
	agency
}) => {
	inForce(agency);
	await openWarnings(page);

	const warnings = page.getByTestId('flood-warnings').getByRole('listitem');
	await expect(warnings).toHaveCount(3);
	await expect(warnings.nth(0)).toContainText('Severe flood warning');
	await expect(warnings.nth(0)).toContainText('River Derwent at Keswick');
	await expect(warnings.nth(0)).toContainText('Floodline quick dial 172123');
	await expect(warnings.nth(1)).toContainText('Flood warning');
	await expect(warnings.nth(1)).toContainText('River Cocker at Cockermouth');
	await expect(warnings.nth(2)).toContainText('Flood alert');
	await expect(warnings.nth(2)).toContainText(/River Eden · raised \d\d:\d\d (today|yesterday)/);
	await expect(status(page)).toHaveText(/^Last updated \d\d:\d\d today$/);

	// Asked for Cumbria's warnings, and where each area is.
	expect(agency.floodRequests()).toEqual(['/flood-monitoring/id/floods?county=Cumbria']);
	const markers = page.locator('.leaflet-overlay-pane path.leaflet-interactive');
	await expect(markers).toHaveCount(3);
	// The map frames the warned areas: every marker is in view.
	await expect
		.poll(async () => {
			const map = (await page.getByTestId('area-map').boundingBox())!;
			const boxes = await Promise.all((await markers.all()).map((m) => m.boundingBox()));
			return boxes.every(
				(b) =>
					b &&
					b.x >= map.x &&
					b.y >= map.y &&
					b.x + b.width <= map.x + map.width &&
					b.y + b.height <= map.y + map.height
			);
		})
		.toBe(true);
	await expect(page.getByTestId('flood-warnings-attribution')).toHaveText(
		/^This uses Environment Agency flood and river level data from the real-time data API \(Beta\), under the\s+Open Government Licence v3\.0\.$/
	);
	await expect(page.getByRole('link', { name: 'Open Government Licence v3.0' })).toHaveAttribute(
		'href',
		'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'
	);
	await expect(page.locator('.leaflet-control-attribution')).toContainText('Environment Agency');

	// Opening the page again asks nothing: the last request was under 15 minutes ago.
	await page.reload();
	await expect(warnings).toHaveCount(3);
	expect(agency.floodRequests()).toHaveLength(1);
});

test('with the network cut the kept warnings are shown, marked as not current', async ({
	page,
	context,
	agency
}) => {
	inForce(agency);
	await openWarnings(page);
	await expect(page.getByTestId('flood-warnings').getByRole('listitem')).toHaveCount(3);

	await goOffline(context);
	await expect(status(page)).toHaveText(/^Warning: Last updated \d\d:\d\d today — you are offline$/);
	await page.reload();
	await expect(page.getByTestId('flood-warnings').getByRole('listitem')).toHaveCount(3);
	await expect(status(page)).toHaveText(/^Warning: Last updated \d\d:\d\d today — you are offline$/);
	await expect(page.getByTestId('flood-warnings-attribution')).toContainText('Environment Agency');
});

test('a malformed answer is named, nothing breaks, and the next good answer replaces it', async ({
	page,
	agency
}) => {
	agency.floods = { items: [{ floodAreaID: '011FWFNC6KC', severityLevel: 9 }] };
	await openWarnings(page);
	await expect(page.getByText(/^The Environment Agency sent flood warnings Fellside cannot read/)).toHaveText(
		'The Environment Agency sent flood warnings Fellside cannot read (items.0.severityLevel must be 1, 2, 3 or 4). The warnings shown are the last ones this device received.'
	);
	await expect(status(page)).toHaveText('Warning: No flood warnings on this device yet');

	agency.floods = '<html>Service unavailable</html>';
	await page.clock.install();
	await page.reload();
	// Not before 15 minutes have passed since the last try, then once. (A key pressed now and then
	// keeps the app from locking itself after 10 idle minutes.)
	await page.clock.runFor('09:00');
	await page.keyboard.press('Shift');
	await page.clock.runFor('05:00');
	expect(agency.floodRequests()).toHaveLength(1);
	// Ten seconds at a time until the next try goes out, then no further: the request's own 20 s
	// timeout runs on this clock, and a busy machine may answer it later than the clock would run on.
	await expect
		.poll(
			async () => {
				await page.clock.runFor(10_000);
				return agency.floodRequests().length;
			},
			{ intervals: [50], timeout: 20_000 }
		)
		.toBe(2);
	await expect(page.getByText(/cannot read \(not JSON\)/)).toBeVisible();

	inForce(agency);
	await page.keyboard.press('Shift');
	await page.clock.runFor('09:00');
	await page.keyboard.press('Shift');
	await page.clock.runFor('06:00');
	await expect(page.getByTestId('flood-warnings').getByRole('listitem')).toHaveCount(3);
	await expect(page.getByText(/cannot read/)).toHaveCount(0);
	expect(agency.floodRequests()).toHaveLength(3);
});

test('no warnings in force is said plainly', async ({ page, agency }) => {
	agency.floods = { items: [] };
	await openWarnings(page);
	await expect(page.getByTestId('no-flood-warnings')).toHaveText(
		'No flood warnings or alerts are in force in Cumbria.'
	);
	await expect(status(page)).toHaveText(/^Last updated \d\d:\d\d today$/);
});
