import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { recordTypeSchema } from '$lib/domain/records';
import { problem } from '$lib/server/http';
import { listRecords } from '$lib/server/records';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

const querySchema = z.object({
	type: recordTypeSchema.optional(),
	after: z.uuid({ error: 'after must be the id of the last record of the previous page' }).optional(),
	limit: z.coerce
		.number({ error: 'limit must be a number' })
		.int('limit must be a whole number')
		.min(1, 'limit must be at least 1')
		.max(1000, 'limit must be at most 1000')
		.default(500)
});

/** Paged download of records, in id order. */
export const GET: RequestHandler = async ({ url }) => {
	const { config, database } = getRuntime();
	// Until staff sign-in exists this endpoint would expose every record to anyone, so it serves
	// only a demo server holding fictional data.
	if (config.seed !== 'demo') {
		return problem(403, 'Downloading records needs staff sign-in, which this server does not offer yet.');
	}
	const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return problem(400, issue?.message ?? 'The query is not valid');
	}
	const page = await listRecords(database.db, parsed.data);
	return json(page);
};
