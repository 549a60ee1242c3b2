import { z } from 'zod';
import { requiredText } from '$lib/domain/common/fields';
import type { RecordKind } from '$lib/domain/kinds';
import type { RepositoryOptions } from './repository';

/** Test support: a small real record type, so the store is tested apart from any one domain's rules. */
export const noteSchema = z.object({
	title: requiredText('a title'),
	status: z.enum(['open', 'done']),
	owner: z.string().optional(),
	tags: z.array(z.string()).default([])
});
export type Note = z.infer<typeof noteSchema>;
export const noteKind: RecordKind<Note> = {
	type: 'asset',
	schema: noteSchema,
	status: (n) => n.status,
	assignee: (n) => n.owner,
	searchText: (n) => `${n.title} ${n.tags.join(' ')}`,
	statusLabels: { open: 'Open', done: 'Done' },
	title: (n) => n.title,
	detail: (n) => n.tags.join(', '),
	needsAttention: () => []
};

/** A clock that moves one second per reading from 23 November 2026, 09:00 UTC, and ids numbered from 1001. */
export function steppedOptions(): Required<Pick<RepositoryOptions, 'now' | 'newId'>> {
	let seconds = 0;
	let ids = 0;
	return {
		now: () => new Date(Date.UTC(2026, 10, 23, 9, 0, seconds++)).toISOString(),
		newId: () => testId(1000 + ++ids)
	};
}

/** A valid UUID from a number, easy to read in failures. */
export const testId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
