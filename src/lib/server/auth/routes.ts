import { signInRequestSchema } from '$lib/domain/staff';
import { sessionPolicy, type ApiContext } from '../api/context';
import { readJsonInput } from '../api/json-body';
import { isRefusal, jsonResponse, refusal, refusalResponse } from '../api/refusal';
import { recordAudit } from '../audit';
import { clearedSessionCookie, sessionCookie } from './cookie';
import { endSession } from './sessions';
import { signIn } from './sign-in';

/** A sign-in body is a username and a password: a few hundred bytes at most. */
const SIGN_IN_BODY_LIMIT = 4 * 1024;

const cookieSettings = (context: ApiContext) => ({ secure: context.auth.secureCookie });

/** POST /api/v1/auth/sign-in */
export async function signInRoute(request: Request, context: ApiContext): Promise<Response> {
	const input = await readJsonInput(request, SIGN_IN_BODY_LIMIT, signInRequestSchema);
	if (isRefusal(input)) return refusalResponse(input);
	const now = context.now();
	// A new sign-in replaces the session this browser had, if any (ASVS 7.2.4).
	if (context.session) await endSession(context.store.db, context.session.actor.sessionId);
	const outcome = await signIn(context.store, input.data, {
		ip: context.ip,
		now,
		policy: sessionPolicy(context.auth)
	});
	if (!outcome.ok) {
		const wait = outcome.retryAfterSeconds;
		const headers: Record<string, string> = wait ? { 'retry-after': String(wait) } : {};
		const { ok: _ok, retryAfterSeconds: _wait, ...refused } = outcome;
		return refusalResponse(refused, headers);
	}
	const cookie = sessionCookie(cookieSettings(context), outcome.token, outcome.info.expiresAt, now);
	return jsonResponse(outcome.info, 200, { 'set-cookie': cookie });
}

/** POST /api/v1/auth/sign-out: ends the session on the server, whatever the browser does next. */
export async function signOutRoute(context: ApiContext): Promise<Response> {
	const session = context.session;
	if (session) {
		await endSession(context.store.db, session.actor.sessionId);
		await recordAudit(
			context.store,
			[
				{
					action: 'sign-out',
					staffId: session.actor.staffId,
					deviceId: session.actor.deviceId,
					ip: context.ip
				}
			],
			context.now()
		);
	}
	return new Response(null, {
		status: 204,
		headers: { 'set-cookie': clearedSessionCookie(cookieSettings(context)), 'cache-control': 'no-store' }
	});
}

/** GET /api/v1/auth/session: who is signed in, and until when. */
export function sessionRoute(context: ApiContext): Response {
	if (!context.session) return refusalResponse(refusal(401, 'unauthenticated', 'Nobody is signed in.'));
	return jsonResponse(context.session.info);
}
