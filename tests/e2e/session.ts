import type { BrowserContext } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/lib/demo/defaults';

/** Sign-in for the browser tests: the demo server's fictional staff, all with the demo password. */

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

/**
 * Give a browser context a signed-in session, as if the person had used the sign-in page: the
 * browser itself signs in (from a page that is not the app, so nothing syncs before it has), and
 * keeps the cookie as it would any other.
 */
export async function signInContext(
	context: BrowserContext,
	baseUrl: string,
	username = 'admin'
): Promise<void> {
	const page = await context.newPage();
	try {
		await page.goto(`${baseUrl}/api/v1/health`);
		const status = await page.evaluate(
			async ([name, password]) => {
				const response = await fetch('/api/v1/auth/sign-in', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ username: name, password })
				});
				return response.status;
			},
			[username, DEMO_PASSWORD]
		);
		if (status !== 200) throw new Error(`could not sign in as ${username}: ${status}`);
	} finally {
		await page.close();
	}
}
