import { describe, expect, it } from 'vitest';
import { base64Length, fromBase64, toBase64 } from './bytes';
import { openWithPassphrase, passphraseSealedSchema, sealWithPassphrase } from './passphrase-seal';

const ITERATIONS = 1000;

describe('base64', () => {
	it('round-trips bytes of every value, and more than one piece of them', () => {
		const all = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
		const text = toBase64(all);
		expect(text).toBe(Buffer.from(all).toString('base64'));
		expect(fromBase64(text)).toEqual(all);
		expect(fromBase64('')).toEqual(new Uint8Array());
	});

	it('says null for text that is not base64, instead of reading what it can', () => {
		for (const bad of ['abc', 'ab=c', 'a b=', 'abc!', '====', 'A===', 'YQ', 'YQ=\n'])
			expect(fromBase64(bad), bad).toBeNull();
	});

	it('checks text of any length without running out of stack, and counts its bytes', () => {
		const text = 'QUJD'.repeat(5_000_000);
		expect(base64Length(text)).toBe(15_000_000);
		expect(base64Length(`${text.slice(4)}QQ==`)).toBe(14_999_998);
		expect(base64Length(`${text.slice(4)}QUI=`)).toBe(14_999_999);
		expect(base64Length(`${text.slice(1)}!`)).toBeNull();
	});
});

describe('sealing text under a passphrase', () => {
	it('opens with the same passphrase and context, typed in either Unicode form', async () => {
		const text = `Mrs Ápplethwaite’s notes ${'x'.repeat(70_000)}`;
		const sealed = await sealWithPassphrase(text, 'Caf\u00e9 by the beck', 'ctx', ITERATIONS);
		expect(passphraseSealedSchema.parse(sealed)).toEqual(sealed);
		expect(await openWithPassphrase(sealed, 'Cafe\u0301 by the beck', 'ctx')).toBe(text);
	});

	it('seals and opens several megabytes, as a device full of unsynced work exports', async () => {
		const text = JSON.stringify({ notes: Array.from({ length: 60_000 }, (_, i) => `note ${i} `.repeat(10)) });
		expect(text.length).toBeGreaterThan(5_000_000);
		const sealed = passphraseSealedSchema.parse(
			await sealWithPassphrase(text, 'heron over the eden', 'ctx', ITERATIONS)
		);
		expect(await openWithPassphrase(sealed, 'heron over the eden', 'ctx')).toBe(text);
	});

	it('does not open with another passphrase or context, or once a byte is changed', async () => {
		const sealed = await sealWithPassphrase('secret', 'heron over the eden', 'ctx', ITERATIONS);
		expect(await openWithPassphrase(sealed, 'heron over the Eden', 'ctx')).toBeNull();
		expect(await openWithPassphrase(sealed, 'heron over the eden', 'ctx2')).toBeNull();
		const data = fromBase64(sealed.data) as Uint8Array;
		data[0] = (data[0] as number) ^ 1;
		expect(
			await openWithPassphrase({ ...sealed, data: toBase64(data) }, 'heron over the eden', 'ctx')
		).toBeNull();
	});

	it('refuses, by schema, what it would not write: another scheme, wrong sizes, runaway iterations', async () => {
		const sealed = await sealWithPassphrase('secret', 'heron over the eden', 'ctx', ITERATIONS);
		const accepted = (change: object) => passphraseSealedSchema.safeParse({ ...sealed, ...change }).success;
		expect(accepted({ kdf: 'scrypt' })).toBe(false);
		expect(accepted({ salt: toBase64(new Uint8Array(8)) })).toBe(false);
		expect(accepted({ iv: toBase64(new Uint8Array(16)) })).toBe(false);
		expect(accepted({ iterations: 0 })).toBe(false);
		expect(accepted({ iterations: 1_200_001 })).toBe(false);
		expect(accepted({ iterations: 1_200_000 })).toBe(true);
		// Shorter than GCM's tag: nothing Fellside sealed, so not a wrong passphrase either.
		expect(accepted({ data: toBase64(new Uint8Array(15)) })).toBe(false);
		expect(accepted({ iterations: 1.5 })).toBe(false);
		expect(accepted({})).toBe(true);
	});
});
