import type { Kysely } from 'kysely';
import { AREAS } from '$lib/domain/areas';
import type { Database } from './schema';

/** The six Local Committee areas are fixed reference data: present in every database, demo or not. */
export async function ensureAreas(db: Kysely<Database>): Promise<void> {
	for (const area of AREAS) {
		await db
			.insertInto('area')
			.values({ id: area.id, name: area.name, council: area.council })
			.onConflict((oc) => oc.column('id').doUpdateSet({ name: area.name, council: area.council }))
			.execute();
	}
}
