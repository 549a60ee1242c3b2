import { areaName, type AreaId } from '../areas';
import { RECORD_TYPE_LABELS, type RecordType, type StaffRole } from '../records';

/**
 * Who may do what to which record: the one table the server enforces (every API call, both sync
 * directions) and the screens follow (they hide what a person may not do). Pure, so it is tested
 * on its own and cannot drift between client and server.
 *
 * - Everyone reads every community asset: they are the county's shared directory.
 * - Coaches: referrals in their areas, or assigned to them wherever they are.
 * - Fire officers: visits in their areas or assigned to them; they raise referrals in their areas
 *   (a visit can raise one) and may read and correct the ones they raised, but not others'.
 * - Area teams: assets, flood groups and every part of a flood group in their areas.
 * - Managers: everything in their areas. Administrators: everything.
 */

export const ACCESS_ACTIONS = ['read', 'create', 'update', 'archive'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** The person acting, as their staff account says now. */
export interface Person {
	staffId: string;
	role: StaffRole;
	areaIds: readonly AreaId[];
}

/** What the rules look at in a record: never its personal content. */
export interface RecordFacts {
	type: RecordType;
	areaId: AreaId;
	/** The coach a referral is assigned to, or the officer a visit is assigned to. */
	assignedTo?: string | null;
	/** Who first created the record, as the server recorded it. */
	createdBy?: string | null;
}

const FLOOD_TYPES: readonly RecordType[] = [
	'floodGroup',
	'floodContact',
	'floodHousehold',
	'floodActivation'
];

/** How a role reaches a record type: in its areas, by being named on it, or not at all. */
interface Reach {
	/** Actions allowed on records of the type in the person's areas. */
	inAreas: readonly AccessAction[];
	/** Actions allowed on records assigned to the person, wherever they are. */
	assigned?: readonly AccessAction[];
	/** Actions allowed on records the person created, wherever they are. */
	created?: readonly AccessAction[];
	/** Actions allowed anywhere in the county. */
	anywhere?: readonly AccessAction[];
}

const ALL = ACCESS_ACTIONS;
const READ_ONLY: readonly AccessAction[] = ['read'];

const ASSET_READERS: Reach = { inAreas: READ_ONLY, anywhere: READ_ONLY };
const ASSET_KEEPERS: Reach = { inAreas: ALL, anywhere: READ_ONLY };

const REACH: Record<StaffRole, Partial<Record<RecordType, Reach>>> = {
	admin: {},
	manager: {
		asset: ASSET_KEEPERS,
		visit: { inAreas: ALL },
		referral: { inAreas: ALL },
		...Object.fromEntries(FLOOD_TYPES.map((type) => [type, { inAreas: ALL }]))
	},
	coach: {
		asset: ASSET_READERS,
		referral: { inAreas: ALL, assigned: ALL }
	},
	fireOfficer: {
		asset: ASSET_READERS,
		visit: { inAreas: ALL, assigned: ['read', 'update'] },
		referral: { inAreas: ['create'], created: ['read', 'update'] }
	},
	areaTeam: {
		asset: ASSET_KEEPERS,
		...Object.fromEntries(FLOOD_TYPES.map((type) => [type, { inAreas: ALL }]))
	}
};

/** May this person take this action on this record? */
export function may(person: Person, action: AccessAction, record: RecordFacts): boolean {
	if (person.role === 'admin') return true;
	const reach = REACH[person.role][record.type];
	if (!reach) return false;
	if (reach.anywhere?.includes(action)) return true;
	if (reach.inAreas.includes(action) && person.areaIds.includes(record.areaId)) return true;
	if (reach.assigned?.includes(action) && record.assignedTo === person.staffId) return true;
	return reach.created?.includes(action) === true && record.createdBy === person.staffId;
}

/**
 * Where a person may take an action on records of one type, as data a database query can filter
 * on (sync's pull): anywhere, or in some areas, or where they are named. Null when nowhere.
 */
export interface ReachFilter {
	anywhere: boolean;
	areaIds: readonly AreaId[];
	/** The person's staff id when records assigned to them count, else null. */
	assignedTo: string | null;
	/** The person's staff id when records they created count, else null. */
	createdBy: string | null;
}

export function reachFilter(person: Person, action: AccessAction, type: RecordType): ReachFilter | null {
	if (person.role === 'admin') return { anywhere: true, areaIds: [], assignedTo: null, createdBy: null };
	const reach = REACH[person.role][type];
	if (!reach || !allowsAnywhere(reach, action)) return null;
	return {
		anywhere: reach.anywhere?.includes(action) === true,
		areaIds: reach.inAreas.includes(action) ? person.areaIds : [],
		assignedTo: reach.assigned?.includes(action) ? person.staffId : null,
		createdBy: reach.created?.includes(action) ? person.staffId : null
	};
}

/** The record types a role can ever read: what its devices hold, and what its screens offer. */
export function typesReadableBy(role: StaffRole): RecordType[] {
	if (role === 'admin') return Object.keys(RECORD_TYPE_LABELS) as RecordType[];
	return Object.entries(REACH[role])
		.filter(([, reach]) => reach && allowsAnywhere(reach, 'read'))
		.map(([type]) => type as RecordType);
}

/** Could the role take this action on some record of the type, given the right area or link? */
export function roleCan(role: StaffRole, action: AccessAction, type: RecordType): boolean {
	if (role === 'admin') return true;
	const reach = REACH[role][type];
	return reach !== undefined && allowsAnywhere(reach, action);
}

function allowsAnywhere(reach: Reach, action: AccessAction): boolean {
	return [reach.inAreas, reach.assigned, reach.created, reach.anywhere].some((list) =>
		list?.includes(action)
	);
}

const VERBS: Record<AccessAction, string> = {
	read: 'see',
	create: 'add',
	update: 'change',
	archive: 'archive'
};

/**
 * Why the action is refused, in plain English, or null when it is allowed. It names the person's
 * areas, never anything of the record's content.
 */
export function refusal(person: Person, action: AccessAction, record: RecordFacts): string | null {
	if (may(person, action, record)) return null;
	const never = roleRefusal(person.role, action, record.type);
	if (never) return never;
	const things = RECORD_TYPE_LABELS[record.type].many.toLowerCase();
	const verb = VERBS[action];
	const reach = REACH[person.role][record.type] as Reach;
	const ways = [
		reach.inAreas.includes(action) && `in your areas (${person.areaIds.map(areaName).join(', ') || 'none'})`,
		reach.assigned?.includes(action) && 'assigned to you',
		reach.created?.includes(action) && 'that you raised'
	].filter((way): way is string => typeof way === 'string');
	return `You can only ${verb} ${things} ${ways.join(' or ')}. This one is in ${areaName(record.areaId)}.`;
}

/** Why the role can never take the action on the type (a list it may not read), or null if it sometimes can. */
export function roleRefusal(role: StaffRole, action: AccessAction, type: RecordType): string | null {
	if (roleCan(role, action, type)) return null;
	return `Your role cannot ${VERBS[action]} ${RECORD_TYPE_LABELS[type].many.toLowerCase()}.`;
}
