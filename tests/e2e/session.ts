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

/** Give a browser context a signed-in session, as if the person had used the sign-in page. */
export async function signInContext(
	context: BrowserContext,
	baseUrl: string,
	username = 'admin'
): Promise<void> {
	const [name = '', value = ''] = (await sessionCookie(baseUrl, username)).split('=');
	await context.addCookies([
		{ name, value, url: baseUrl, secure: name.startsWith('__Host-'), httpOnly: true, sameSite: 'Strict' }
	]);
}
