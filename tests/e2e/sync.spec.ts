import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect, expectAccessible, goOffline, goOnline, waitForServiceWorker } from './fixtures';
import { enrolDevice, unlockOnEveryLoad } from './session';

/**
 * Sync as people see it, against the real built server: the header counting what waits while
 * offline, and two devices that edited the same record with no signal converging when it returns,
 * with the clash shown for review on both and its resolution reaching both.
 */

const RUN = Date.now().toString(36);

/** Sync now from the header, and wait until that attempt is over and nothing waits. */
async function syncNow(page: Page): Promise<void> {
	const button = page.getByTestId('sync-now');
	await button.click();
	await expect(button).toHaveText('Sync now', { timeout: 30_000 });
	await expect(page.getByTestId('waiting')).toHaveText('Safe to hand in');
}

/** The first time the app opens: the service worker installs and the first sync downloads records. */
async function firstVisit(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await waitForServiceWorker(page);
	await expect(page.getByTestId('waiting')).toHaveText('Safe to hand in', { timeout: 30_000 });
}

/** The id of a demo community asset, read from the list's first link. */
async function someAsset(page: Page): Promise<string> {
	await page.goto('/assets');
	const href = await page.getByTestId('record-list').getByRole('link').first().getAttribute('href');
	const id = href?.split('/').at(-1);
	if (!id) throw new Error('No community asset in the demo data');
	return id;
}

async function editAsset(page: Page, id: string, fields: Record<string, string>): Promise<void> {
	await page.goto(`/assets/${id}/edit`);
	for (const [label, value] of Object.entries(fields))
		await page.getByLabel(label, { exact: true }).fill(value);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Your changes have been saved')).toBeVisible();
}

/** A second device: its own browser profile, so its own IndexedDB, client id and service worker. */
async function secondDevice(
	browser: Browser
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
	const { baseURL, viewport } = test.info().project.use;
	const context = await browser.newContext({ baseURL, viewport, serviceWorkers: 'allow' });
	const page = await context.newPage();
	unlockOnEveryLoad(page);
	await enrolDevice(page, 'admin');
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	return { context, page, errors };
}

test('the header counts a change waiting offline, and says safe to hand in once it is sent', async ({
	page,
	context
}) => {
	await firstVisit(page, '/');
	const id = await someAsset(page);
	await goOffline(context);

	await editAsset(page, id, { 'Organisation (optional)': `Offline Trust ${RUN}` });
	await expect(page.getByTestId('connection')).toContainText('Offline');
	await expect(page.getByTestId('waiting')).toHaveText('1 change waiting');
	await expect(page.getByTestId('record-sync')).toContainText('Waiting to send');

	await page
		.getByTestId('sync-status')
		.getByRole('link', { name: /1 change waiting/ })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
	await expect(page.getByTestId('hand-in')).toContainText('Do not hand in this device yet');
	await expect(page.getByTestId('hand-in')).toContainText(
		'1 change on this device has not reached the server yet.'
	);
	await expect(page.getByTestId('sync-problem')).toContainText('This device is offline');
	await expect(page.getByTestId('waiting-list')).toContainText('Changed: organisation');
	await expectAccessible(page);

	// The last resort: the waiting change saved to a file sealed under a passphrase, which imports back
	// without doubling it.
	const exporting = page.getByTestId('export-form');
	await exporting.getByRole('button', { name: 'Export unsynced changes' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: 'Enter a passphrase' })).toBeVisible();
	await exporting.getByLabel('Passphrase for the file').fill('heron over the eden');
	await exporting.getByLabel('The passphrase again').fill('heron over the Eden');
	await exporting.getByRole('button', { name: 'Export unsynced changes' }).click();
	await page.getByRole('alert').getByRole('link', { name: 'The two passphrases are not the same' }).click();
	await expect(exporting.getByLabel('The passphrase again')).toBeFocused();
	await exporting.getByLabel('The passphrase again').fill('heron over the eden');
	const downloading = page.waitForEvent('download');
	await exporting.getByRole('button', { name: 'Export unsynced changes' }).click();
	const file = await downloading;
	expect(file.suggestedFilename()).toMatch(/^fellside-unsynced-changes-\d{8}-\d{4}\.json$/);
	const saved = (await file.path()) as string;
	expect(readFileSync(saved, 'utf8')).toContain('"sealed"');
	expect(readFileSync(saved, 'utf8')).not.toContain(`Offline Trust ${RUN}`);
	await expect(page.getByText(/Importing it needs the passphrase\.$/)).toBeVisible();

	const importing = page.getByTestId('import-form');
	const importer = importing.getByLabel('File to import');
	const passphrase = importing.getByLabel('Passphrase of the file');
	const importButton = importing.getByRole('button', { name: 'Import changes' });
	await importer.setInputFiles(saved);
	await passphrase.fill('heron over the river');
	await importButton.click();
	await expect(passphrase).toHaveAccessibleDescription(/not the passphrase this file was exported with/);
	await passphrase.fill('heron over the eden');
	await importButton.click();
	await expect(page.getByText(/^Nothing new in .*: 1 change was already on this device\.$/)).toBeVisible();
	await importer.setInputFiles({
		name: 'notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('not an export')
	});
	await importButton.click();
	await expect(page.getByRole('alert').filter({ hasText: 'This file cannot be imported' })).toBeVisible();
	await expect(importer).toHaveAccessibleDescription(/This file cannot be imported/);
	await expect(page.getByTestId('waiting')).toHaveText('1 change waiting');
	await expectAccessible(page);

	// Signal returns: sync starts by itself and the device is safe to hand in.
	await goOnline(context);
	await expect(page.getByTestId('hand-in')).toContainText('This device is safe to hand in', {
		timeout: 30_000
	});
	await expect(page.getByTestId('waiting')).toHaveText('Safe to hand in');
	await expect(page.getByTestId('sync-announcement')).toHaveText('All changes sent.');
	await page.goto(`/assets/${id}`);
	await expect(page.getByTestId('record-sync')).toContainText('Synced');
	await expect(page.getByText(`Offline Trust ${RUN}`)).toBeVisible();
});

