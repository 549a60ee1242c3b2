import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from './hlc';
import { isJsonValue, jsonValueSchema, syncRecordSchema } from './protocol';

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

describe('a record as the server sends it', () => {
	const stamp = encodeHlc({
		ms: 1_767_225_600_000,
		counter: 0,
		node: 'd3b07384-d9a0-4c9b-8f3e-1a2b3c4d5e6f'
	});
	const record = {
		id: 'b1a2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
		type: 'asset',
		areaId: 'eden',
		createdAt: '2026-11-20T10:00:00.000Z',
		updatedAt: '2026-11-20T10:00:00.000Z',
		archivedAt: null,
		data: { name: 'Greta Side Hall', tags: ['hall'] },
		versions: { '@area': stamp, name: stamp, tags: stamp }
	};
	const problem = (changes: object) => syncRecordSchema.safeParse({ ...record, ...changes }).error?.issues[0];

	it('carries any fields, and a clock stamp for each key', () => {
		expect(syncRecordSchema.parse(record)).toEqual(record);
		expect(syncRecordSchema.parse({ ...record, data: {}, versions: {} })).toMatchObject({
			data: {},
			versions: {}
		});
	});

	it('is refused, naming the part, when its data or stamps are not what they must be', () => {
		for (const versions of [{ name: 'yesterday' }, { name: null }, { name: stamp, tags: 5 }, [stamp], null]) {
			expect(problem({ versions })).toMatchObject({
				path: ['versions'],
				message: 'versions must give each key a clock stamp like 001767225600000-0000-<client id>'
			});
		}
		for (const data of [null, ['Greta Side Hall'], 'Greta Side Hall', new Date(0)]) {
			expect(problem({ data })).toMatchObject({
				path: ['data'],
				message: 'data must be an object of fields'
			});
		}
	});
});
