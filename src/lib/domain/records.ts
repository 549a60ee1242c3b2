import { z } from 'zod';
import { areaIdSchema } from './areas';

/** The four kinds of record staff keep. Names are the users' words. */
export const recordTypeSchema = z.enum(['asset', 'visit', 'referral', 'floodGroup'], {
	error: 'Record type must be one of asset, visit, referral or floodGroup'
});
export type RecordType = z.infer<typeof recordTypeSchema>;

export const RECORD_TYPES = recordTypeSchema.options;

/** What the lists show of each type, in the users' words. */
export const RECORD_TYPE_LABELS = {
	asset: { one: 'Community asset', many: 'Community assets', path: '/assets' },
	visit: { one: 'Safe and Well visit', many: 'Safe and Well visits', path: '/visits' },
	referral: { one: 'Coach referral', many: 'Coach referrals', path: '/referrals' },
	floodGroup: { one: 'Flood group', many: 'Flood groups', path: '/flood-groups' }
} as const satisfies Record<RecordType, { one: string; many: string; path: string }>;

/**
 * The envelope every stored record shares, on the server and on the device. The per-type field
 * schemas (issue: record types) validate `data`; until then it is an object of the type's fields.
 */
export const recordEnvelopeSchema = z.object({
	id: z.uuid(),
	type: recordTypeSchema,
	areaId: areaIdSchema,
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime(),
	data: z.record(z.string(), z.unknown())
});
export type RecordEnvelope = z.infer<typeof recordEnvelopeSchema>;

export const staffRoleSchema = z.enum(['coach', 'fireOfficer', 'areaTeam', 'manager', 'admin']);
export type StaffRole = z.infer<typeof staffRoleSchema>;
