import { z } from 'zod';
import { areaIdSchema } from './areas';
import { staffRoleSchema, type StaffRole } from './records';

/**
 * Staff accounts as the API sends and accepts them: the single source of truth for the sign-in
 * and staff screens, the server's checks and the OpenAPI document.
 */

export const ROLE_LABELS: Record<StaffRole, string> = {
	coach: 'Health and Wellbeing Coach',
	fireOfficer: 'Fire officer',
	areaTeam: 'Area team',
	manager: 'Manager',
	admin: 'Administrator'
};

/** ASVS 6.2.1 and 6.2.9: at least 8 characters, and long passphrases (well past 64) allowed. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const usernameSchema = z
	.string({ error: 'Enter a username' })
	.trim()
	.toLowerCase()
	.min(3, 'Username must be at least 3 characters')
	.max(64, 'Username must be 64 characters or fewer')
	.regex(
		/^[a-z0-9][a-z0-9._-]*$/,
		'Username can only use letters, numbers, full stops, hyphens and underscores, and must start with a letter or number'
	);

/** Characters as people count them (an emoji is one), not UTF-16 code units. */
const characters = (text: string) => [...text].length;

export const newPasswordSchema = z
	.string({ error: 'Enter a password' })
	.max(4 * PASSWORD_MAX_LENGTH, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`)
	.refine(
		(password) => characters(password) >= PASSWORD_MIN_LENGTH,
		`Password must be at least ${PASSWORD_MIN_LENGTH} characters`
	)
	.refine(
		(password) => characters(password) <= PASSWORD_MAX_LENGTH,
		`Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`
	);

export const displayNameSchema = z
	.string({ error: 'Enter the full name' })
	.trim()
	.min(1, 'Enter the full name')
	.max(100, 'Full name must be 100 characters or fewer');

export const staffAreasSchema = z
	.array(areaIdSchema, { error: 'Choose at least one area' })
	.min(1, 'Choose at least one area')
	.max(6)
	.refine((ids) => new Set(ids).size === ids.length, 'Choose each area only once');

export const staffRoleInputSchema = z.enum(staffRoleSchema.options, { error: 'Choose a role' });

/** A member of staff as the server describes them: never their password hash. */
export const staffSchema = z.object({
	id: z.uuid(),
	username: z.string(),
	displayName: z.string(),
	role: staffRoleSchema,
	areaIds: z.array(areaIdSchema),
	disabled: z.boolean(),
	hasPassword: z.boolean(),
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime()
});
export type Staff = z.infer<typeof staffSchema>;

/** Sign-in input: checked loosely (any wrong name is just a failed sign-in), bounded in size. */
export const signInRequestSchema = z.strictObject({
	username: z.string({ error: 'Enter your username' }).trim().min(1, 'Enter your username').max(200),
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1000),
	/** The device's sync client id, so the session and the audit name the device. */
	deviceId: z.uuid('deviceId must be a UUID').optional()
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionInfoSchema = z.object({
	staff: staffSchema,
	deviceId: z.uuid().nullable(),
	/**
	 * When the session ends at the latest, and when it ends if not used before then. The absolute
	 * end is also the device's offline grant: until then it unlocks with the person's PIN.
	 */
	expiresAt: z.iso.datetime(),
	idleExpiresAt: z.iso.datetime(),
	/** Minutes without use after which the device locks itself (FELLSIDE_DEVICE_LOCK_MINUTES). */
	deviceLockMinutes: z.number().int().min(1).max(60)
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const createStaffRequestSchema = z.strictObject({
	username: usernameSchema,
	displayName: displayNameSchema,
	role: staffRoleInputSchema,
	areaIds: staffAreasSchema,
	password: newPasswordSchema
});
export type CreateStaffRequest = z.infer<typeof createStaffRequestSchema>;

export const updateStaffRequestSchema = z
	.strictObject({
		displayName: displayNameSchema.optional(),
		role: staffRoleInputSchema.optional(),
		areaIds: staffAreasSchema.optional()
	})
	.refine((change) => Object.keys(change).length > 0, 'Change at least one of name, role or areas');
export type UpdateStaffRequest = z.infer<typeof updateStaffRequestSchema>;

export const resetPasswordRequestSchema = z.strictObject({ password: newPasswordSchema });
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

export const staffListSchema = z.object({ staff: z.array(staffSchema) });
