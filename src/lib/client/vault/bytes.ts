/**
 * IndexedDB (and fake-indexeddb) may hand back typed arrays from another realm, or views over a
 * larger buffer; WebCrypto wants a plain array of its own.
 */
export const bytes = (value: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(value);
