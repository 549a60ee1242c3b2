import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonValue, jsonValueSchema } from './protocol';

describe('a field value', () => {
	it('is any JSON value', () => {
		fc.assert(fc.property(fc.jsonValue(), (value) => isJsonValue(value)));
		expect(isJsonValue(Object.create(null) as object)).toBe(true);
	});

	it('is never something JSON cannot carry', () => {
		for (const value of [
			undefined,
			NaN,
			Infinity,
			() => 1,
			new Date(0),
			new Map(),
			1n,
			Symbol('x'),
			{ a: [undefined] }
		]) {
			expect(isJsonValue(value)).toBe(false);
		}
		expect(jsonValueSchema.safeParse({ when: new Date(0) }).error?.issues[0]?.message).toBe(
			'A field value must be text, a number, true or false, null, a list or an object'
		);
	});

	it('is checked without recursion, however deep', () => {
		let deep: unknown = 1;
		for (let i = 0; i < 200_000; i++) deep = [deep];
		expect(isJsonValue(deep)).toBe(true);
	});
});
