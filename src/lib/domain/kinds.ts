import type { z } from 'zod';
import type { RecordType } from './records';

/**
 * What the device store and the server need to know about one record type: the schema of its
 * data, and how to read the fields lists are indexed and searched by.
 */
export interface RecordKind<T extends Record<string, unknown> = Record<string, unknown>> {
	type: RecordType;
	schema: z.ZodType<T>;
	status(data: T): string;
	assignee?(data: T): string | undefined;
	/** Words a person might search for (names, places); lower-cased by the store. */
	searchText(data: T): string;
}
