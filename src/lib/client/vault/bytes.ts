/**
 * IndexedDB (and fake-indexeddb) may hand back typed arrays from another realm, or views over a
 * larger buffer; WebCrypto wants a plain array of its own.
 */
export const bytes = (value: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(value);

/** Bytes as base64 text (RFC 4648), for JSON files. In pieces: one call per byte would overflow the stack. */
export function toBase64(value: Uint8Array): string {
	let text = '';
	for (let at = 0; at < value.length; at += 0x8000)
		text += String.fromCharCode(...value.subarray(at, at + 0x8000));
	return btoa(text);
}

/**
 * How many bytes base64 text holds, or null when it is not base64 (RFC 4648, padded). Checked by
 * length and one character class, so text of any length is checked without a deep regex.
 */
export function base64Length(text: string): number | null {
	if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
	const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	return (text.length / 4) * 3 - padding;
}

/** Base64 text back to bytes; null when it is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
	if (base64Length(text) === null) return null;
	const binary = atob(text);
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}
