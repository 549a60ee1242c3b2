import type { AuditStore } from '../audit';
import { ephemeralAuditKey } from '../audit/key';
import { signIn } from '../auth/sign-in';
import type { AuthConfig } from '../config';
import { sessionPolicy, type ApiContext, type SignedIn } from './context';

/** Test support for API routes: a context as the server would build it, and requests as the app sends them. */

export const TEST_ORIGIN = 'http://localhost:3000';

export const TEST_AUTH: AuthConfig = {
	production: false,
	origin: TEST_ORIGIN,
	secureCookie: true,
	sessionIdleMs: 72 * 3_600_000,
	sessionMaxMs: 14 * 86_400_000,
	deviceLockMinutes: 10
};

/** The audit signing key of every test context: made afresh in memory for each test run. */
export const TEST_AUDIT_KEY = ephemeralAuditKey();

export function contextFor(
	store: AuditStore,
	session: SignedIn | null,
	options: { now?: () => Date; ip?: string } = {}
): ApiContext {
	return {
		store,
		auth: TEST_AUTH,
		session,
		ip: options.ip ?? '192.0.2.10',
		now: options.now ?? (() => new Date()),
		serverOrigin: TEST_ORIGIN,
		auditKeys: [TEST_AUDIT_KEY]
	};
}

/** Sign in through the real service and return the session, as the hook would resolve it. */
export async function signedIn(
	store: AuditStore,
	username: string,
	password: string,
	now = new Date()
): Promise<SignedIn> {
	const outcome = await signIn(
		store,
		{ username, password },
		{ ip: '192.0.2.10', now, policy: sessionPolicy(TEST_AUTH) }
	);
	if (!outcome.ok) throw new Error(`could not sign in as ${username}: ${outcome.message}`);
	return { actor: outcome.actor, info: outcome.info };
}

/** A same-origin JSON request, as the app sends it. */
export function jsonRequest(path: string, body: unknown, method = 'POST'): Request {
	return new Request(`${TEST_ORIGIN}${path}`, {
		method,
		headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, 'sec-fetch-site': 'same-origin' },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}
