import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AuditAction, AuditDetails } from '$lib/domain/audit';
import type { CreateStaffRequest, Staff, UpdateStaffRequest } from '$lib/domain/staff';
import { refusal, type Refusal } from '../api/refusal';
import { appendAudit, type AuditStore } from '../audit';
import { staffFromRow, type Actor } from '../auth/actor';
import { hashPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-rules';
import { countStaffSessions, endStaffSessions } from '../auth/sessions';
import { unlockAccount } from '../auth/throttle';
import type { Database } from '../db/schema';

/** Who is acting, from where, and when: for the audit entry every change writes. */
export interface AdminAct {
	actor: Actor;
	ip: string;
	now: Date;
}

const notFound = () => refusal(404, 'not-found', 'There is no member of staff with that id.');
const badPassword = (message: string) =>
	refusal(400, 'bad-request', message, [{ path: 'password', message }]);

export async function listStaff(store: AuditStore): Promise<Staff[]> {
	const rows = await store.db
		.selectFrom('staff')
		.selectAll()
		.orderBy('display_name')
		.orderBy('username')
		.execute();
	return rows.map(staffFromRow);
}

export async function getStaff(store: AuditStore, id: string): Promise<Staff | Refusal> {
	const row = await store.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
	return row ? staffFromRow(row) : notFound();
}

/** A change and its audit entry, in one transaction: both are kept, or neither. */
async function change<T>(
	store: AuditStore,
	act: AdminAct,
	work: (
		trx: Transaction<Database>
	) => Promise<{ result: T; action: AuditAction; target: string; details: AuditDetails }>
): Promise<T> {
	return store.db.transaction().execute(async (trx) => {
		const done = await work(trx);
		const event = {
			action: done.action,
			staffId: act.actor.staffId,
			deviceId: act.actor.deviceId,
			ip: act.ip,
			targetType: 'staff',
			targetId: done.target,
			details: done.details
		};
		await appendAudit(trx, store.kind, [event], act.now);
		return done.result;
	});
}

async function readStaff(trx: Transaction<Database>, id: string): Promise<Staff | undefined> {
	const row = await trx.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
	return row && staffFromRow(row);
}

export async function createStaff(
	store: AuditStore,
	act: AdminAct,
	input: CreateStaffRequest
): Promise<Staff | Refusal> {
	const problem = passwordProblem(input.password, { username: input.username });
	if (problem) return badPassword(problem);
	const taken = () =>
		refusal(409, 'conflict', `The username ${input.username} is already taken.`, [
			{ path: 'username', message: 'That username is already taken: choose another' }
		]);
	const existing = await store.db
		.selectFrom('staff')
		.select('id')
		.where('username', '=', input.username)
		.executeTakeFirst();
	if (existing) return taken();
	// Hashing is deliberately slow: done before the transaction, never holding a write lock.
	const passwordHash = await hashPassword(input.password);
	const id = randomUUID();
	const at = act.now.toISOString();
	try {
		return await change(store, act, async (trx) => {
			await trx
				.insertInto('staff')
				.values({
					id,
					username: input.username,
					display_name: input.displayName,
					role: input.role,
					area_ids: JSON.stringify(input.areaIds),
					password_hash: passwordHash,
					disabled: 0,
					created_at: at,
					updated_at: at
				})
				.execute();
			const details = { username: input.username, role: input.role, areas: input.areaIds };
			return { result: (await readStaff(trx, id)) as Staff, action: 'staff-create', target: id, details };
		});
	} catch (error) {
		// Another administrator took the username a moment ago.
		if (isUniqueViolation(error)) return taken();
		throw error;
	}
}

export async function updateStaff(
	store: AuditStore,
	act: AdminAct,
	id: string,
	input: UpdateStaffRequest
): Promise<Staff | Refusal> {
	const current = await getStaff(store, id);
	if ('code' in current) return current;
	if (id === act.actor.staffId && input.role && input.role !== current.role) {
		return refusal(409, 'conflict', 'You cannot change your own role. Ask another administrator.');
	}
	const set = {
		...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
		...(input.role !== undefined ? { role: input.role } : {}),
		...(input.areaIds !== undefined ? { area_ids: JSON.stringify(input.areaIds) } : {}),
		updated_at: act.now.toISOString()
	};
	return change(store, act, async (trx) => {
		await trx.updateTable('staff').set(set).where('id', '=', id).execute();
		const details: AuditDetails = { changed: Object.keys(input).sort() };
		if (input.role) details.role = input.role;
		if (input.areaIds) details.areas = input.areaIds;
		return { result: (await readStaff(trx, id)) as Staff, action: 'staff-update', target: id, details };
	});
}

/** Disabling ends every session the member of staff has, at once (ASVS 7.4.2), and wipes their devices at next contact. */
export async function setDisabled(
	store: AuditStore,
	act: AdminAct,
	id: string,
	disabled: boolean
): Promise<Staff | Refusal> {
	const current = await getStaff(store, id);
	if ('code' in current) return current;
	if (id === act.actor.staffId && disabled) {
		return refusal(409, 'conflict', 'You cannot disable your own account. Ask another administrator.');
	}
	return change(store, act, async (trx) => {
		await trx
			.updateTable('staff')
			.set({ disabled: disabled ? 1 : 0, updated_at: act.now.toISOString() })
			.where('id', '=', id)
			.execute();
		// Disabled: every session stops working at once, but stays until its end so the person's
		// devices learn at next contact to wipe their data. Enabled again: the old sessions never revive.
		const ended = disabled ? await countStaffSessions(trx, id, act.now) : 0;
		if (!disabled) await endStaffSessions(trx, id);
		const action = disabled ? 'staff-disable' : 'staff-enable';
		return {
			result: (await readStaff(trx, id)) as Staff,
			action,
			target: id,
			details: { sessionsEnded: ended }
		};
	});
}

/** A new password set by an administrator: every session ends and any sign-in lock is lifted. */
export async function resetPassword(
	store: AuditStore,
	act: AdminAct,
	id: string,
	password: string
): Promise<Staff | Refusal> {
	const current = await getStaff(store, id);
	if ('code' in current) return current;
	const problem = passwordProblem(password, { username: current.username });
	if (problem) return badPassword(problem);
	const passwordHash = await hashPassword(password);
	return change(store, act, async (trx) => {
		await trx
			.updateTable('staff')
			.set({ password_hash: passwordHash, updated_at: act.now.toISOString() })
			.where('id', '=', id)
			.execute();
		const ended = await endStaffSessions(trx, id);
		await unlockAccount(trx, current.username);
		return {
			result: (await readStaff(trx, id)) as Staff,
			action: 'staff-reset',
			target: id,
			details: { sessionsEnded: ended }
		};
	});
}

function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown }).code;
	return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
