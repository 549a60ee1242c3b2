import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { migrationStatus } from '$lib/server/db/migrate';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const { database } = getRuntime();
	try {
		await sql`select 1`.execute(database.db);
		const migrations = await migrationStatus(database.db);
		const healthy = migrations.current;
		return json(
			{
				status: healthy ? 'ok' : 'degraded',
				version: __APP_VERSION__,
				database: { kind: database.kind, reachable: true, migrations }
			},
			{ status: healthy ? 200 : 503 }
		);
	} catch {
		return json(
			{ status: 'down', version: __APP_VERSION__, database: { kind: database.kind, reachable: false } },
			{ status: 503 }
		);
	}
};
