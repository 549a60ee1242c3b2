import { z } from 'zod';

/**
 * The audit trail as the API describes it: who did what, when (UTC) and on which device. Details
 * hold ids, counts and field names only, never the values people typed: those may be health data.
 */

export const AUDIT_ACTIONS = [
	'sign-in',
	'sign-in-failed',
	'sign-in-throttled',
	'sign-out',
	'access-refused',
	'sync-push',
	/** A pull that sent a device records (counts only) or told it to download again. */
	'sync-pull',
	'record-create',
	'record-update',
	'record-archive',
	'record-restore',
	/** A record of a sensitive type was shown to someone (its id and type, never its content). */
	'record-viewed',
	/** A record saved on a device to a file of unsynced changes, sealed under a passphrase. */
	'record-exported',
	'staff-create',
	'staff-update',
	'staff-disable',
	'staff-enable',
	'staff-reset'
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS, {
	error: `action must be one of ${AUDIT_ACTIONS.join(', ')}`
});
export type AuditAction = z.infer<typeof auditActionSchema>;

/** Detail values: plain scalars or lists of names, so nothing nested can smuggle content in. */
export const auditDetailsSchema = z.record(
	z.string(),
	z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])
);
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

export const auditEntrySchema = z.object({
	seq: z.number().int().positive(),
	at: z.iso.datetime(),
	action: auditActionSchema,
	/** The member of staff who acted; null when nobody was signed in (a failed sign-in). */
	staffId: z.string().nullable(),
	deviceId: z.string().nullable(),
	ip: z.string().nullable(),
	targetType: z.string().nullable(),
	targetId: z.string().nullable(),
	areaId: z.string().nullable(),
	details: auditDetailsSchema,
	hash: z.string()
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_PAGE_MAX = 200;

const optionalText = z.string().trim().min(1).max(200).optional();

/** The audit search, from the query string: every filter optional, newest first, paged by seq. */
export const auditQuerySchema = z.strictObject({
	action: auditActionSchema.optional(),
	staffId: optionalText,
	deviceId: optionalText,
	targetId: optionalText,
	from: z.iso.datetime({ error: 'from must be a date and time such as 2026-11-23T00:00:00Z' }).optional(),
	to: z.iso.datetime({ error: 'to must be a date and time such as 2026-11-23T23:59:59Z' }).optional(),
	/** Only entries before this sequence number: the `next` of the previous page. */
	before: z.coerce.number().int().positive().optional(),
	limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50)
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
	entries: z.array(auditEntrySchema),
	/** Pass as `before` for the next (older) page; null on the last page. */
	next: z.number().int().nullable(),
	/** The names of the staff these entries mention (who acted, whose account changed), by id. */
	staffNames: z.record(z.string(), z.string())
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** A member of staff the searcher may filter the log by. */
export const auditPersonSchema = z.object({ id: z.string(), displayName: z.string(), username: z.string() });
export const auditPeopleSchema = z.object({ staff: z.array(auditPersonSchema) });
export type AuditPerson = z.infer<typeof auditPersonSchema>;

/**
 * The chain check: intact, with how many entries were checked, or the first entry that breaks it
 * (`entries` then counts the good entries before it).
 */
export const auditChainCheckSchema = z.discriminatedUnion('ok', [
	z.object({
		ok: z.literal(true),
		entries: z.number().int().nonnegative(),
		/** Signed checkpoints checked (S18), and the latest: entries after it are chained but not yet signed. */
		checkpoints: z.number().int().nonnegative(),
		lastCheckpoint: z.object({ seq: z.number().int().positive(), at: z.string() }).nullable()
	}),
	z.object({
		ok: z.literal(false),
		entries: z.number().int().nonnegative(),
		seq: z.number().int().positive(),
		/** When the bad entry says it was written; null when the entry is missing. */
		at: z.string().nullable(),
		problem: z.string()
	})
]);
export type AuditChainCheck = z.infer<typeof auditChainCheckSchema>;
