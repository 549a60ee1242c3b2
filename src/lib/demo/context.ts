import { AREAS, type AreaId } from '../domain/areas';
import type { StaffRole } from '../domain/records';
import { DAY_MS, HOUR_MS, MINUTE_MS, floorTo } from './dates';
import type { Place } from './places';
import type { Random } from './random';
import { staffCovering, type DemoStaff } from './staff';

/** What every per-type builder gets: the one random stream, the fixed `now`, who covers where. */
export type BuildContext = {
	readonly rng: Random;
	readonly nowMs: number;
	readonly staffIds: ReadonlyMap<string, readonly string[]>;
};

export type Built<D> = { createdMs: number; updatedMs: number; data: D };

export type Builder = (ctx: BuildContext, place: Place) => Built<Record<string, unknown>>;

const ASSIGNED_ROLES: readonly StaffRole[] = ['coach', 'fireOfficer'];

export function createContext(rng: Random, nowMs: number, staff: readonly DemoStaff[]): BuildContext {
	// Looked up once per role and area, not per record: 50,000 records must stay fast.
	const staffIds = new Map<string, string[]>();
	for (const role of ASSIGNED_ROLES) {
		for (const area of AREAS) {
			staffIds.set(
				`${role}/${area.id}`,
				staffCovering(staff, role, area.id).map((member) => member.id)
			);
		}
	}
	return { rng, nowMs, staffIds };
}

/** A coach or fire officer covering the area, if there is one. */
export function assignee(
	ctx: BuildContext,
	role: 'coach' | 'fireOfficer',
	areaId: AreaId
): string | undefined {
	const ids = ctx.staffIds.get(`${role}/${areaId}`) ?? [];
	return ids.length > 0 ? ctx.rng.pick(ids) : undefined;
}

/**
 * Created within the last `maxAgeDays`, then updated at or after that but never after `now`;
 * most edits come soon after creation, so the update time leans towards it.
 */
export function timeline(ctx: BuildContext, maxAgeDays: number): { createdMs: number; updatedMs: number } {
	const { rng, nowMs } = ctx;
	const createdMs = rng.msBetween(nowMs - maxAgeDays * DAY_MS, nowMs);
	const u = rng.next();
	const updatedMs = createdMs + Math.floor((nowMs - createdMs) * u * u);
	return { createdMs, updatedMs };
}

/** A daytime appointment (09:00 to 16:45 UTC, on the quarter hour) on the day of `dayMs`. */
export function appointment(rng: Random, dayMs: number): number {
	return floorTo(dayMs, DAY_MS) + rng.int(9, 16) * HOUR_MS + rng.int(0, 3) * 15 * MINUTE_MS;
}
