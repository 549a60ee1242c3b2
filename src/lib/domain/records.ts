import { z } from 'zod';
import { areaIdSchema } from './areas';

/**
 * The kinds of record staff keep, in the users' words. A flood group's contacts, households and
 * call-tree activations are records of their own, so edits on two phones merge instead of clashing.
 */
const RECORD_TYPES_LIST = [
	'asset',
	'visit',
	'referral',
	'floodGroup',
	'floodContact',
	'floodHousehold',
	'floodActivation'
] as const;
export const recordTypeSchema = z.enum(RECORD_TYPES_LIST, {
	error: `Record type must be one of ${RECORD_TYPES_LIST.join(', ')}`
});
export type RecordType = z.infer<typeof recordTypeSchema>;

export const RECORD_TYPES = recordTypeSchema.options;

/** What the lists show of each type, in the users' words. */
export const RECORD_TYPE_LABELS = {
	asset: { one: 'Community asset', many: 'Community assets', path: '/assets' },
	visit: { one: 'Safe and Well visit', many: 'Safe and Well visits', path: '/visits' },
	referral: { one: 'Coach referral', many: 'Coach referrals', path: '/referrals' },
	floodGroup: { one: 'Flood group', many: 'Flood groups', path: '/flood-groups' },
	floodContact: { one: 'Flood group contact', many: 'Flood group contacts', path: '/flood-groups' },
	floodHousehold: { one: 'Household', many: 'Households', path: '/flood-groups' },
	floodActivation: { one: 'Call-tree activation', many: 'Call-tree activations', path: '/flood-groups' }
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

/** The four the home page and navigation lead to; the flood group's parts open from their group. */
export const MAIN_RECORD_TYPES = [
	'asset',
	'visit',
	'referral',
	'floodGroup'
] as const satisfies readonly RecordType[];
