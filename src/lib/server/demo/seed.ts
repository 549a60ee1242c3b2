import type { Kysely } from 'kysely';
import { generateDemo, type DemoStaff } from '$lib/demo/generate';
import { assigneeOf } from '$lib/domain/access/facts';
import { stampEveryKey } from '$lib/domain/sync/merge';
import { hashPassword } from '../auth/password';
import type { Database } from '../db/schema';
import { ChangeLog, chunks, serverStamp } from '../sync/storage';

const SEEDED_KEY = 'demo_seeded_at';

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

	// Stored as sync stores records: every field stamped by the server, every record in the change
	// log, so a device's first pull downloads them.
	const stamp = serverStamp(Date.parse(now));
	await db.transaction().execute(async (trx) => {
		await trx.insertInto('staff').values(staffRows).execute();
		const log = new ChangeLog();
		for (const batch of chunks(dataset.records)) {
			const rows = batch.map((r) => ({
				id: r.id,
				type: r.type,
				area_id: r.areaId,
				data: JSON.stringify(r.data),
				versions: JSON.stringify(stampEveryKey(r.data, stamp)),
				created_at: r.createdAt,
				updated_at: r.updatedAt,
				archived_at: null,
				assigned_to: assigneeOf(r.type, r.data)
			}));
			await trx.insertInto('record').values(rows).execute();
			for (const r of batch) log.add({ kind: 'record', entityId: r.id, type: r.type, areaId: r.areaId });
		}
		await log.write(trx);
		await trx.insertInto('app_meta').values({ key: SEEDED_KEY, value: now }).execute();
	});
	return { seeded: true, records: dataset.records.length, staff: dataset.staff };
}
