import { repository } from '$lib/client/repositories';
import type { StoredRecord } from '$lib/client/store/database';

/** Reading one asset from the device, as the detail and edit pages show it. */
export type AssetLookup =
	| { state: 'loading' }
	| { state: 'missing' }
	| { state: 'failed'; message: string }
	| { state: 'found'; record: StoredRecord };

export async function findAsset(id: string): Promise<AssetLookup> {
	try {
		const record = await repository('asset').get(id);
		return record ? { state: 'found', record } : { state: 'missing' };
	} catch (error) {
		return { state: 'failed', message: `This device could not read its records: ${String(error)}` };
	}
}
