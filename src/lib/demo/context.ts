import { AREAS, type AreaId } from '../domain/areas';
import type { StaffRole } from '../domain/records';
import { DAY_MS, HOUR_MS, MINUTE_MS, floorTo, isoDay } from './dates';
import type { Random } from './random';
import { staffCovering, type DemoStaff } from './staff';

export type StaffRef = { readonly id: string; readonly name: string };

/** What every per-type builder gets: the one random stream, the fixed `now`, who covers where. */
export type BuildContext = {
	readonly rng: Random;
	readonly nowMs: number;
	/** `now` as a `YYYY-MM-DD` date (UTC), for rules that work on dates. */
	readonly today: string;
	readonly staff: ReadonlyMap<string, readonly StaffRef[]>;
};

export type Built<D> = { createdMs: number; updatedMs: number; data: D };

const ASSIGNED_ROLES: readonly StaffRole[] = ['coach', 'fireOfficer'];

export function createContext(rng: Random, nowMs: number, staff: readonly DemoStaff[]): BuildContext {
	// Looked up once per role and area, not per record: 50,000 records must stay fast.
	const covering = new Map<string, StaffRef[]>();
	for (const role of ASSIGNED_ROLES) {
		for (const area of AREAS) {
			covering.set(
				`${role}/${area.id}`,
				staffCovering(staff, role, area.id).map((member) => ({ id: member.id, name: member.displayName }))
			);
		}
	}
	return { rng, nowMs, today: isoDay(nowMs), staff: covering };
}

/** A coach or fire officer covering the area, if there is one. */
export function assignee(
	ctx: BuildContext,
	role: 'coach' | 'fireOfficer',
	areaId: AreaId
): StaffRef | undefined {
	const refs = ctx.staff.get(`${role}/${areaId}`) ?? [];
	return refs.length > 0 ? ctx.rng.pick(refs) : undefined;
}

/**
 * Created within the last `maxAgeDays`, then updated at or after that but never after `now`;
 * most edits come soon after creation, so the update time leans towards it.
 */
export function timeline(ctx: BuildContext, maxAgeDays: number): { createdMs: number; updatedMs: number } {
	const { rng, nowMs } = ctx;
	const createdMs = rng.msBetween(nowMs - maxAgeDays * DAY_MS, nowMs);
	return { createdMs, updatedMs: laterThan(ctx, createdMs) };
}

/** A moment between `ms` and `now`, leaning towards `ms`. */
export function laterThan(ctx: BuildContext, ms: number): number {
	const u = ctx.rng.next();
	return ms + Math.max(0, Math.floor((ctx.nowMs - ms) * u * u));
}

/** A daytime appointment (09:00 to 16:45 UTC, on the quarter hour) on the day of `dayMs`. */
export function appointment(rng: Random, dayMs: number): number {
	return floorTo(dayMs, DAY_MS) + rng.int(9, 16) * HOUR_MS + rng.int(0, 3) * 15 * MINUTE_MS;
}

/** Office hours on the day `days` after `fromMs`, never before `fromMs` itself. */
export function officeTimeAfter(rng: Random, fromMs: number, days: number): number {
	const at = appointment(rng, fromMs + days * DAY_MS);
	return at > fromMs ? at : fromMs + rng.int(5, 90) * MINUTE_MS;
}
