import { z } from 'zod';
import { areaIdSchema } from './areas';
import { recordTypeSchema } from './records';
import { dataFieldSchema, jsonValueSchema } from './sync/protocol';

/**
 * The record endpoints (`/api/v1/records/{type}`) as the API describes them: what a caller sends
 * and gets back. A record's own fields are checked by its type's schema when the change is applied,
 * exactly as a device's change is; these only shape the request around them.
 */

export const RECORD_PAGE_MAX = 200;
export const RECORD_PAGE_DEFAULT = 50;

/** A record as the API answers it: the envelope and its data, without sync's clock stamps. */
export const apiRecordSchema = z.object({
	id: z.uuid(),
	type: recordTypeSchema,
	areaId: areaIdSchema,
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime(),
	archivedAt: z.iso.datetime().nullable(),
	data: z.record(z.string(), z.unknown())
});
export type ApiRecord = z.infer<typeof apiRecordSchema>;

export const recordPageSchema = z.object({
	records: z.array(apiRecordSchema),
	/** Pass as `after` for the next page; null when there is nothing more to look through. */
	next: z.string().nullable()
});
export type RecordPage = z.infer<typeof recordPageSchema>;

/** The record's fields: names as sync allows them, any JSON value (its type's schema decides). */
const fieldsSchema = z.record(dataFieldSchema, jsonValueSchema, {
	error: 'data must be an object of the record’s fields'
});

export const createRecordRequestSchema = z.strictObject({
	area: areaIdSchema,
	data: fieldsSchema
});
export type CreateRecordRequest = z.infer<typeof createRecordRequestSchema>;

/** Only the fields that change; null removes a field. */
export const updateRecordRequestSchema = z
	.strictObject({
		area: areaIdSchema.optional(),
		data: fieldsSchema.optional()
	})
	.refine((body) => body.area !== undefined || body.data !== undefined, {
		message: 'Send the fields to change in data, or a new area'
	});
export type UpdateRecordRequest = z.infer<typeof updateRecordRequestSchema>;

export const ARCHIVED_FILTERS = ['exclude', 'include', 'only'] as const;

/** The list's query string. */
export const recordListQuerySchema = z.strictObject({
	area: areaIdSchema.optional(),
	archived: z
		.enum(ARCHIVED_FILTERS, { error: 'archived must be exclude, include or only' })
		.default('exclude'),
	limit: z.coerce
		.number({ error: 'limit must be a number' })
		.int('limit must be a whole number')
		.min(1, 'limit must be at least 1')
		.max(RECORD_PAGE_MAX, `limit must be at most ${RECORD_PAGE_MAX}`)
		.default(RECORD_PAGE_DEFAULT),
	/** The `next` of the previous page. */
	after: z.string().max(100, 'after must be the next value of a page').optional()
});
export type RecordListQuery = z.infer<typeof recordListQuerySchema>;
