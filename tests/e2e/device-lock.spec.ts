import type { Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/demo/defaults';
import { test, expect, goOffline, goOnline, waitForServiceWorker } from './fixtures';
import { enrolDevice, PIN, sessionCookie, sessionState, unlockIfLocked } from './session';
import { addReferral } from './support/referral-form';

/**
 * Working offline after one online sign-in, and being safe when a device is lost: the PIN unlock
 * with the network cut, the idle lock, the wipe after wrong PINs, two people on one device, no
 * personal value in plain text on disk, and a disabled account wiped at next contact.
 */

// Each test signs in and chooses its PIN itself, through the screens.
test.use({ signedInAs: null });

const RUN = Date.now().toString(36);
const locked = (page: Page) => page.getByRole('heading', { level: 1, name: 'Fellside is locked' });

async function unlockWith(page: Page, pin: string) {
	await page.getByLabel('Your PIN').fill(pin);
	await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Online once: the app is installed and the person's records are on the device. */
async function enrolAndSync(page: Page, username: string) {
	await enrolDevice(page, username);
	await waitForServiceWorker(page);
	await expect(page.getByText(/Last synced/)).toBeVisible({ timeout: 30_000 });
}

/** Every IndexedDB database on the device, every store, every row, as one string (typed arrays as bytes). */
async function rawDeviceStorage(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const text = (value: unknown): string =>
			JSON.stringify(value, (_key, v: unknown) =>
				v instanceof Uint8Array
					? String.fromCharCode(...v)
					: v instanceof ArrayBuffer
						? text(new Uint8Array(v))
						: v
			);
		const out: string[] = [];
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			for (const store of db.objectStoreNames) {
				const rows = await new Promise<unknown[]>((resolve, reject) => {
					const read = db.transaction(store).objectStore(store).getAll();
					read.onsuccess = () => resolve(read.result);
					read.onerror = () => reject(read.error);
				});
				out.push(`${name}/${store}: ${text(rows)}`);
			}
			db.close();
		}
		return out.join('\n');
	});
}

const userDatabases = (page: Page) =>
	page.evaluate(async () =>
		(await indexedDB.databases()).flatMap((d) => (d.name?.startsWith('fellside-user-') ? [d.name] : []))
	);

test('signed in once, then with the network cut: reload, unlock with the PIN, add and change records', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	await enrolAndSync(page, 'coach.kendal');
	await goOffline(context);

	await page.reload();
	await expect(locked(page)).toBeVisible();
	await expect(page.getByText('Unlock as Mark Tyson')).toBeVisible();
	await unlockWith(page, PIN);
	await expect(page.locator('main[data-session="unlocked"]')).toBeVisible();

	const name = `Marjorie Offline ${RUN}`;
	await addReferral(page, name);
	await page
		.getByRole('link', { name: /Change/ })
		.first()
		.click();
	await page.getByLabel('Phone number (optional)').fill('07700 900999');
	await page.getByRole('button', { name: /Save/ }).first().click();
	await expect(page.getByText('07700 900999').first()).toBeVisible();

	// Another load: locked again, and everything is still there once unlocked.
	await page.reload();
	await expect(locked(page)).toBeVisible();
	await unlockWith(page, PIN);
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await expect(page.getByText('07700 900999').first()).toBeVisible();
});

test('left idle, the device locks itself; the PIN opens the same page again', async ({ page }) => {
	await page.clock.install();
	await enrolAndSync(page, 'coach.kendal');
	await page.goto('/referrals');
	await unlockIfLocked(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Coach referrals' })).toBeVisible();

	await page.clock.fastForward('09:00');
	await expect(page.getByRole('heading', { level: 1, name: 'Coach referrals' })).toBeVisible();
	await page.clock.fastForward('01:30');
	await expect(locked(page)).toBeVisible();
	await expect(page.getByText('Locked after 10 minutes without use. Your work is kept.')).toBeVisible();
	await unlockWith(page, PIN);
	await expect(page.getByRole('heading', { level: 1, name: 'Coach referrals' })).toBeVisible();
	expect(new URL(page.url()).pathname).toBe('/referrals');
});

test('locking straight after typing keeps what was typed: the form is offered back after the PIN', async ({
	page
}) => {
	await enrolAndSync(page, 'coach.kendal');
	await page.goto('/referrals/new');
	await unlockIfLocked(page);
	await page.getByLabel('Full name').fill(`Nora Lockstep ${RUN}`);
	// Well inside the pause after which a draft is written: the lock itself must write it.
	await page.getByRole('button', { name: 'Lock', exact: true }).click();
	await expect(locked(page)).toBeVisible();

	// Unlocking opens the same page, which offers back what was typed.
	await unlockWith(page, PIN);
	await expect(page.getByText('We kept what you had entered last time.')).toBeVisible();
	await expect(page.getByLabel('Full name')).toHaveValue(`Nora Lockstep ${RUN}`);
});

test('a clock set back by a day cannot stretch the time offline: the password is asked for', async ({
	page
}) => {
	await page.clock.install();
	await enrolAndSync(page, 'coach.kendal');
	await page.getByRole('button', { name: 'Lock', exact: true }).click();
	await expect(locked(page)).toBeVisible();

	await page.clock.setSystemTime((await page.evaluate(() => Date.now())) - 24 * 60 * 60 * 1000);
	await unlockWith(page, PIN);
	await expect(page.getByText(/clock is earlier than when you last unlocked/)).toBeVisible();
	await expect(page.getByLabel('Password')).toBeVisible();
	// Nothing was counted against the PIN, and nothing removed.
	await page.getByRole('button', { name: 'Back to unlock' }).click();
	await expect(page.getByText(/more tries/)).toHaveCount(0);
});

test('wrong PINs are counted, warned about, and the fifth removes the work from the device', async ({
	page
}) => {
	await enrolAndSync(page, 'coach.kendal');
	expect(await userDatabases(page)).toHaveLength(1);
	await page.reload();
	await expect(locked(page)).toBeVisible();

	const wrong = '735194';
	await unlockWith(page, wrong);
	await expect(page.getByText('That PIN is not right. You have 4 more tries.').first()).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: 'Warning' })).toHaveCount(0);
	await unlockWith(page, wrong);
	await expect(page.getByText('You have 3 more tries.').first()).toBeVisible();
	await unlockWith(page, wrong);
	await expect(page.getByText('You have 2 more tries.').first()).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: 'Warning' })).toContainText(
		"removes Mark Tyson's work from this device"
	);
	await unlockWith(page, wrong);
	await expect(page.getByText('You have 1 more try.').first()).toBeVisible();
	await unlockWith(page, wrong);

	await expect(
		page.getByText(/Too many wrong tries: Mark Tyson's work was removed from this device/)
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	expect(await sessionState(page)).toBe('signed-out');
	expect(await userDatabases(page)).toEqual([]);
});

