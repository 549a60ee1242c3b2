import type { StaffRole } from '$lib/domain/records';
import { STAFF_MAX, type Colleague, type StaffRequest, type StaffResponse } from '$lib/domain/sync/protocol';
import { staffFromRow, type Scope } from '../auth/actor';
import type { SyncDatabase } from './storage';

/** The roles records are assigned to: coaches take referrals, fire officers visits. */
const ASSIGNED_ROLES: readonly StaffRole[] = ['coach', 'fireOfficer'];

/**
 * The staff the person's records name (see `staffRequestSchema`): the coaches and fire officers
 * sharing an area with them, disabled ones included (marked), and the person themselves, by name.
 */
export async function staffDirectory(
	database: SyncDatabase,
	_request: StaffRequest,
	context: { scope: Scope }
): Promise<StaffResponse> {
	const { scope } = context;
	const rows = await database.db
		.selectFrom('staff')
		.selectAll()
		.where((eb) => eb.or([eb('role', 'in', ASSIGNED_ROLES), eb('id', '=', scope.staffId)]))
		.execute();
	const mine = new Set<string>(scope.areaIds);
	const staff = rows.flatMap((row): Colleague[] => {
		const { id, displayName, role, areaIds, disabled } = staffFromRow(row);
		const shared = id === scope.staffId || areaIds.some((area) => mine.has(area));
		return shared ? [{ id, displayName, role, areaIds, active: !disabled }] : [];
	});
	staff.sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.id.localeCompare(b.id));
	return { staff: withinBound(staff, scope.staffId) };
}

/**
 * No more than a device accepts (`STAFF_MAX`), so an answer never stops its sync: the person
 * themselves, then the first by name. Far more staff than any county employs.
 */
export function withinBound(staff: Colleague[], staffId: string): Colleague[] {
	if (staff.length <= STAFF_MAX) return staff;
	const self = staff.filter((member) => member.id === staffId);
	const others = staff.filter((member) => member.id !== staffId);
	return [...self, ...others.slice(0, STAFF_MAX - self.length)];
}
