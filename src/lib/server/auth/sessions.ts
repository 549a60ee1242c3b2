import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionInfo } from '$lib/domain/staff';
import type { Database } from '../db/schema';
import { staffFromRow, type Actor } from './actor';

export interface SessionPolicy {
	/** A session unused for this long ends. */
	idleMs: number;
	/** A session ends this long after sign-in, however much it is used. */
	maxMs: number;
	/** Minutes without use after which the device locks itself until its PIN or passphrase. */
	deviceLockMinutes: number;
}

/** 256 random bits, base64url: far past ASVS's 128-bit floor (7.2.3). */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Recording every use would write on every request; a minute's precision is plenty for idling. */
const TOUCH_AFTER_MS = 60_000;

/** Sessions are stored by this hash, so a copy of the table signs nobody in. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface StartedSession {
	token: string;
	info: SessionInfo;
	actor: Actor;
}

/** A new session for a member of staff: a fresh token at every sign-in (ASVS 7.2.4). */
export async function startSession(
	db: Kysely<Database>,
	staffId: string,
	deviceId: string | null,
	now: Date,
	policy: SessionPolicy
): Promise<StartedSession> {
	const token = randomBytes(TOKEN_BYTES).toString('base64url');
	const at = now.toISOString();
	const row = {
		token_hash: tokenHash(token),
		staff_id: staffId,
		device_id: deviceId,
		created_at: at,
		last_used_at: at,
		expires_at: new Date(now.getTime() + policy.maxMs).toISOString()
	};
	await db.insertInto('staff_session').values(row).execute();
	const resolved = await resolveSession(db, token, now, policy);
	if (!resolved) throw new Error('A session just started could not be read back');
	return { token, ...resolved };
}

/**
 * The session a token stands for, if it is still good: known, not past its absolute or idle end,
 * for a member of staff who is not disabled. An expired session is deleted on the way.
 */
export async function resolveSession(
	db: Kysely<Database>,
	token: string,
	now: Date,
	policy: SessionPolicy
): Promise<{ actor: Actor; info: SessionInfo } | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const id = tokenHash(token);
	const row = await db
		.selectFrom('staff_session')
		.innerJoin('staff', 'staff.id', 'staff_session.staff_id')
		.selectAll('staff')
		.select(['staff_session.device_id', 'staff_session.last_used_at', 'staff_session.expires_at'])
		.where('staff_session.token_hash', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const nowMs = now.getTime();
	const lastUsed = Date.parse(row.last_used_at);
	// A disabled person's sessions stay until their absolute end, unusable, so that their device is
	// told at next contact to remove what it holds for them (see `disabledSessionOwner`).
	if (Number(row.disabled) !== 0) return null;
	const expired = nowMs >= Date.parse(row.expires_at) || nowMs >= lastUsed + policy.idleMs;
	if (expired) {
		await endSession(db, id);
		return null;
	}
	let usedAt = lastUsed;
	if (nowMs - lastUsed >= TOUCH_AFTER_MS) {
		usedAt = nowMs;
		await db
			.updateTable('staff_session')
			.set({ last_used_at: now.toISOString() })
			.where('token_hash', '=', id)
			.execute();
	}
	const staff = staffFromRow(row);
	const idleEnd = Math.min(usedAt + policy.idleMs, Date.parse(row.expires_at));
	return {
		actor: {
			staffId: staff.id,
			username: staff.username,
			displayName: staff.displayName,
			role: staff.role,
			areaIds: staff.areaIds,
			sessionId: id,
			deviceId: row.device_id
		},
		info: {
			staff,
			deviceId: row.device_id,
			expiresAt: row.expires_at,
			idleExpiresAt: new Date(idleEnd).toISOString(),
			deviceLockMinutes: policy.deviceLockMinutes
		}
	};
}

/**
 * The member of staff a token's session belongs to, when that account has been disabled: the
 * answer that tells their device to wipe what it holds for them.
 */
export async function disabledSessionOwner(db: Kysely<Database>, token: string): Promise<string | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const row = await db
		.selectFrom('staff_session')
		.innerJoin('staff', 'staff.id', 'staff_session.staff_id')
		.select(['staff.id', 'staff.disabled'])
		.where('staff_session.token_hash', '=', tokenHash(token))
		.executeTakeFirst();
	return row && Number(row.disabled) !== 0 ? row.id : null;
}

/** Sessions a member of staff has that have not reached their absolute end. */
export async function countStaffSessions(db: Kysely<Database>, staffId: string, now: Date): Promise<number> {
	const row = await db
		.selectFrom('staff_session')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('staff_id', '=', staffId)
		.where('expires_at', '>', now.toISOString())
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
	await db.deleteFrom('staff_session').where('token_hash', '=', sessionId).execute();
}

/** End every session of a member of staff (disabled, or given a new password); how many ended. */
export async function endStaffSessions(db: Kysely<Database>, staffId: string): Promise<number> {
	const result = await db.deleteFrom('staff_session').where('staff_id', '=', staffId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Remove sessions past their absolute end (idle ones go when next presented, or here after the maximum). */
export async function pruneSessions(db: Kysely<Database>, now: Date): Promise<void> {
	await db.deleteFrom('staff_session').where('expires_at', '<=', now.toISOString()).execute();
}
