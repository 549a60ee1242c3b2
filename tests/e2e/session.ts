import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/demo/defaults';

/**
 * Sign-in for the browser tests: the demo server's fictional staff, all with the demo password,
 * each choosing the same PIN on the device.
 */
export const PIN = '482915';

/** Sign in over HTTP as a demo member of staff: the `Cookie` header value that carries the session. */
export async function sessionCookie(baseUrl: string, username = 'admin'): Promise<string> {
	const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: DEMO_PASSWORD })
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!response.ok || !cookie) throw new Error(`could not sign in as ${username}: ${response.status}`);
	return cookie;
}

/** The session screen a page shows: starting, signed-out, locked, choose-secret or unlocked. */
export async function sessionState(page: Page): Promise<string> {
	const main = page.locator('main[data-session]');
	await expect(main).not.toHaveAttribute('data-session', 'starting');
	return (await main.getAttribute('data-session')) ?? '';
}

/** Sign in online through the app, as a person does, and choose the PIN. */
export async function enrolDevice(page: Page, username: string, pin = PIN): Promise<void> {
	await page.goto('/');
	if ((await sessionState(page)) === 'locked') {
		await page.getByRole('button', { name: 'Sign in as someone else' }).click();
	}
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByLabel('Your PIN', { exact: true }).fill(pin);
	await page.getByLabel('Your PIN again').fill(pin);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.locator('main[data-session="unlocked"]')).toBeVisible({ timeout: 15_000 });
}

/** Unlock with the PIN, if the page shows the lock screen (as it does after every page load). */
export async function unlockIfLocked(page: Page, pin = PIN): Promise<void> {
	const { pathname, protocol } = new URL(page.url());
	if (!protocol.startsWith('http') || pathname.startsWith('/api/')) return;
	if ((await sessionState(page)) !== 'locked') return;
	await page.getByLabel(/^Your (PIN|passphrase)$/).fill(pin);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.locator('main[data-session="unlocked"]')).toBeVisible({ timeout: 15_000 });
}

/**
 * The data key lives in memory only, so every `goto` and `reload` lands on the lock screen. For
 * tests about something else, unlock straight after each one, as the person would.
 */
export function unlockOnEveryLoad(page: Page, pin = PIN): void {
	const goto = page.goto.bind(page);
	const reload = page.reload.bind(page);
	page.goto = async (...args) => {
		const response = await goto(...args);
		await unlockIfLocked(page, pin);
		return response;
	};
	page.reload = async (...args) => {
		const response = await reload(...args);
		await unlockIfLocked(page, pin);
		return response;
	};
}
