import type { SignInRequest } from '$lib/domain/staff';
import { refusal, type Refusal } from '../api/refusal';
import { recordAudit, type AuditEvent, type AuditStore } from '../audit';
import { accountDisabled } from './disabled';
import { hashPassword, needsRehash, verifyAgainstDecoy, verifyPassword } from './password';
import { startSession, type SessionPolicy, type StartedSession } from './sessions';
import { blockedFor, clearFailures, countFailure, type Attempt } from './throttle';

export interface SignInContext {
	ip: string;
	now: Date;
	policy: SessionPolicy;
}

export type SignInOutcome =
	({ ok: true } & StartedSession) | ({ ok: false; retryAfterSeconds?: number } & Refusal);

export const WRONG_CREDENTIALS = 'The username or password is not right. Check them and try again.';

const waitMessage = (seconds: number) => {
	const minutes = Math.ceil(seconds / 60);
	return `Too many failed sign-ins. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}, or ask an administrator to reset your password.`;
};

/**
 * Check a username and password and start a session. Throttled before the password is even
 * looked at; every outcome is audited with the device and address, never the password.
 */
export async function signIn(
	store: AuditStore,
	input: SignInRequest,
	context: SignInContext
): Promise<SignInOutcome> {
	const { db } = store;
	const username = input.username.trim().toLowerCase();
	const attempt: Attempt = { username, ip: context.ip, now: context.now };
	const deviceId = input.deviceId ?? null;
	const audit = (event: Omit<AuditEvent, 'ip' | 'deviceId'>) =>
		recordAudit(store, [{ ...event, ip: context.ip, deviceId }], context.now);

	const blocked = await blockedFor(db, attempt);
	if (blocked) {
		return {
			ok: false,
			...refusal(429, 'too-many-requests', waitMessage(blocked.retryAfterSeconds)),
			...blocked
		};
	}

	const staff = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
	const matches = staff?.password_hash
		? await verifyPassword(staff.password_hash, input.password)
		: await verifyAgainstDecoy(input.password);
	if (!staff || !matches) {
		const blocks = await countFailure(db, attempt);
		const reason = !staff ? 'unknown username' : staff.password_hash ? 'wrong password' : 'no password set';
		await audit({ action: 'sign-in-failed', staffId: staff?.id ?? null, details: { username, reason } });
		for (const block of blocks) {
			await audit({
				action: 'sign-in-throttled',
				staffId: staff?.id ?? null,
				details: { username, counter: block.kind, seconds: block.retryAfterSeconds }
			});
		}
		return { ok: false, ...refusal(401, 'unauthenticated', WRONG_CREDENTIALS) };
	}
	if (Number(staff.disabled) !== 0) {
		await audit({ action: 'sign-in-failed', staffId: staff.id, details: { username, reason: 'disabled' } });
		// Only after the right password: the device may then wipe this person's data.
		return { ok: false, ...accountDisabled() };
	}

	await clearFailures(db, attempt);
	if (needsRehash(staff.password_hash ?? '')) {
		const rehashed = await hashPassword(input.password);
		await db.updateTable('staff').set({ password_hash: rehashed }).where('id', '=', staff.id).execute();
	}
	const session = await startSession(db, staff.id, deviceId, context.now, context.policy);
	await audit({ action: 'sign-in', staffId: staff.id, details: { username } });
	return { ok: true, ...session };
}
