import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '$lib/domain/api-error';
import { sessionInfoSchema } from '$lib/domain/staff';
import { sessionPolicy, type ApiContext } from '../api/context';
import { contextFor, jsonRequest, TEST_AUTH } from '../api/testing';
import { available, testDatabases } from '../db/testing';
import { sessionToken } from './cookie';
import { signInRoute, signOutRoute, sessionRoute } from './routes';
import { resolveSession } from './sessions';
import { openAuthDatabase, PASSWORD, T0, type TestStaff } from './testing';

/** Set-Cookie's attributes, by lower-case name. */
function parseSetCookie(header: string | null) {
	const [pair = '', ...attributes] = (header ?? '').split(';').map((part) => part.trim());
	const [name = '', value = ''] = pair.split('=');
	const attrs = new Map(
		attributes.map((a) => [a.split('=')[0]?.toLowerCase() ?? '', a.split('=')[1] ?? true])
	);
	return { name, value, attrs };
}

describe.each(testDatabases)('the sign-in routes on $kind', (kind) => {
	let opened: Awaited<ReturnType<typeof openAuthDatabase>>;
	let helen: TestStaff;
	let context: ApiContext;
	beforeAll(async () => {
		if (!available(kind)) return;
		opened = await openAuthDatabase(kind);
		helen = await opened.addStaff('helen.irving');
		context = contextFor(opened.store, null, { now: () => T0 });
	});
	afterAll(async () => opened?.cleanup());

	/** The session the hook would find for a cookie the route set. */
	async function sessionFrom(response: Response) {
		const token = sessionToken({ secure: true }, response.headers.get('set-cookie')?.split(';')[0] ?? null);
		const resolved = token ? await resolveSession(opened.db, token, T0, sessionPolicy(TEST_AUTH)) : null;
		return { token, context: { ...context, session: resolved } };
	}

	describe.skipIf(!available(kind))('', () => {
		it('S01: signs in with a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain', async () => {
			const response = await signInRoute(
				jsonRequest('/api/v1/auth/sign-in', { username: 'helen.irving', password: PASSWORD }),
				context
			);
			expect(response.status).toBe(200);
			expect(sessionInfoSchema.parse(await response.json()).staff.username).toBe('helen.irving');
			const cookie = parseSetCookie(response.headers.get('set-cookie'));
			expect(cookie.name).toBe('__Host-fellside_session');
			expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(cookie.attrs.get('secure')).toBe(true);
			expect(cookie.attrs.get('httponly')).toBe(true);
			expect(cookie.attrs.get('samesite')).toBe('Strict');
			expect(cookie.attrs.get('path')).toBe('/');
			expect(cookie.attrs.has('domain')).toBe(false);
			expect(cookie.attrs.get('max-age')).toBe(String(14 * 86_400));
			expect(response.headers.get('cache-control')).toBe('no-store');
		});

		it('over plain http to another computer, uses a cookie the browser can keep', async () => {
			const plain = { ...context, auth: { ...TEST_AUTH, secureCookie: false } };
			const response = await signInRoute(
				jsonRequest('/api/v1/auth/sign-in', { username: 'helen.irving', password: PASSWORD }),
				plain
			);
			const cookie = parseSetCookie(response.headers.get('set-cookie'));
			expect(cookie.name).toBe('fellside_session');
			expect(cookie.attrs.has('secure')).toBe(false);
		});

		it('S02: the session answers until sign-out, then the old token is refused', async () => {
			const signedIn = await sessionFrom(
				await signInRoute(
					jsonRequest('/api/v1/auth/sign-in', { username: 'helen.irving', password: PASSWORD }),
					context
				)
			);
			const me = sessionRoute(signedIn.context);
			expect(me.status).toBe(200);
			expect(sessionInfoSchema.parse(await me.json()).staff.id).toBe(helen.id);

			const out = await signOutRoute(signedIn.context);
			expect(out.status).toBe(204);
			expect(parseSetCookie(out.headers.get('set-cookie'))).toMatchObject({ value: '' });
			expect(parseSetCookie(out.headers.get('set-cookie')).attrs.get('max-age')).toBe('0');
			const after = await resolveSession(opened.db, signedIn.token ?? '', T0, sessionPolicy(TEST_AUTH));
			expect(after).toBeNull();
			expect(sessionRoute({ ...context, session: after }).status).toBe(401);
		});

		it('S04: the 11th wrong attempt is answered 429 with Retry-After', async () => {
			const guess = () =>
				signInRoute(
					jsonRequest('/api/v1/auth/sign-in', { username: 'helen.irving', password: 'wrong guess' }),
					{
						...context,
						ip: '198.51.100.77'
					}
				);
			for (let i = 0; i < 10; i++) expect((await guess()).status).toBe(401);
			const eleventh = await guess();
			expect(eleventh.status).toBe(429);
			expect(eleventh.headers.get('retry-after')).toBe('900');
			expect(apiErrorSchema.parse(await eleventh.json()).error).toMatchObject({ code: 'too-many-requests' });
		});

		it.each([
			['not JSON', '{"username":', 400],
			['an array', '[]', 400],
			['a number for the username', { username: 42, password: PASSWORD }, 400],
			['no password', { username: 'helen.irving' }, 400],
			['an unknown field', { username: 'helen.irving', password: PASSWORD, admin: true }, 400],
			[
				'a device id that is not a UUID',
				{ username: 'helen.irving', password: PASSWORD, deviceId: 'x' },
				400
			],
			['a 2,000-character password', { username: 'helen.irving', password: 'x'.repeat(2000) }, 400],
			['a body over 4 KB', { username: 'helen.irving', password: PASSWORD, pad: 'x'.repeat(5000) }, 413],
			['JSON nested 100 deep', `${'['.repeat(100)}${']'.repeat(100)}`, 400]
		])('answers %s with a clear %i, never a 5xx', async (_, body, status) => {
			const response = await signInRoute(jsonRequest('/api/v1/auth/sign-in', body), context);
			expect(response.status).toBe(status);
			const error = apiErrorSchema.parse(await response.json()).error;
			expect(error.message.length).toBeGreaterThan(10);
		});

		it('answers any body at all with a 4xx or a sign-in, never a 5xx (fast-check)', async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.oneof(
						fc.string(),
						fc.json(),
						fc.record({ username: fc.anything(), password: fc.anything() }),
						fc.record({ username: fc.string(), password: fc.string(), deviceId: fc.string() })
					),
					async (body) => {
						const response = await signInRoute(jsonRequest('/api/v1/auth/sign-in', body), {
							...context,
							ip: '203.0.113.200'
						});
						expect(response.status).toBeLessThan(500);
						if (response.status !== 200) apiErrorSchema.parse(await response.json());
					}
				),
				{ numRuns: 60 }
			);
		});
	});
});
