import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditKeyError, ephemeralAuditKey, loadAuditKey, loadPreviousAuditKeys } from './key';

describe('the audit signing key', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'fellside-audit-key-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('is made once, readable by its owner alone, and the same key when loaded again', () => {
		const file = path.join(dir, 'keys', 'audit.pem');
		const made = loadAuditKey(file, { create: true });
		expect(made.created).toBe(true);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const pem = readFileSync(file, 'utf8');
		const again = loadAuditKey(file, { create: true });
		expect(again).toMatchObject({ created: false, id: made.id });
		expect(readFileSync(file, 'utf8')).toBe(pem);
		expect(again.verify('checkpoint', made.sign('checkpoint'))).toBe(true);
	});

	it('checks signatures: another message, another key or a garbled signature fail', () => {
		const key = ephemeralAuditKey();
		const signature = key.sign('entry 7');
		expect(key.verify('entry 7', signature)).toBe(true);
		expect(key.verify('entry 8', signature)).toBe(false);
		expect(ephemeralAuditKey().verify('entry 7', signature)).toBe(false);
		expect(key.verify('entry 7', 'not base64 at all!')).toBe(false);
		expect(key.id).toMatch(/^[0-9a-f]{16}$/);
	});

	it('says clearly when the file is missing, not a key, or the wrong kind of key', () => {
		const missing = path.join(dir, 'none.pem');
		expect(() => loadAuditKey(missing)).toThrow(
			new AuditKeyError(`There is no audit signing key at ${missing}. Check FELLSIDE_AUDIT_KEY_FILE.`)
		);
		const garbage = path.join(dir, 'garbage.pem');
		writeFileSync(garbage, 'hello');
		expect(() => loadAuditKey(garbage, { create: true })).toThrow(/is not a private key in PEM form/);
		const rsa = path.join(dir, 'rsa.pem');
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		writeFileSync(rsa, privateKey.export({ type: 'pkcs8', format: 'pem' }));
		expect(() => loadAuditKey(rsa)).toThrow(/holds a rsa key; the audit log is signed with an Ed25519 key/);
		// A file stands where its folder would be.
		const blocked = path.join(garbage, 'audit.pem');
		expect(() => loadAuditKey(blocked, { create: true })).toThrow(
			new AuditKeyError(
				`Cannot read the audit signing key at ${blocked} (ENOTDIR). Check FELLSIDE_AUDIT_KEY_FILE.`
			)
		);
		// A folder that cannot be made, even by root: a link to nowhere stands where it would go.
		symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
		const unmade = path.join(dir, 'dangling', 'audit.pem');
		expect(() => loadAuditKey(unmade, { create: true })).toThrow(
			new AuditKeyError(
				`Cannot make the audit signing key at ${unmade} (ENOENT). Set FELLSIDE_AUDIT_KEY_FILE to a file this server may write, or put a key there.`
			)
		);
	});

	it('reads earlier keys from their public halves, several to a file, and refuses anything else', () => {
		const pems = [1, 2].map(() => {
			const file = path.join(dir, `old-${Math.random()}.pem`);
			const key = loadAuditKey(file, { create: true });
			const pem = createPrivateKey(readFileSync(file, 'utf8'))
				.export({ type: 'pkcs8', format: 'pem' })
				.toString();
			const publicPem = createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
			return { key, publicPem };
		});
		const previous = path.join(dir, 'previous.pem');
		writeFileSync(previous, `# rotated 2026\n${pems[0]?.publicPem}\n${pems[1]?.publicPem}`);
		const loaded = loadPreviousAuditKeys(previous);
		expect(loaded.map((k) => k.id)).toEqual(pems.map((p) => p.key.id));
		expect(loaded[1]?.verify('entry 3', pems[1]?.key.sign('entry 3') ?? '')).toBe(true);
		expect(loaded[0]?.verify('entry 3', pems[1]?.key.sign('entry 3') ?? '')).toBe(false);

		expect(loadPreviousAuditKeys(null)).toEqual([]);
		// A file stands where its folder would be.
		const blocked = path.join(previous, 'previous.pem');
		expect(() => loadPreviousAuditKeys(blocked)).toThrow(
			new AuditKeyError(
				`Cannot read the previous audit keys at ${blocked} (ENOTDIR). Check FELLSIDE_AUDIT_PREVIOUS_KEYS.`
			)
		);
		expect(() => loadPreviousAuditKeys(path.join(dir, 'none.pem'))).toThrow(
			/There is no file of previous audit keys at .*none\.pem\. Check FELLSIDE_AUDIT_PREVIOUS_KEYS\./
		);
		writeFileSync(previous, 'hello');
		expect(() => loadPreviousAuditKeys(previous)).toThrow(/holds no public key in PEM form/);
		const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		writeFileSync(previous, publicKey.export({ type: 'spki', format: 'pem' }));
		expect(() => loadPreviousAuditKeys(previous)).toThrow(/holds a rsa key/);
		writeFileSync(previous, '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n');
		expect(() => loadPreviousAuditKeys(previous)).toThrow(/Public key 1 in .* cannot be read/);
	});
});
