import {
	test,
	expect,
	draftKept,
	draftMark,
	draftWrittenAfter,
	expectAccessible,
	goOffline,
	waitForServiceWorker
} from './fixtures';

/**
 * The community asset screens with the network cut: everything here happens on the device, as it would
 * in a village hall with no signal. One online visit first installs the app shell.
 */

/** Unique per run, so a search finds this test's asset among the demo records. */
const NAME = `Birkett Barn Hall ${Date.now().toString(36)}`;

test.beforeEach(async ({ page, context }) => {
	await page.goto('/assets');
	await waitForServiceWorker(page);
	await goOffline(context);
});

test('add an asset, find it, change it, reload, and submit it for verification', async ({ page }) => {
	await page.goto('/assets');
	await expect(page.getByRole('heading', { level: 1, name: 'Community assets' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Add a community asset' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a community asset' })).toBeVisible();

	// Saving an empty form: the error summary lists each problem and each links to its field.
	await page.getByRole('button', { name: 'Save' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	await expect(page).toHaveTitle(/^Error: /);
	const name = page.getByLabel('Name', { exact: true });
	await expect(name).toHaveAccessibleDescription(/Enter the name/);
	await expectAccessible(page);
	await summary.getByRole('link', { name: 'Enter the name' }).click();
	await expect(name).toBeFocused();

	await page.getByRole('radio', { name: 'Allerdale' }).check();
	await page.getByRole('radio', { name: 'Physical place' }).check();
	await name.fill(NAME);
	await page.getByRole('radio', { name: 'Active', exact: true }).check();
	await page.getByLabel('Grid reference or latitude and longitude (optional)').fill('NY 26345 23368');
	// The form shows what it read, before anything is saved.
	await expect(page.getByText('Latitude and longitude:')).toBeVisible();
	await page.getByLabel('Address (optional)').fill('Birkett Lane, Keswick');
	await page.getByRole('button', { name: 'Add a contact' }).click();
	const contact = page.getByRole('group', { name: 'Contact 1' });
	await contact.getByLabel('Name', { exact: true }).fill('Helen Dixon');
	await contact.getByLabel('Phone number (optional)').fill('07700 900261');
	await page.getByRole('button', { name: 'Add opening times' }).click();
	const opening = page.getByRole('group', { name: 'Opening time 1' });
	for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
		await opening.getByRole('checkbox', { name: day }).check();
	}
	await opening.getByLabel('Opens').fill('09:00');
	await opening.getByLabel('Closes').fill('17:00');
	await page.getByRole('button', { name: 'Save' }).click();

	// Saved on the device: the detail page, with the answers in the users' words.
	await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
	await expect(page.getByText('Community asset added')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Directory status: Draft' })).toBeVisible();
	await expect(page.getByText('Grid reference: NY 26345 23368')).toBeVisible();
	await expect(page.getByText(/Helen Dixon, 07700\s900261/)).toBeVisible();
	await expect(page.getByText('Monday to Friday, 9am to 5pm')).toBeVisible();
	await expectAccessible(page);

	// In the list, found by a search.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assets' }).click();
	await page.getByRole('searchbox', { name: 'Search' }).fill(NAME);
	await page.getByTestId('record-list').getByRole('link', { name: NAME }).click();
	await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();

	// Change a field, then reload: the change is on the device, not just on the screen.
	await page.getByRole('link', { name: 'Edit', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Edit ${NAME}` })).toBeVisible();
	await page.getByLabel('Organisation (optional)').fill('Birkett Barn Trust');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Your changes have been saved')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
	await expect(page.getByText('Birkett Barn Trust')).toBeVisible();

	// A lifecycle move the domain allows is saved; one it refuses says why and saves nothing.
	await page.getByRole('button', { name: 'Submit for verification' }).click();
	await expect(page.getByText('Submitted for verification.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Directory status: Submitted' })).toBeVisible();
	await page.getByRole('button', { name: 'Mark as verified' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'This cannot be done yet' })).toContainText(
		'Enter the date the details were checked before verifying'
	);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Directory status: Submitted' })).toBeVisible();
	await expectAccessible(page);
});

test('a half-filled form survives a reload and is offered back', async ({ page }) => {
	await page.goto('/assets/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Add a community asset' })).toBeVisible();
	await page.getByRole('radio', { name: 'Eden' }).check();
	await page.getByLabel('Name', { exact: true }).fill('Half-finished Lunch Club');
	const mark = await draftMark(page);
	await page.getByLabel('Description (optional)').fill('Tuesdays in the chapel');
	await expect.poll(() => draftWrittenAfter(page, 'asset:new', mark)).toBe(true);

	await page.reload();
	await expect(page.getByText('We kept what you had entered')).toBeVisible();
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Half-finished Lunch Club');
	await expect(page.getByLabel('Description (optional)')).toHaveValue('Tuesdays in the chapel');
	await expect(page.getByRole('radio', { name: 'Eden' })).toBeChecked();

	// The list offers it back too, for someone who left the form.
	await page.goto('/assets');
	await expect(page.getByText('You have not finished adding Half-finished Lunch Club')).toBeVisible();
	await page.getByRole('link', { name: 'Continue' }).click();
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Half-finished Lunch Club');

	// Discarding empties the form and forgets the draft.
	await page.getByRole('button', { name: 'Discard changes' }).click();
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');
	await expect.poll(() => draftKept(page, 'asset:new')).toBe(false);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a community asset' })).toBeVisible();
	await expect(page.getByText('We kept what you had entered')).toHaveCount(0);
});

test('an asset that is not on the device says so and leads back to the list', async ({ page }) => {
	await page.goto('/assets/00000000-0000-4000-8000-000000000000');
	await expect(page.getByRole('heading', { level: 1, name: 'Community asset not found' })).toBeVisible();
	await page.getByRole('link', { name: 'Go to community assets' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Community assets' })).toBeVisible();
});
