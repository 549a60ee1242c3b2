import { z } from 'zod';
import { normalisePhone } from './phone';
import { normalisePostcode } from './postcode';

/**
 * Field schemas shared by every record type. Messages follow the GOV.UK style: say what to do
 * ("Enter a postcode, like CA12 5DJ"), never blame.
 */

export const requiredText = (what: string, max = 200) =>
	z
		.string({ error: `Enter ${what}` })
		.trim()
		.min(1, `Enter ${what}`)
		.max(max, `${capitalise(what)} must be ${max} characters or fewer`);

export const optionalText = (what: string, max = 2000) =>
	z
		.string()
		.trim()
		.max(max, `${capitalise(what)} must be ${max} characters or fewer`)
		.optional();

export const postcodeSchema = z.string({ error: 'Enter a postcode' }).transform((value, ctx) => {
	const postcode = normalisePostcode(value);
	if (!postcode) {
		ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like CA12 5DJ' });
		return z.NEVER;
	}
	return postcode;
});

export const phoneSchema = z.string({ error: 'Enter a phone number' }).transform((value, ctx) => {
	const phone = normalisePhone(value);
	if (!phone) {
		ctx.addIssue({ code: 'custom', message: 'Enter a UK phone number, like 01768 772000 or 07700 900123' });
		return z.NEVER;
	}
	return phone;
});

export const emailSchema = z.email({
	error: 'Enter an email address in the right format, like name@example.org'
});

/** A calendar date as `YYYY-MM-DD` that exists (no 30 February). */
export const isoDateSchema = z
	.string({ error: 'Enter a date' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date, like 2026-11-23')
	.refine((value) => {
		const date = new Date(`${value}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
	}, 'Enter a real date');

export const isoDateTimeSchema = z.iso.datetime({ offset: true, error: 'Enter a date and time' });

/** Unique Property Reference Number: up to 12 digits. */
export const uprnSchema = z.string().regex(/^\d{1,12}$/, 'A UPRN is up to 12 digits');

export const addressSchema = z.object({
	line1: requiredText('the first line of the address'),
	line2: optionalText('the second line of the address', 200),
	town: requiredText('the town or village', 100),
	postcode: postcodeSchema,
	uprn: uprnSchema.optional()
});
export type Address = z.infer<typeof addressSchema>;

/** A WGS84 position, with how sure the device was (GPS accuracy in metres) when it has one. */
export const locationSchema = z.object({
	lat: z.number({ error: 'Enter a latitude' }).min(-90).max(90),
	lon: z.number({ error: 'Enter a longitude' }).min(-180).max(180),
	accuracyM: z.number().nonnegative('Accuracy cannot be negative').optional(),
	uprn: uprnSchema.optional(),
	postcode: postcodeSchema.optional(),
	address: optionalText('the address', 300)
});
export type Location = z.infer<typeof locationSchema>;

export const contactSchema = z.object({
	name: requiredText('a contact name', 120),
	phone: phoneSchema.optional(),
	email: emailSchema.optional()
});

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
