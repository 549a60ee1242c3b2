import { z } from 'zod';
import { recordEnvelopeSchema } from '$lib/domain/records';
import type { DeviceStore } from './store/device-store';

const pageSchema = z.object({ records: z.array(recordEnvelopeSchema), next: z.string().nullable() });

export class DownloadError extends Error {
	override name = 'DownloadError';
}

/**
 * Download every record the server offers, page by page, into the device store. Each page is
 * validated before anything is stored, so a bad answer never replaces good local data.
 * (The sync engine's pull replaces this with a cursor in commit order.)
 */
export async function downloadRecords(
	store: DeviceStore,
	fetcher: typeof fetch = fetch,
	now: () => string = () => new Date().toISOString()
): Promise<number> {
	let after = await store.getMeta('download.after');
	let total = 0;
	for (;;) {
		const url = `/api/v1/records?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`;
		const response = await fetcher(url, { headers: { accept: 'application/json' } });
		if (!response.ok) throw new DownloadError(await describeFailure(response));
		const parsed = pageSchema.safeParse(await response.json());
		if (!parsed.success)
			throw new DownloadError('The server sent records this version of Fellside cannot read.');
		await store.storeDownloadedPage(parsed.data.records, parsed.data.next, now());
		total += parsed.data.records.length;
		if (!parsed.data.next) return total;
		after = parsed.data.next;
	}
}

async function describeFailure(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { error?: { message?: string } };
		if (body.error?.message) return body.error.message;
	} catch {
		// Not JSON: fall through to the status.
	}
	return `The server answered ${response.status} ${response.statusText}`.trim();
}
