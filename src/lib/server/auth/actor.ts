import type { Selectable } from 'kysely';
import type { AreaId } from '$lib/domain/areas';
import type { StaffRole } from '$lib/domain/records';
import type { Staff } from '$lib/domain/staff';
import type { StaffTable } from '../db/schema';

/** The signed-in member of staff a request acts for, as their session and staff record say now. */
export interface Actor {
	staffId: string;
	username: string;
	displayName: string;
	role: StaffRole;
	areaIds: AreaId[];
	/** The session's id: the SHA-256 of its token, never the token. */
	sessionId: string;
	/** The device's sync client id, when it said it at sign-in. */
	deviceId: string | null;
}

/**
 * What a person may see and change, handed to sync's push and pull. This increment records who
 * acted; filtering records by role and area (issue 5, authorisation) plugs in here.
 */
export interface Scope {
	staffId: string;
	role: StaffRole;
	areaIds: readonly AreaId[];
}

export const scopeOf = (actor: Actor): Scope => ({
	staffId: actor.staffId,
	role: actor.role,
	areaIds: actor.areaIds
});

export function staffFromRow(row: Selectable<StaffTable>): Staff {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role as StaffRole,
		areaIds: JSON.parse(row.area_ids) as AreaId[],
		disabled: Number(row.disabled) !== 0,
		hasPassword: row.password_hash !== null,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}