test('two devices edit one record offline: both edits survive, the clash is reviewed on both, and its resolution reaches both', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(180_000);
	const b = await secondDevice(browser);
	try {
		await firstVisit(page, '/');
		const id = await someAsset(page);
		await firstVisit(b.page, '/');
		await goOffline(context);
		await goOffline(b.context);

		// A different field each, and the same field with different values (B's is the later edit).
		const fromA = { description: `Kitchen open daily ${RUN}`, notes: `Closed on bank holidays ${RUN}` };
		const fromB = { organisation: `Fellside Hall Trust ${RUN}`, notes: `Open on bank holidays ${RUN}` };
		await editAsset(page, id, {
			'Description (optional)': fromA.description,
			'Notes on opening times (optional)': fromA.notes
		});
		await editAsset(b.page, id, {
			'Organisation (optional)': fromB.organisation,
			'Notes on opening times (optional)': fromB.notes
		});
		await expect(page.getByTestId('waiting')).toHaveText('1 change waiting');
		await expect(b.page.getByTestId('waiting')).toHaveText('1 change waiting');

		// Signal returns on both. Each syncs by itself; one more round each brings the other's change.
		await goOnline(context);
		await goOnline(b.context);
		await syncNow(page);
		await syncNow(b.page);
		await syncNow(page);

		for (const device of [page, b.page]) {
			await device.goto(`/assets/${id}`);
			await expect(device.getByText(fromA.description)).toBeVisible();
			await expect(device.getByText(fromB.organisation)).toBeVisible();
			// The later edit is kept everywhere until a person decides.
			await expect(device.getByText(fromB.notes)).toBeVisible();
			await expect(device.getByTestId('record-sync')).toContainText('In conflict');
			await expect(device.getByTestId('sync-nudge')).toHaveText(/conflicts? to review/);
		}

		// The clash is in review on both devices, both values side by side.
		await b.page.getByTestId('record-sync').getByRole('link', { name: 'Review the conflict' }).click();
		const onB = b.page.getByTestId('conflict').filter({ hasText: fromB.notes });
		await expect(onB).toContainText('Notes on opening times');
		await expect(onB).toContainText(fromA.notes);
		await expect(onB).toContainText('This device (kept for now)');
		await expectAccessible(b.page);

		await page.goto('/conflicts');
		const onA = page.getByTestId('conflict').filter({ hasText: fromB.notes });
		await expect(onA).toContainText(fromA.notes);
		// Saving without a choice is refused with the GOV.UK error summary.
		await onA.getByRole('button', { name: 'Save this choice' }).click();
		const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
		await expect(summary).toBeFocused();
		await expect(page).toHaveTitle(/^Error: /);
		await expectAccessible(page);

		// A chooses its own value; the conflict leaves A's list and is sent like any edit.
		await onA.getByRole('radio', { name: `Use “${fromA.notes}”` }).check();
		await onA.getByRole('button', { name: 'Save this choice' }).click();
		await expect(page.getByText(/^Saved for /)).toBeVisible();
		await expect(onA).toHaveCount(0);
		await syncNow(page);

		// B syncs: the conflict is resolved there too, and B has A's chosen value.
		await syncNow(b.page);
		await expect(onB).toHaveCount(0);
		await b.page.goto(`/assets/${id}`);
		await expect(b.page.getByText(fromA.notes)).toBeVisible();
		await expect(b.page.getByText(fromB.notes)).toHaveCount(0);
		await expect(b.page.getByTestId('record-sync')).toContainText('Synced');
		expect(b.errors, 'uncaught errors on the second device').toEqual([]);
	} finally {
		await b.context.close();
	}
});

