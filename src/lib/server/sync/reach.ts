import { createHash } from 'node:crypto';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { reachFilter, typesReadableBy, type Person } from '$lib/domain/access/rules';
import { RECORD_TYPES } from '$lib/domain/records';

/**
 * The access rules as SQL, for pull: which change-log rows a person's device is sent. Built from
 * the rules' own reach (`reachFilter`), never restated; pull still checks each row with `may()`.
 */

/** Whether the record behind `alias` (a `record` table alias) may be read by the person. */
export function readableRecord(person: Person, alias: string): RawBuilder<SqlBool> {
	const column = (name: string) => sql.ref(`${alias}.${name}`);
	const byType = RECORD_TYPES.flatMap((type) => {
		const reach = reachFilter(person, 'read', type);
		if (!reach) return [];
		const ofType = sql`${column('type')} = ${type}`;
		if (reach.anywhere) return [ofType];
		const ways = [
			reach.areaIds.length > 0 && sql`${column('area_id')} in (${sql.join([...reach.areaIds])})`,
			reach.assignedTo !== null && sql`${column('assigned_to')} = ${reach.assignedTo}`,
			reach.createdBy !== null && sql`${column('created_by')} = ${reach.createdBy}`
		].filter((way) => way !== false);
		return ways.length > 0 ? [sql`(${ofType} and (${sql.join(ways, sql` or `)}))`] : [];
	});
	return byType.length > 0 ? sql<SqlBool>`(${sql.join(byType, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/** Whether a change-log row of this type could concern the person at all. */
export function typeReadable(person: Person, column: string): RawBuilder<SqlBool> {
	const types = typesReadableBy(person.role);
	return types.length > 0 ? sql<SqlBool>`${sql.ref(column)} in (${sql.join(types)})` : sql<SqlBool>`1 = 0`;
}

/**
 * Who pulled, with which role and areas, as one hash: a device whose last pull was made with a
 * different one holds a different set of records, so it downloads again.
 */
export function scopeFingerprint(person: Person): string {
	const canonical = JSON.stringify([person.staffId, person.role, [...person.areaIds].sort()]);
	return createHash('sha256').update(canonical).digest('hex');
}
