import { randomUUID } from 'node:crypto';
import type { AreaId } from '$lib/domain/areas';
import type { StaffRole } from '$lib/domain/records';
import type { AuditStore } from '../audit';
import { migrateToLatest } from '../db/migrate';
import { ensureAreas } from '../db/reference-data';
import type { TestDatabase } from '../db/testing';
import { hashPassword } from './password';
import type { SessionPolicy } from './sessions';

/** Test support for sign-in: a migrated database and staff to sign in as. */

export const T0 = new Date('2026-11-23T10:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const POLICY: SessionPolicy = { idleMs: 72 * HOUR, maxMs: 14 * 24 * HOUR, deviceLockMinutes: 10 };
export const PASSWORD = 'Skiddaw in the sleet';

export interface TestStaff {
	id: string;
	username: string;
	role: StaffRole;
	areaIds: AreaId[];
	password: string;
}

export async function openAuthDatabase(kind: TestDatabase) {
	const handle = await kind.open();
	await migrateToLatest(handle.db);
	await ensureAreas(handle.db);
	const store: AuditStore = { db: handle.db, kind: handle.kind };

	/** Add a member of staff with a password (hashed as the server would, unless a hash is given). */
	async function addStaff(
		username: string,
		role: StaffRole = 'coach',
		options: { areaIds?: AreaId[]; hash?: string; disabled?: boolean } = {}
	): Promise<TestStaff> {
		const at = T0.toISOString();
		const staff: TestStaff = {
			id: randomUUID(),
			username,
			role,
			areaIds: options.areaIds ?? ['eden'],
			password: PASSWORD
		};
		await handle.db
			.insertInto('staff')
			.values({
				id: staff.id,
				username,
				display_name: `Test ${username}`,
				role,
				area_ids: JSON.stringify(staff.areaIds),
				password_hash: options.hash ?? (await hashPassword(PASSWORD)),
				disabled: options.disabled ? 1 : 0,
				created_at: at,
				updated_at: at
			})
			.execute();
		return staff;
	}

	return { store, db: handle.db, url: handle.url, cleanup: handle.cleanup, addStaff };
}