test('a change the server refuses shows with its reason, opens for fixing, and can be discarded', async ({
	page,
	context,
	browser
}) => {
	test.setTimeout(180_000);
	const b = await secondDevice(browser);
	try {
		// A person's skill, with consent to publish, on both devices.
		await firstVisit(page, '/assets/new');
		const name = `Dry-stone walling ${RUN}`;
		await page.getByRole('radio', { name: 'Eden' }).check();
		await page.getByRole('radio', { name: "Individual's skill" }).check();
		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByLabel('Name of the person with the skill').fill('Jo Bell');
		await page.getByRole('radio', { name: 'Active', exact: true }).check();
		const consent = (p: Page) =>
			p.getByRole('group', { name: 'Have they agreed to it being listed in the public directory?' });
		await consent(page).getByRole('radio', { name: 'Yes' }).check();
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
		const id = page.url().split('/').at(-1) as string;
		await syncNow(page);
		await firstVisit(b.page, '/');
		// "Safe to hand in" speaks of what waits to be sent; a sync of its own brings A's asset.
		await syncNow(b.page);
		await b.page.goto(`/assets/${id}`);
		await expect(b.page.getByRole('heading', { level: 1, name })).toBeVisible();

		// Offline, A submits it for the directory while B withdraws the consent: each fine alone,
		// together against the rules.
		await goOffline(context);
		await goOffline(b.context);
		await page.getByRole('button', { name: 'Submit for verification' }).click();
		await expect(page.getByText('Submitted for verification.')).toBeVisible();
		await b.page.goto(`/assets/${id}/edit`);
		await consent(b.page).getByRole('radio', { name: 'No' }).check();
		await b.page.getByRole('button', { name: 'Save' }).click();
		await expect(b.page.getByText('Your changes have been saved')).toBeVisible();

		await goOnline(context);
		await syncNow(page);
		await goOnline(b.context);
		await b.page.getByTestId('sync-now').click();
		await expect(b.page.getByTestId('sync-nudge')).toHaveText('1 change to fix', { timeout: 30_000 });
		await expect(b.page.getByTestId('record-sync')).toContainText('Change refused');

		// The sync page names the record, the server's reason and the field, and offers both ways out.
		await b.page.getByTestId('record-sync').getByRole('link', { name: 'Fix it' }).click();
		await expect(b.page.getByTestId('hand-in')).toContainText('1 change refused by the server');
		const refused = b.page.getByTestId('refused-change').filter({ hasText: name });
		await expect(refused).toContainText('Changed: consent to publish');
		await expect(refused).toContainText("A person's skill can only be listed with their consent to publish");
		await expectAccessible(b.page);
		await refused.getByRole('link', { name: /^Fix it/ }).click();
		await expect(b.page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
		await b.page.goBack();

		// Discarding asks first, then puts the server's copy back.
		await refused.getByRole('button', { name: /^Discard my change/ }).click();
		await expect(refused).toContainText('The record goes back to how it is on the server');
		await expectAccessible(b.page);
		await refused.getByRole('button', { name: 'Yes, discard my change' }).click();
		await expect(refused).toHaveCount(0);
		await expect(b.page.getByText(`Your change to ${name} was discarded`)).toBeFocused();
		await expect(b.page.getByTestId('waiting')).toHaveText('Safe to hand in');
		await b.page.goto(`/assets/${id}`);
		await expect(b.page.getByRole('heading', { name: 'Directory status: Submitted' })).toBeVisible();
		await expect(b.page.getByTestId('record-sync')).toContainText('Synced');
		expect(b.errors, 'uncaught errors on the second device').toEqual([]);
	} finally {
		await b.context.close();
	}
});
