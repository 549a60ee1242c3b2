import { bytes } from './bytes';

/**
 * Field encryption for the device store: AES-GCM-256 under the user's data key, a fresh random
 * 96-bit IV for every value (ASVS 11.3, security.md S11). The key is a non-extractable CryptoKey
 * held in memory only; values go in as JSON and come out exactly as they went in.
 */

/** An encrypted value as IndexedDB keeps it. */
export interface Sealed {
	/** Format version, so a future change of scheme can read what this one wrote. */
	v: 1;
	iv: Uint8Array;
	data: Uint8Array;
}

export interface FieldCipher {
	seal(value: unknown): Promise<Sealed>;
	open(sealed: Sealed): Promise<unknown>;
}

/** Opening failed: the value was altered, or sealed under another key. Never a partial value. */
export class SealBroken extends Error {
	constructor() {
		super('This stored value cannot be decrypted: it was changed, or belongs to another user.');
		this.name = 'SealBroken';
	}
}

export const DATA_KEY_ALGORITHM = { name: 'AES-GCM', length: 256 } as const;
const IV_BYTES = 12;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A cipher over one data key. */
export function fieldCipher(key: CryptoKey): FieldCipher {
	return {
		async seal(value) {
			const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
			const plain = encoder.encode(JSON.stringify(value ?? null));
			const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
			return { v: 1, iv, data };
		},
		async open(sealed) {
			if (sealed?.v !== 1) throw new SealBroken();
			try {
				const plain = await crypto.subtle.decrypt(
					{ name: 'AES-GCM', iv: bytes(sealed.iv) },
					key,
					bytes(sealed.data)
				);
				return JSON.parse(decoder.decode(plain)) as unknown;
			} catch {
				throw new SealBroken();
			}
		}
	};
}

/** Is this stored value a sealed one? */
export function isSealed(value: unknown): value is Sealed {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as Sealed).v === 1 &&
		(value as Sealed).iv instanceof Uint8Array &&
		(value as Sealed).data instanceof Uint8Array
	);
}

/** A new random data key, usable only to encrypt and decrypt and never readable back. */
export async function newDataKey(extractable = false): Promise<CryptoKey> {
	return crypto.subtle.generateKey(DATA_KEY_ALGORITHM, extractable, ['encrypt', 'decrypt']);
}
