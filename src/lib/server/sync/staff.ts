import type { AreaId } from '$lib/domain/areas';
import type { StaffRole } from '$lib/domain/records';
import type { Colleague, StaffRequest, StaffResponse } from '$lib/domain/sync/protocol';
import type { Scope } from '../auth/actor';
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
		.select(['id', 'display_name', 'role', 'area_ids', 'disabled'])
		.where((eb) => eb.or([eb('role', 'in', ASSIGNED_ROLES), eb('id', '=', scope.staffId)]))
		.execute();
	const mine = new Set<string>(scope.areaIds);
	const staff = rows.flatMap((row): Colleague[] => {
		const areaIds = JSON.parse(row.area_ids) as AreaId[];
		const shared = row.id === scope.staffId || areaIds.some((area) => mine.has(area));
		if (!shared) return [];
		const colleague: Colleague = {
			id: row.id,
			displayName: row.display_name,
			role: row.role as StaffRole,
			areaIds,
			active: Number(row.disabled) === 0
		};
		return [colleague];
	});
	staff.sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.id.localeCompare(b.id));
	return { staff };
}
