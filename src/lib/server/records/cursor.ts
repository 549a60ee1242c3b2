import { z } from 'zod';

/**
 * A list page's `next`: opaque to callers (the id of the last record looked at, base64url), so
 * the order it pages in can change without breaking them.
 */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

/** The id a cursor stands for, or undefined when it is not one this server gave. */
export function decodeCursor(cursor: string): string | undefined {
	const id = Buffer.from(cursor, 'base64url').toString('utf8');
	return z.uuid().safeParse(id).success && encodeCursor(id) === cursor ? id : undefined;
}
