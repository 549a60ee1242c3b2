import type { Kysely } from 'kysely';
import { generateDemo, type DemoStaff } from '$lib/demo/generate';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/schema';

const SEEDED_KEY = 'demo_seeded_at';
// Rows per INSERT: far below SQLite's and PostgreSQL's bound-parameter limits.
const BATCH = 500;

export interface SeedResult {
	seeded: boolean;
	records: number;
	staff: DemoStaff[];
}

/**
 * Seed the fictional demo dataset once. A database that was ever seeded, or that already holds
 * records or staff, is left alone, so restarting never duplicates or overwrites anything.
 */
export async function seedDemoIfEmpty(
	db: Kysely<Database>,
	options: { size: number; seed?: string; now?: string }
): Promise<SeedResult> {
	const dataset = generateDemo(options);
	const marker = await db
		.selectFrom('app_meta')
		.select('value')
		.where('key', '=', SEEDED_KEY)
		.executeTakeFirst();
	const existing = await db
		.selectFrom('record')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	const staffCount = await db
		.selectFrom('staff')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.executeTakeFirstOrThrow();
	if (marker || Number(existing.n) > 0 || Number(staffCount.n) > 0) {
		return { seeded: false, records: 0, staff: dataset.staff };
	}

	// Hash before the transaction: argon2 is deliberately slow and must not hold a write lock.
	const now = options.now ?? new Date().toISOString();
	const staffRows = await Promise.all(
		dataset.staff.map(async (s) => ({
			id: s.id,
			username: s.username,
			display_name: s.displayName,
			role: s.role,
			area_ids: JSON.stringify(s.areaIds),
			password_hash: await hashPassword(s.password),
			disabled: 0,
			created_at: now,
			updated_at: now
		}))
	);

	await db.transaction().execute(async (trx) => {
		await trx.insertInto('staff').values(staffRows).execute();
		for (let i = 0; i < dataset.records.length; i += BATCH) {
			const rows = dataset.records.slice(i, i + BATCH).map((r) => ({
				id: r.id,
				type: r.type,
				area_id: r.areaId,
				data: JSON.stringify(r.data),
				created_at: r.createdAt,
				updated_at: r.updatedAt
			}));
			await trx.insertInto('record').values(rows).execute();
		}
		await trx.insertInto('app_meta').values({ key: SEEDED_KEY, value: now }).execute();
	});
	return { seeded: true, records: dataset.records.length, staff: dataset.staff };
}
