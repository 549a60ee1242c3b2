import type { z } from 'zod';
import type { RecordType } from './records';

/**
 * What the device store, the screens and the server need to know about one record type: the
 * schema of its data, how lists index, search and describe it, and what needs attention.
 */
export interface RecordKind<T extends Record<string, unknown> = Record<string, unknown>> {
	type: RecordType;
	schema: z.ZodType<T>;
	/** Lifecycle states in order, with the words people use for them. */
	statusLabels: Record<string, string>;
	status(data: T): string;
	assignee?(data: T): string | undefined;
	/** Words a person might search for (names, places); lower-cased by the store. */
	searchText(data: T): string;
	/** The line a list shows first, and the one under it. */
	title(data: T): string;
	detail(data: T): string;
	/** Reasons this record needs someone's attention today, in plain words ("Re-verification due"). */
	needsAttention(data: T, today: string): string[];
}
