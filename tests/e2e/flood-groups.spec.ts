import type { Page } from '@playwright/test';
import {
	test,
	expect,
	expectAccessible,
	draftMark,
	draftWrittenAfter,
	goOffline,
	waitForServiceWorker
} from './fixtures';

/**
 * A flood group from start to finish with the network cut: the group and its zones, its call tree,
 * a household, then a call-tree activation logged outcome by outcome, kept across reloads.
 */

/** A calendar day `days` from now, as a date input takes it. A week back is safely in the past in any zone. */
function day(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// Unique, so demo data downloaded to the device cannot be mistaken for it.
const GROUP = `Threlkeld Flood Action Group ${Date.now().toString(36)}`;
const ZONE_A = 'Zone A – Greta Side';
const ZONE_B = 'Zone B – High Hill';
const ZONE_B_RENAMED = 'Zone B – High Hill and Crosthwaite Road';

interface NewContact {
	name: string;
	role: string;
	zone?: string;
	order: number;
	phone: string;
	channel: 'Phone call' | 'Text message';
}

async function addContact(page: Page, contact: NewContact): Promise<void> {
	await page.getByRole('link', { name: 'Add a contact' }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Add a contact to ${GROUP}` })).toBeVisible();
	await page.getByLabel('Full name', { exact: true }).fill(contact.name);
	await page.getByLabel(contact.role, { exact: true }).check();
	if (contact.zone) await page.getByLabel('Zone', { exact: true }).selectOption({ label: contact.zone });
	await page.getByLabel('Place in the cascade', { exact: true }).fill(String(contact.order));
	await page.getByLabel('Phone number 1', { exact: true }).fill(contact.phone);
	await page.getByLabel(contact.channel, { exact: true }).check();
	await page.getByLabel('Date they gave consent', { exact: true }).fill(day(-7));
	await page.getByLabel('Written', { exact: true }).check();
	await page.getByLabel('Recorded by', { exact: true }).fill('Gillian Hutchinson, Cumberland Council');
	await page.getByLabel('Consented', { exact: true }).check();
	await page.getByRole('button', { name: 'Add contact' }).click();
	await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
	await expect(page.getByText(`${contact.name} added`)).toBeVisible();
}

test('a flood group, its call tree and an activation, all with the network cut', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);

	await page.goto('/');
	await waitForServiceWorker(page);
	// Let the first download finish (or fail) so it does not land in the middle of the test.
	await expect(page.getByText(/Last synced|Not synced with the server yet/)).toBeVisible({
		timeout: 30_000
	});
	await goOffline(context);

	// The list.
	await page.goto('/flood-groups');
	await expect(page.getByRole('heading', { level: 1, name: 'Flood groups' })).toBeVisible();
	await expectAccessible(page);

	// The group form: errors first, then a group with two zones.
	await page.getByRole('link', { name: 'Add a flood group' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Add a flood group' })).toBeVisible();
	await page.getByRole('button', { name: 'Add flood group' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toContainText('Choose one of the six Local Committee areas');
	await expect(summary).toContainText('Enter the group name');
	await expect(summary).toContainText('Enter the zone name');
	await expectAccessible(page);

	await page.getByLabel('Area', { exact: true }).selectOption({ label: 'Allerdale' });
	await page.getByLabel('Group name', { exact: true }).fill(GROUP);
	await page.getByLabel('Town or parish', { exact: true }).fill('Threlkeld');
	await page.getByLabel('Zone 1 name', { exact: true }).fill(ZONE_A);
	await page.getByRole('button', { name: 'Add a zone' }).click();
	await page.getByLabel('Zone 2 name', { exact: true }).fill(ZONE_B);
	await page.getByRole('button', { name: 'Add a flood area code' }).click();
	await page.getByLabel('Flood area code 1', { exact: true }).fill('011FWFNC6KC');
	await page.getByLabel('Plan review date', { exact: true }).fill(day(365));
	await page.getByRole('button', { name: 'Add flood group' }).click();
	await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
	await expect(page.getByText('Flood group added')).toBeVisible();
	const groupPath = new URL(page.url()).pathname;
	expect(groupPath).toMatch(/^\/flood-groups\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('region', { name: 'Needs attention' })).toContainText(
		`${ZONE_A} has no active warden`
	);

	// The call tree: a coordinator, then a warden for each zone.
	await addContact(page, {
		name: 'Margaret Hodgson',
		role: 'Coordinator',
		order: 1,
		phone: '07700 900101',
		channel: 'Phone call'
	});
	await addContact(page, {
		name: 'Ian Graham',
		role: 'Flood warden',
		zone: ZONE_A,
		order: 1,
		phone: '07700 900105',
		channel: 'Phone call'
	});
	await addContact(page, {
		name: 'Andrew Teasdale',
		role: 'Flood warden',
		zone: ZONE_B,
		order: 1,
		phone: '07700 900109',
		channel: 'Text message'
	});
	await expect(page.getByRole('heading', { level: 3, name: 'Coordination' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: ZONE_A })).toBeVisible();

	// A status move through the contact lifecycle: consented → active.
	await page.getByRole('link', { name: 'Ian Graham' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Ian Graham' })).toBeVisible();
	await page.getByLabel('Active', { exact: true }).check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText('Ian Graham saved')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Needs attention' })).not.toContainText(
		`${ZONE_A} has no active warden`
	);

	// A household: vulnerabilities are refused until the household's consent is recorded.
	await page.getByRole('link', { name: 'Add a household' }).click();
	await page.getByLabel('Address line 1', { exact: true }).fill('2 Blease Road');
	await page.getByLabel('Postcode', { exact: true }).fill('CA12 4RU');
	await page.getByLabel('Zone (optional)', { exact: true }).selectOption({ label: ZONE_A });
	await page.getByLabel('How many people live there', { exact: true }).fill('2');
	await page.getByLabel(/^Mobility/).check();
	await page.getByRole('button', { name: 'Add household' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
		"Record the household's consent before noting vulnerabilities"
	);
	await page.getByLabel('Date they gave consent', { exact: true }).fill(day(-7));
	await page.getByLabel('Who gave consent', { exact: true }).fill('Dorothy Airey');
	await page.getByLabel('Written', { exact: true }).check();
	await page.getByRole('button', { name: 'Add household' }).click();
	await expect(page.getByText('2 Blease Road added')).toBeVisible();
	const households = page.getByRole('region', { name: 'Households' });
	await expect(households).toContainText('2 Blease Road');
	await expect(households).toContainText('Mobility: may need help to move or leave');

	// Edit the plan: a draft survives a reload, and renaming a zone keeps its warden in it.
	await page.getByRole('link', { name: 'Change the flood plan' }).click();
	await page.getByLabel('Zone 2 name', { exact: true }).fill(ZONE_B_RENAMED);
	const mark = await draftMark(page);
	await page.getByLabel('Notes (optional)', { exact: true }).fill('Meet at the village hall');
	// The draft is written a moment after typing stops; reload only once it is on the device.
	await expect
		.poll(() => draftWrittenAfter(page, `floodGroup:${groupPath.split('/').pop()}`, mark))
		.toBe(true);
	await page.reload();
	await expect(page.getByText('We kept what you had entered')).toBeVisible();
	await expect(page.getByLabel('Zone 2 name', { exact: true })).toHaveValue(ZONE_B_RENAMED);
	await expect(page.getByLabel('Notes (optional)', { exact: true })).toHaveValue('Meet at the village hall');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText('Flood group saved')).toBeVisible();

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
	await expect(page.getByRole('heading', { level: 3, name: ZONE_B_RENAMED })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Andrew Teasdale' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Needs attention' })).not.toContainText(
		'no longer in the plan'
	);
	await expect(page.getByRole('region', { name: 'Flood plan' })).toContainText('Meet at the village hall');
	await expect(households).toContainText('2 Blease Road');
	await expectAccessible(page);

	// Start an activation.
	await page.getByLabel('What is happening', { exact: true }).fill('Flood warning – River Greta');
	await page.getByLabel('Flood area (optional)', { exact: true }).selectOption('011FWFNC6KC');
	// The person unlocked on the device is offered as the one starting it (the demo administrator).
	await expect(page.getByLabel('Your name', { exact: true })).toHaveValue('Alex Robinson');
	await page.getByLabel('Your name', { exact: true }).fill('Margaret Hodgson');
	await page.getByRole('button', { name: 'Start a call-tree activation' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Flood warning – River Greta' })).toBeVisible();
	const activationPath = new URL(page.url()).pathname;
	// Calls made on this device are logged as its unlocked person's.
	await expect(page.getByText(/^Logging as/)).toHaveText('Logging as Alex Robinson.');

	const card = page.getByRole('region', { name: /^(Next to call|Try again|Logging a call to)/ });
	const progress = page.getByRole('region', { name: 'Progress by zone' });
	const tier = (name: string) => progress.getByRole('listitem').filter({ hasText: name });
	const outcome = (name: string) => card.getByRole('button', { name, exact: true });

	// Coordination first: tap to call or text.
	await expect(card.getByRole('heading')).toContainText('Margaret Hodgson');
	await expect(card.getByRole('link', { name: /^Call Margaret Hodgson/ })).toHaveAttribute(
		'href',
		'tel:+447700900101'
	);
	await expect(card.getByRole('link', { name: /^Text Margaret Hodgson/ })).toHaveAttribute(
		'href',
		/^sms:\+447700900101\?&body=.+Flood%20warning/
	);
	await expect(tier(ZONE_A)).toContainText('0 of 1 reached');
	await expectAccessible(page);

	await outcome('Reached').click();
	await expect(tier('Coordination')).toContainText('1 of 1 reached');
	await expect(card.getByRole('heading')).toContainText('Ian Graham');

	// Anyone can be logged from the cascade list, not only the next in line.
	await page.getByRole('button', { name: 'Log a call to Andrew Teasdale' }).click();
	await expect(card.getByRole('heading')).toContainText('Logging a call to Andrew Teasdale');
	await card.getByText('Add a note, or change how you tried').click();
	await card.getByLabel('Note (optional)', { exact: true }).fill('Cellar flooding, needs pumping');
	await outcome('Needs help').click();
	await expect(tier(ZONE_B_RENAMED)).toContainText('0 of 1 reached · 1 needs help · 0 to call');

	await expect(card.getByRole('heading')).toContainText('Ian Graham');
	await outcome('No answer').click();
	await expect(tier(ZONE_A)).toContainText('0 of 1 reached · 0 need help · 1 to call');
	// Tried once with no answer: he comes round again.
	await expect(card.getByRole('heading')).toContainText('Try again');
	await expect(card.getByRole('heading')).toContainText('Ian Graham');
	await outcome('Reached').click();
	await expect(tier(ZONE_A)).toContainText('1 of 1 reached');
	await expect(page.getByText('Everyone on the cascade has been reached or needs help.')).toBeVisible();

	// The log is kept on the device: reload, still there, newest first.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Flood warning – River Greta' })).toBeVisible();
	const log = page.getByTestId('call-log').getByRole('listitem');
	await expect(log).toHaveCount(4);
	await expect(log.first()).toContainText('Ian Graham');
	await expect(log.first()).toContainText('Reached');
	await expect(log.nth(2)).toContainText('Cellar flooding, needs pumping');
	await expect(tier(ZONE_B_RENAMED)).toContainText('1 needs help');
	await expectAccessible(page);

	// End it: confirmed, then read-only, and the log stays.
	await page.getByRole('button', { name: 'End activation' }).click();
	await page.getByRole('button', { name: 'Yes, end activation' }).click();
	await expect(page.getByText(/This activation ended at/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Reached', exact: true })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /^Log a call to/ })).toHaveCount(0);
	await page.goto(activationPath);
	await expect(page.getByText(/This activation ended at/)).toBeVisible();
	await expect(log).toHaveCount(4);

	await page.goto(groupPath);
	const activations = page.getByRole('region', { name: 'Call-tree activations' });
	await expect(activations).toContainText('Flood warning – River Greta');
	await expect(activations).toContainText('Ended');
});
