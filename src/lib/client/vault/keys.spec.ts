import { describe, expect, it } from 'vitest';
import { fieldCipher, SealBroken } from './cipher';
import { deriveWrappingKey, newSalt, newWrappedDataKey, rewrapDataKey, unwrapDataKey } from './keys';

// Low on purpose: these tests are about wrapping, not about PBKDF2's cost (users.spec checks 600,000).
const FEW = 1000;
const ALICE = 'alice-staff-id';

describe('the wrapped data key', () => {
	it('unwraps with the right secret into a non-extractable key that opens what the new key sealed', async () => {
		const salt = newSalt();
		const { key, wrapped } = await newWrappedDataKey(await deriveWrappingKey('284915', salt, FEW), ALICE);
		const sealed = await fieldCipher(key).seal({ name: 'Marker Ada Teasdale' });
		expect(key.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
		expect(salt).toHaveLength(16);
		expect(wrapped.iv).toHaveLength(12);
		expect(wrapped.data).toHaveLength(32 + 16);

		const again = await unwrapDataKey(wrapped, await deriveWrappingKey('284915', salt, FEW), ALICE);
		expect(again?.extractable).toBe(false);
		expect(await fieldCipher(again as CryptoKey).open(sealed)).toEqual({ name: 'Marker Ada Teasdale' });
	});

	it('answers null, never throws, for a wrong secret, salt, count, owner or altered wrap', async () => {
		const salt = newSalt();
		const { wrapped } = await newWrappedDataKey(await deriveWrappingKey('284915', salt, FEW), ALICE);
		const right = await deriveWrappingKey('284915', salt, FEW);
		expect(await unwrapDataKey(wrapped, right, ALICE)).not.toBeNull();
		expect(await unwrapDataKey(wrapped, await deriveWrappingKey('284916', salt, FEW), ALICE)).toBeNull();
		expect(await unwrapDataKey(wrapped, await deriveWrappingKey('284915', newSalt(), FEW), ALICE)).toBeNull();
		expect(await unwrapDataKey(wrapped, await deriveWrappingKey('284915', salt, FEW + 1), ALICE)).toBeNull();
		expect(await unwrapDataKey(wrapped, right, 'bob-staff-id')).toBeNull();
		const altered = { ...wrapped, data: new Uint8Array(wrapped.data) };
		altered.data[0] = (altered.data[0] ?? 0) ^ 1;
		expect(await unwrapDataKey(altered, right, ALICE)).toBeNull();
	});

	it('treats a passphrase typed with composed or decomposed accents as the same', async () => {
		const salt = newSalt();
		const composed = 'Café on Hard Knott Pass';
		const decomposed = composed.normalize('NFD');
		expect(decomposed).not.toBe(composed);
		const { wrapped } = await newWrappedDataKey(await deriveWrappingKey(composed, salt, FEW), ALICE);
		expect(
			await unwrapDataKey(wrapped, await deriveWrappingKey(decomposed, salt, FEW), ALICE)
		).not.toBeNull();
	});

	it('wraps the same data key under a new secret', async () => {
		const oldSalt = newSalt();
		const oldKey = await deriveWrappingKey('284915', oldSalt, FEW);
		const { key, wrapped } = await newWrappedDataKey(oldKey, ALICE);
		const sealed = await fieldCipher(key).seal('Marker 14 Fell Lane');
		const newSaltBytes = newSalt();
		const rewrapped = await rewrapDataKey(
			wrapped,
			oldKey,
			await deriveWrappingKey('a wet day on Skiddaw', newSaltBytes, FEW),
			ALICE
		);
		const opened = await unwrapDataKey(
			rewrapped,
			await deriveWrappingKey('a wet day on Skiddaw', newSaltBytes, FEW),
			ALICE
		);
		expect(opened?.extractable).toBe(false);
		expect(await fieldCipher(opened as CryptoKey).open(sealed)).toBe('Marker 14 Fell Lane');
		expect(await unwrapDataKey(rewrapped, oldKey, ALICE)).toBeNull();
	});

	it('gives every person a different data key', async () => {
		const wrappingKey = await deriveWrappingKey('284915', newSalt(), FEW);
		const a = await newWrappedDataKey(wrappingKey, ALICE);
		const b = await newWrappedDataKey(wrappingKey, ALICE);
		await expect(fieldCipher(b.key).open(await fieldCipher(a.key).seal('x'))).rejects.toBeInstanceOf(
			SealBroken
		);
	});

	it('refuses an empty secret, a short salt and a count below 1', async () => {
		await expect(deriveWrappingKey('', newSalt(), FEW)).rejects.toThrow('A PIN or passphrase is needed');
		await expect(deriveWrappingKey('284915', new Uint8Array(8), FEW)).rejects.toThrow(
			'The salt must be 16 bytes'
		);
		await expect(deriveWrappingKey('284915', newSalt(), 0)).rejects.toThrow('positive whole number');
		await expect(deriveWrappingKey('284915', newSalt(), 1.5)).rejects.toThrow('positive whole number');
	});
});
