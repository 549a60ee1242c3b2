import { bytes } from './bytes';
import { DATA_KEY_ALGORITHM, newDataKey } from './cipher';

/**
 * The data key at rest: wrapped (AES-GCM) under a key derived from the person's PIN or passphrase
 * with PBKDF2-SHA256 (security.md S11, S13). Only the wrapped form is ever stored. A wrong secret
 * makes the GCM tag fail, which is the only check there is: nothing stored can test a guess
 * faster than PBKDF2 does. Extractable copies of the data key exist only inside this file.
 */

export const SALT_BYTES = 16;
const WRAP_IV_BYTES = 12;

/** A data key as the device stores it. */
export interface WrappedKey {
	iv: Uint8Array;
	data: Uint8Array;
}

const encoder = new TextEncoder();

/** A fresh random salt for one person's key derivation. */
export function newSalt(): Uint8Array<ArrayBuffer> {
	return crypto.getRandomValues(new Uint8Array(SALT_BYTES));
}

/**
 * A key from a secret (PBKDF2-SHA256 to AES-GCM-256), for `usages`. The secret is put in Unicode NFC
 * form first, so the same passphrase typed on another keyboard gives the same key.
 */
export async function deriveKey(
	secret: string,
	salt: Uint8Array,
	iterations: number,
	usages: KeyUsage[]
): Promise<CryptoKey> {
	if (typeof secret !== 'string' || secret === '') throw new TypeError('A PIN or passphrase is needed');
	if (salt.length !== SALT_BYTES) throw new RangeError(`The salt must be ${SALT_BYTES} bytes`);
	if (!Number.isSafeInteger(iterations) || iterations < 1)
		throw new RangeError('PBKDF2 iterations must be a positive whole number');
	const material = await crypto.subtle.importKey(
		'raw',
		encoder.encode(secret.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt), iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		usages
	);
}

/** The key that wraps a person's data key, from their PIN or passphrase. */
export function deriveWrappingKey(secret: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
	return deriveKey(secret, salt, iterations, ['wrapKey', 'unwrapKey']);
}

/**
 * The wrap is bound to its owner (`owner` goes in as GCM additional data), so one person's
 * wrapped key copied into another's entry does not unwrap.
 */
const wrapParams = (iv: Uint8Array, owner: string): AesGcmParams => ({
	name: 'AES-GCM',
	iv: bytes(iv),
	additionalData: encoder.encode(`fellside data key v1 ${owner}`)
});

/** Wraps an extractable data key under a wrapping key, with its own random IV. */
export async function wrapDataKey(
	dataKey: CryptoKey,
	wrappingKey: CryptoKey,
	owner: string
): Promise<WrappedKey> {
	const iv = crypto.getRandomValues(new Uint8Array(WRAP_IV_BYTES));
	const data = await crypto.subtle.wrapKey('raw', dataKey, wrappingKey, wrapParams(iv, owner));
	return { iv, data: new Uint8Array(data) };
}

async function unwrap(
	wrapped: WrappedKey,
	wrappingKey: CryptoKey,
	owner: string,
	extractable: boolean
): Promise<CryptoKey | null> {
	try {
		return await crypto.subtle.unwrapKey(
			'raw',
			bytes(wrapped.data),
			wrappingKey,
			wrapParams(wrapped.iv, owner),
			DATA_KEY_ALGORITHM,
			extractable,
			['encrypt', 'decrypt']
		);
	} catch {
		// GCM's tag did not match: a wrong secret (or an altered entry). Nothing else to tell apart.
		return null;
	}
}

/** The data key, non-extractable, or null when the wrapping key (so the secret) is wrong. */
export async function unwrapDataKey(
	wrapped: WrappedKey,
	wrappingKey: CryptoKey,
	owner: string
): Promise<CryptoKey | null> {
	return unwrap(wrapped, wrappingKey, owner, false);
}

/** A new random data key: wrapped for storage, and unwrapped again as a non-extractable key for use. */
export async function newWrappedDataKey(
	wrappingKey: CryptoKey,
	owner: string
): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
	const wrapped = await wrapDataKey(await newDataKey(true), wrappingKey, owner);
	const key = await unwrapDataKey(wrapped, wrappingKey, owner);
	if (!key) throw new Error('A data key just wrapped could not be unwrapped');
	return { key, wrapped };
}

/** The same data key wrapped under a new wrapping key (a new PIN), without it leaving this file. */
export async function rewrapDataKey(
	wrapped: WrappedKey,
	oldWrappingKey: CryptoKey,
	newWrappingKey: CryptoKey,
	owner: string
): Promise<WrappedKey> {
	const key = await unwrap(wrapped, oldWrappingKey, owner, true);
	if (!key) throw new Error('The data key could not be unwrapped to wrap it under the new secret');
	return wrapDataKey(key, newWrappingKey, owner);
}