test('two people share a device: each sees only their own work, and switching works offline', async ({
	page,
	context
}) => {
	test.setTimeout(150_000);
	await enrolAndSync(page, 'coach.kendal');
	await goOffline(context);
	const theirs = `Isolde Grisedale ${RUN}`;
	await addReferral(page, theirs);

	// The second person signs in online (their first time on this device).
	await goOnline(context);
	await page.getByRole('button', { name: 'Lock' }).click();
	await expect(locked(page)).toBeVisible();
	await enrolDevice(page, 'coach.keswick');
	await expect(page.getByText(/Last synced/)).toBeVisible({ timeout: 30_000 });
	await page.goto('/referrals');
	await unlockIfLocked(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Coach referrals' })).toBeVisible();
	await expect(page.getByText(theirs)).toHaveCount(0);
	expect(await userDatabases(page)).toHaveLength(2);

	// Offline again, back to the first person: their unsent referral is there, and only theirs.
	await goOffline(context);
	await page.reload();
	await expect(locked(page)).toBeVisible();
	await page.getByLabel('Mark Tyson (Health and Wellbeing Coach)').check();
	await unlockWith(page, PIN);
	await expect(page.locator('main[data-session="unlocked"]')).toBeVisible();
	await page.getByRole('link', { name: 'Referrals' }).first().click();
	await expect(page.getByText(theirs)).toBeVisible();
});

test('none of the personal values saved is on the device in plain text', async ({ page, context }) => {
	test.setTimeout(120_000);
	await enrolAndSync(page, 'coach.kendal');
	await goOffline(context);
	const name = `Quillan Markerfield ${RUN}`;
	await addReferral(page, name);
	await expect(page.getByText('14 Stramongate')).toBeVisible();

	const raw = await rawDeviceStorage(page);
	expect(raw).toContain('fellside-user-');
	for (const marker of ['Quillan', 'Markerfield', 'Stramongate', 'LA9 4BH', '07700 900412', '943 476 5919']) {
		expect(raw, `${marker} is stored in plain text`).not.toContain(marker);
	}
});

test('a referral opened with the network cut is in the audit log after the next sync', async ({
	page,
	context,
	baseURL
}) => {
	test.setTimeout(120_000);
	if (!baseURL) throw new Error('no baseURL');
	await enrolAndSync(page, 'coach.kendal');
	await goOffline(context);
	// Saving lands on the referral's own page: the first time it is opened.
	await addReferral(page, `Viola Viewed ${RUN}`);
	const recordId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

	await goOnline(context);
	await page.getByTestId('sync-now').click();
	await expect(page.getByTestId('waiting')).toHaveText('Safe to hand in', { timeout: 30_000 });

	const admin = await sessionCookie(baseURL, 'admin');
	const answer = await fetch(`${baseURL}/api/v1/audit?action=record-viewed&targetId=${recordId}`, {
		headers: { cookie: admin }
	});
	const { entries } = (await answer.json()) as { entries: { targetType: string; details: object }[] };
	expect(entries).toEqual([
		expect.objectContaining({
			targetType: 'referral',
			areaId: 'south-lakeland',
			details: expect.objectContaining({ on: 'device', offline: true }) as object
		})
	]);
});

test('a disabled account: its work leaves the device at the next contact with the server', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	if (!baseURL) throw new Error('no baseURL');
	const admin = await sessionCookie(baseURL, 'admin');
	const api = (path: string, body: unknown) =>
		fetch(`${baseURL}/api/v1${path}`, {
			method: 'POST',
			headers: { cookie: admin, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	const username = `leaver.${RUN}`;
	const created = await api('/admin/staff', {
		username,
		displayName: 'Lesley Leaver',
		role: 'coach',
		areaIds: ['eden'],
		password: DEMO_PASSWORD
	});
	expect(created.status).toBe(201);
	const { id } = (await created.json()) as { id: string };

	await enrolAndSync(page, username);
	expect(await userDatabases(page)).toEqual([`fellside-user-${id}`]);
	expect((await api(`/admin/staff/${id}/disable`, {})).status).toBe(200);

	await page.getByRole('button', { name: 'Sync now' }).first().click();
	await expect(page.getByText(/account has been disabled/).first()).toBeVisible({ timeout: 30_000 });
	expect(await sessionState(page)).toBe('signed-out');
	expect(await userDatabases(page)).toEqual([]);
});
