import type { z } from 'zod';
import { fieldErrors, type FieldError } from '$lib/domain/common/errors';

/** Input a vault operation refuses, with the reasons in words for the person. */
export class VaultInputRefused extends Error {
	constructor(readonly errors: FieldError[]) {
		super(errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '));
		this.name = 'VaultInputRefused';
	}
}

/** The value as the schema reads it, or `VaultInputRefused` naming `path` when it will not do. */
export function parsed<T>(schema: z.ZodType<T>, value: unknown, path?: string): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const errors = fieldErrors(result.error);
	throw new VaultInputRefused(path ? errors.map((e) => ({ ...e, path: e.path || path })) : errors);
}
