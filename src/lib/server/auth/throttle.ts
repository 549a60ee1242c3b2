import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Sign-in throttling (ASVS 6.3.1), counted in the database so it holds across restarts and
 * server processes. Three counters, each with a limit of failures in a window and a block once
 * the limit is reached:
 * - one username from one address: 10 wrong, then the 11th attempt waits out 15 minutes;
 * - one address, any usernames, per UTC day: a password-spraying address is stopped for the day;
 * - one username from anywhere: the account locks for an hour (an administrator's reset unlocks it).
 * Usernames that do not exist are counted alike, so the answers never reveal which ones do.
 */
interface Rule {
	kind: 'pair' | 'address' | 'account';
	limit: number;
	windowMs: number;
	blockMs: (now: Date) => number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const THROTTLE_RULES: readonly Rule[] = [
	{ kind: 'pair', limit: 10, windowMs: 15 * MINUTE, blockMs: () => 15 * MINUTE },
	{ kind: 'address', limit: 100, windowMs: DAY, blockMs: (now) => untilMidnightUtc(now) },
	{ kind: 'account', limit: 20, windowMs: DAY, blockMs: () => 60 * MINUTE }
];

function untilMidnightUtc(now: Date): number {
	const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
	return midnight - now.getTime();
}

export interface Attempt {
	username: string;
	ip: string;
	now: Date;
}

const keyOf = (rule: Rule, { username, ip, now }: Attempt): string => {
	if (rule.kind === 'pair') return `pair:${username}|${ip}`;
	if (rule.kind === 'address') return `address:${ip}|${now.toISOString().slice(0, 10)}`;
	return `account:${username}`;
};

export const accountKey = (username: string) => `account:${username}`;

export interface Blocked {
	kind: Rule['kind'];
	retryAfterSeconds: number;
}

/** Whether this attempt must wait, and for how long (the longest of any block in force). */
export async function blockedFor(db: Kysely<Database>, attempt: Attempt): Promise<Blocked | null> {
	const keys = THROTTLE_RULES.map((rule) => keyOf(rule, attempt));
	const rows = await db
		.selectFrom('sign_in_throttle')
		.select(['key', 'blocked_until'])
		.where('key', 'in', keys)
		.execute();
	let worst: Blocked | null = null;
	for (const row of rows) {
		const until = row.blocked_until ? Date.parse(row.blocked_until) : 0;
		const wait = Math.ceil((until - attempt.now.getTime()) / 1000);
		if (wait > 0 && (!worst || wait > worst.retryAfterSeconds)) {
			const rule = THROTTLE_RULES[keys.indexOf(row.key)];
			worst = { kind: rule?.kind ?? 'pair', retryAfterSeconds: wait };
		}
	}
	return worst;
}

/**
 * Count a failed attempt against every counter; a counter reaching its limit starts a block.
 * Returns the blocks this failure started, for the audit log. The count goes up in one statement,
 * so failures arriving at once are all counted.
 */
export async function countFailure(db: Kysely<Database>, attempt: Attempt): Promise<Blocked[]> {
	const started: Blocked[] = [];
	const at = attempt.now.toISOString();
	for (const rule of THROTTLE_RULES) {
		const key = keyOf(rule, attempt);
		const windowStart = new Date(attempt.now.getTime() - rule.windowMs).toISOString();
		const row = await db
			.insertInto('sign_in_throttle')
			.values({ key, failures: 1, window_started_at: at, blocked_until: null })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({
					// A counter whose window has passed starts again from this failure.
					failures: sql<number>`case when sign_in_throttle.window_started_at < ${windowStart} then 1 else sign_in_throttle.failures + 1 end`,
					window_started_at: sql<string>`case when sign_in_throttle.window_started_at < ${windowStart} then ${at} else sign_in_throttle.window_started_at end`
				})
			)
			.returning(['failures', 'blocked_until'])
			.executeTakeFirstOrThrow();
		const blockedNow = row.blocked_until !== null && Date.parse(row.blocked_until) > attempt.now.getTime();
		if (Number(row.failures) >= rule.limit && !blockedNow) {
			const blockMs = rule.blockMs(attempt.now);
			const until = new Date(attempt.now.getTime() + blockMs).toISOString();
			// A fresh window after the block, so one more mistake does not block again at once.
			await db
				.updateTable('sign_in_throttle')
				.set({ blocked_until: until, failures: 0, window_started_at: until })
				.where('key', '=', key)
				.execute();
			started.push({ kind: rule.kind, retryAfterSeconds: Math.ceil(blockMs / 1000) });
		}
	}
	return started;
}

/** A successful sign-in clears that username's counters (not the address's daily count). */
export async function clearFailures(db: Kysely<Database>, attempt: Attempt): Promise<void> {
	const keys = THROTTLE_RULES.filter((rule) => rule.kind !== 'address').map((rule) => keyOf(rule, attempt));
	await db.deleteFrom('sign_in_throttle').where('key', 'in', keys).execute();
}

/** An administrator's reset unlocks the account everywhere. */
export async function unlockAccount(db: Kysely<Database>, username: string): Promise<void> {
	await db
		.deleteFrom('sign_in_throttle')
		.where((eb) => {
			// Compared as a prefix, not with LIKE, where the username's own _ would match any character.
			const pairs = `pair:${username}|`;
			const prefix = eb.fn<string>('substr', ['key', eb.val(1), eb.val(pairs.length)]);
			return eb.or([eb('key', '=', accountKey(username)), eb(prefix, '=', pairs)]);
		})
		.execute();
}

/** Counters whose windows and blocks are long over. */
export async function pruneThrottle(db: Kysely<Database>, now: Date): Promise<void> {
	const cutoff = new Date(now.getTime() - 2 * DAY).toISOString();
	await db
		.deleteFrom('sign_in_throttle')
		.where('window_started_at', '<', cutoff)
		.where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now.toISOString())]))
		.execute();
}
