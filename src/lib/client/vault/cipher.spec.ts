import { describe, expect, it } from 'vitest';
import { fieldCipher, isSealed, newDataKey, SealBroken } from './cipher';

describe('field cipher', () => {
	it('gives back exactly what was sealed', async () => {
		const cipher = fieldCipher(await newDataKey());
		const value = { fullName: 'Marker Ruth Pattinson', dob: '1941-03-02', notes: ['a', 1, null, true] };
		const sealed = await cipher.seal(value);
		expect(isSealed(sealed)).toBe(true);
		expect(await cipher.open(sealed)).toEqual(value);
	});

	it('never shows the plaintext and uses a new IV every time', async () => {
		const cipher = fieldCipher(await newDataKey());
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const sealed = await cipher.seal('Marker Ruth Pattinson');
			expect(Buffer.from(sealed.data).toString('latin1')).not.toContain('Ruth');
			expect(sealed.iv).toHaveLength(12);
			seen.add(Buffer.from(sealed.iv).toString('hex'));
		}
		expect(seen.size).toBe(200);
	});

	it('refuses a value with one byte flipped, or sealed under another key', async () => {
		const cipher = fieldCipher(await newDataKey());
		const sealed = await cipher.seal({ phone: '017687 12345' });
		const flipped = { ...sealed, data: new Uint8Array(sealed.data) };
		flipped.data[3] = (flipped.data[3] ?? 0) ^ 0x01;
		await expect(cipher.open(flipped)).rejects.toBeInstanceOf(SealBroken);
		await expect(fieldCipher(await newDataKey()).open(sealed)).rejects.toBeInstanceOf(SealBroken);
		await expect(cipher.open({ ...sealed, v: 2 } as never)).rejects.toBeInstanceOf(SealBroken);
	});

	it('keeps the data key unreadable', async () => {
		const key = await newDataKey();
		expect(key.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
	});
});
