import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, Middleware } from 'dexie';

/**
 * A Dexie middleware that reports the ids of records written (put, added or deleted) once their
 * transaction has committed, whichever code wrote them; `all` when the table was cleared. Nothing
 * is reported for a transaction that aborted.
 */
export function watchRecordWrites(
	table: string,
	committed: (ids: readonly string[] | 'all') => void
): Middleware<DBCore> {
	return {
		stack: 'dbcore',
		name: 'watchRecordWrites',
		create: (down) => ({
			...down,
			table: (name) => {
				const below = down.table(name);
				if (name !== table) return below;
				return {
					...below,
					mutate: async (request) => {
						const response = await below.mutate(request);
						const ids = written(request, response);
						afterCommit(request.trans, () => committed(ids));
						return response;
					}
				};
			}
		})
	};
}

function written(request: DBCoreMutateRequest, response: DBCoreMutateResponse): string[] | 'all' {
	if (request.type === 'deleteRange') return 'all';
	if (request.type === 'delete') return request.keys.map(String);
	const keys = [
		...(response.results ?? request.keys ?? []),
		...(request.type === 'put' ? (request.updates?.keys ?? []) : [])
	];
	return keys.map(String);
}

interface Committing {
	addEventListener(type: 'complete', listener: () => void, options: { once: true }): void;
}

/** Dexie's lowest layer hands IndexedDB's own transaction down as `trans`. */
function afterCommit(trans: unknown, then: () => void): void {
	const committing = trans as Partial<Committing> | null;
	// Without it the writes could not be reported after commit: fail loudly rather than go stale.
	if (typeof committing?.addEventListener !== 'function')
		throw new Error('watchRecordWrites: expected an IndexedDB transaction under Dexie');
	committing.addEventListener('complete', then, { once: true });
}
