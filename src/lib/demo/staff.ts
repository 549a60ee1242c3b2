import { AREAS, type AreaId } from '../domain/areas';
import type { StaffRole } from '../domain/records';
import { DEFAULT_SEED, DEMO_PASSWORD } from './defaults';
import { Random } from './random';

export type DemoStaff = {
	id: string;
	username: string;
	displayName: string;
	role: StaffRole;
	areaIds: AreaId[];
	password: string;
};

const ALL_AREAS: readonly AreaId[] = AREAS.map((area) => area.id);
const CUMBERLAND: readonly AreaId[] = ['allerdale', 'carlisle', 'copeland'];
const WESTMORLAND_AND_FURNESS: readonly AreaId[] = ['barrow', 'eden', 'south-lakeland'];

/** The fixed demo cast: every area has a coach, a fire officer and a manager (or area team). */
const CAST: readonly Omit<DemoStaff, 'id' | 'password'>[] = [
	cast('admin', 'Alex Robinson', 'admin', ALL_AREAS),
	cast('manager.cumberland', 'Fiona Graham', 'manager', CUMBERLAND),
	cast('manager.westmorland', 'Richard Atkinson', 'manager', WESTMORLAND_AND_FURNESS),
	cast('coach.keswick', 'Helen Irving', 'coach', CUMBERLAND),
	cast('coach.kendal', 'Mark Tyson', 'coach', WESTMORLAND_AND_FURNESS),
	// Fire cover follows the roads: Eden from Carlisle and Penrith, Copeland from the south-west.
	cast('fire.carlisle', 'Gary Armstrong', 'fireOfficer', ['carlisle', 'allerdale', 'eden']),
	cast('fire.barrow', 'Claire Nixon', 'fireOfficer', ['barrow', 'copeland', 'south-lakeland']),
	cast('team.penrith', 'Joanne Bell', 'areaTeam', ['eden']),
	cast('team.whitehaven', 'Stuart Dixon', 'areaTeam', ['copeland'])
];

function cast(
	username: string,
	displayName: string,
	role: StaffRole,
	areaIds: readonly AreaId[]
): Omit<DemoStaff, 'id' | 'password'> {
	return { username, displayName, role, areaIds: [...areaIds] };
}

/** The demo staff, the same whatever the dataset's size; ids come from the seed. */
export function demoStaff(seed: string = DEFAULT_SEED): DemoStaff[] {
	const rng = new Random(`${seed}:staff`);
	return CAST.map((member) => ({
		id: rng.uuid(),
		...member,
		areaIds: [...member.areaIds],
		password: DEMO_PASSWORD
	}));
}

/** Staff with `role` who cover `areaId`. */
export function staffCovering(staff: readonly DemoStaff[], role: StaffRole, areaId: AreaId): DemoStaff[] {
	return staff.filter((member) => member.role === role && member.areaIds.includes(areaId));
}
