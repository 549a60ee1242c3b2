import { z } from 'zod';
import { PBKDF2_ITERATIONS } from '$lib/domain/unlock';
import { base64Length, fromBase64, toBase64 } from './bytes';
import { deriveKey, newSalt, SALT_BYTES } from './keys';

/**
 * Text sealed under a passphrase, for a file that leaves Fellside's store (the export of unsynced
 * work): AES-GCM-256 under a key derived with PBKDF2-SHA256, a fresh salt and IV every time. Unlike
 * the device store's data key, the passphrase works on any device, so the file can be imported
 * wherever the person who knows it signs in. `context` goes in as GCM additional data: it binds the
 * file's plain header to what is sealed, so neither can be swapped for another's.
 */

const IV_BYTES = 12;
/** AES-GCM's tag: sealed data is never shorter. */
const TAG_BYTES = 16;
/**
 * A crafted file could ask for so many iterations that every passphrase tried keeps a phone busy
 * for many seconds: no more than twice what Fellside writes (a larger count would be a new version).
 */
const MAX_ITERATIONS = 2 * PBKDF2_ITERATIONS;
const KDF = 'PBKDF2-SHA-256';

/** Base64 of `min` to `max` bytes; checked without decoding, which is done once, to open it. */
const base64Of = (min: number, max = min) =>
	z.string().refine((text) => {
		const length = base64Length(text);
		return length !== null && length >= min && length <= max;
	}, 'is not what Fellside writes here');

export const passphraseSealedSchema = z.object({
	kdf: z.literal(KDF, { error: 'is sealed in a way this Fellside does not know' }),
	iterations: z.int().min(1).max(MAX_ITERATIONS),
	salt: base64Of(SALT_BYTES),
	iv: base64Of(IV_BYTES),
	data: base64Of(TAG_BYTES, Infinity)
});
export type PassphraseSealed = z.infer<typeof passphraseSealedSchema>;

const encoder = new TextEncoder();
// Not fatal: text that is not UTF-8 (only a crafted file could hold it) fails as JSON, not here.
const decoder = new TextDecoder();

const params = (iv: Uint8Array<ArrayBuffer>, context: string): AesGcmParams => ({
	name: 'AES-GCM',
	iv,
	additionalData: encoder.encode(context)
});

export async function sealWithPassphrase(
	text: string,
	passphrase: string,
	context: string,
	iterations = PBKDF2_ITERATIONS
): Promise<PassphraseSealed> {
	const salt = newSalt();
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const key = await deriveKey(passphrase, salt, iterations, ['encrypt']);
	const data = await crypto.subtle.encrypt(params(iv, context), key, encoder.encode(text));
	return {
		kdf: KDF,
		iterations,
		salt: toBase64(salt),
		iv: toBase64(iv),
		data: toBase64(new Uint8Array(data))
	};
}

/**
 * The text sealed, or null when the passphrase is not the one it was sealed with (or the file was
 * altered, or its header swapped: GCM cannot tell these apart, and a wrong passphrase is by far the
 * likeliest). `sealed` must have passed `passphraseSealedSchema`.
 */
export async function openWithPassphrase(
	sealed: PassphraseSealed,
	passphrase: string,
	context: string
): Promise<string | null> {
	const [salt, iv, data] = [sealed.salt, sealed.iv, sealed.data].map(fromBase64);
	if (!salt || !iv || !data) throw new TypeError('openWithPassphrase: not checked by passphraseSealedSchema');
	const key = await deriveKey(passphrase, salt, sealed.iterations, ['decrypt']);
	let plain: ArrayBuffer;
	try {
		plain = await crypto.subtle.decrypt(params(iv, context), key, data);
	} catch {
		return null;
	}
	return decoder.decode(plain);
}
