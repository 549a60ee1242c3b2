import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	verify,
	type KeyObject
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config';

/**
 * The key that signs the audit log's checkpoints (S18). It is kept in a file, never in the
 * database: whoever can rewrite the database, hash chain and all, still cannot sign for it.
 */
export interface AuditKey extends AuditPublicKey {
	sign(message: string): string;
}

/** A key that checks checkpoints: this server's, or one that signed them before it (a rotated key). */
export interface AuditPublicKey {
	/** The first 16 hex digits of the SHA-256 of the public key: names the key in each checkpoint. */
	readonly id: string;
	/** Whether `signature` (base64) is this key's over `message`. */
	verify(message: string, signature: string): boolean;
}

/** Ed25519: small, fast, deterministic signatures, and no parameters to get wrong. */
function publicKeyOf(publicKey: KeyObject): AuditPublicKey {
	const id = createHash('sha256')
		.update(publicKey.export({ type: 'spki', format: 'der' }))
		.digest('hex')
		.slice(0, 16);
	return {
		id,
		verify: (message, signature) => {
			try {
				return verify(null, Buffer.from(message), publicKey, Buffer.from(signature, 'base64'));
			} catch {
				return false;
			}
		}
	};
}

function auditKeyOf(privateKey: KeyObject): AuditKey {
	return {
		...publicKeyOf(createPublicKey(privateKey)),
		sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64')
	};
}

/** A new key held only in memory: for tests, and for nothing that must verify later. */
export function ephemeralAuditKey(): AuditKey {
	return auditKeyOf(generateKeyPairSync('ed25519').privateKey);
}

/** The audit key file is missing or is not an Ed25519 private key in PEM: the operator's to fix. */
export class AuditKeyError extends ConfigError {
	override name = 'AuditKeyError';
}

/**
 * The key in `file` (PEM, PKCS#8). With `create`, a missing file is made with a new key, readable
 * by this user alone; an existing file is never overwritten.
 */
export function loadAuditKey(
	file: string,
	options: { create?: boolean } = {}
): AuditKey & { created: boolean } {
	let pem: string;
	let created = false;
	try {
		pem = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'ENOENT') {
			throw new AuditKeyError(
				`Cannot read the audit signing key at ${file} (${code ?? String(error)}). Check FELLSIDE_AUDIT_KEY_FILE.`
			);
		}
		if (!options.create) {
			throw new AuditKeyError(`There is no audit signing key at ${file}. Check FELLSIDE_AUDIT_KEY_FILE.`);
		}
		pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		try {
			mkdirSync(path.dirname(file), { recursive: true });
			// 'wx': never replace a key; another process starting at the same moment may have made one.
			writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
			created = true;
		} catch (failed) {
			const code = (failed as NodeJS.ErrnoException).code;
			if (code !== 'EEXIST' || !existsSync(file)) {
				throw new AuditKeyError(
					`Cannot make the audit signing key at ${file} (${code ?? String(failed)}). Set FELLSIDE_AUDIT_KEY_FILE to a file this server may write, or put a key there.`
				);
			}
			pem = readFileSync(file, 'utf8');
		}
	}
	let key: KeyObject;
	try {
		key = createPrivateKey(pem);
	} catch {
		throw new AuditKeyError(`${file} is not a private key in PEM form. Check FELLSIDE_AUDIT_KEY_FILE.`);
	}
	checkEd25519(key, file);
	return { ...auditKeyOf(key), created };
}

function checkEd25519(key: KeyObject, file: string): void {
	if (key.asymmetricKeyType !== 'ed25519') {
		throw new AuditKeyError(
			`${file} holds a ${key.asymmetricKeyType ?? 'symmetric'} key; the audit log is signed with an Ed25519 key.`
		);
	}
}

const PUBLIC_KEY_PEM = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/**
 * The public keys in `file` (PEM blocks one after another; none when the setting is unset): keys
 * this server signed with before its key was replaced, whose checkpoints still count. Add the old key's public half when rotating:
 * `openssl pkey -in old-key.pem -pubout >> previous-keys.pem`.
 */
export function loadPreviousAuditKeys(file: string | null): AuditPublicKey[] {
	if (file === null) return [];
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new AuditKeyError(
			code === 'ENOENT'
				? `There is no file of previous audit keys at ${file}. Check FELLSIDE_AUDIT_PREVIOUS_KEYS.`
				: `Cannot read the previous audit keys at ${file} (${code ?? String(error)}). Check FELLSIDE_AUDIT_PREVIOUS_KEYS.`
		);
	}
	const blocks = text.match(PUBLIC_KEY_PEM) ?? [];
	if (blocks.length === 0) {
		throw new AuditKeyError(`${file} holds no public key in PEM form. Check FELLSIDE_AUDIT_PREVIOUS_KEYS.`);
	}
	return blocks.map((pem, i) => {
		let key: KeyObject;
		try {
			key = createPublicKey(pem);
		} catch {
			throw new AuditKeyError(
				`Public key ${i + 1} in ${file} cannot be read. Check FELLSIDE_AUDIT_PREVIOUS_KEYS.`
			);
		}
		checkEd25519(key, file);
		return publicKeyOf(key);
	});
}
