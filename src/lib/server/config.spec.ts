import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspSources, readMapSources } from '$lib/domain/map/sources.js';
import {
	auditKeyFile,
	auditPreviousKeysFile,
	ConfigError,
	loadConfig,
	parseDatabaseUrl,
	redact
} from './config';

describe('parseDatabaseUrl', () => {
	it('defaults to a SQLite file under ./data', () => {
		expect(parseDatabaseUrl(undefined, '/srv/fellside')).toEqual({
			kind: 'sqlite',
			path: '/srv/fellside/data/fellside.db'
		});
		expect(parseDatabaseUrl('  ', '/srv/fellside')).toEqual({
			kind: 'sqlite',
			path: '/srv/fellside/data/fellside.db'
		});
	});

	it('accepts a path, with or without sqlite: or file:', () => {
		expect(parseDatabaseUrl('/var/lib/fellside.db')).toEqual({
			kind: 'sqlite',
			path: '/var/lib/fellside.db'
		});
		expect(parseDatabaseUrl('sqlite:db/f.db', '/app')).toEqual({
			kind: 'sqlite',
			path: path.resolve('/app/db/f.db')
		});
		expect(parseDatabaseUrl('file:/tmp/x.db')).toEqual({ kind: 'sqlite', path: '/tmp/x.db' });
		expect(parseDatabaseUrl(':memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
	});

	it('accepts postgres:// and postgresql:// URLs', () => {
		for (const url of ['postgres://u:p@db.example.org:5433/fellside', 'postgresql://db/fellside']) {
			expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', url });
		}
	});

	it.each([
		['mysql://db/fellside', /SQLite file path or a postgres:\/\/ URL/],
		['postgres://u:secret@db.example.org:5432', /names no PostgreSQL database/],
		['postgres://', /not a valid PostgreSQL URL|names no PostgreSQL host/],
		['data/', /names a folder/]
	])('refuses %s with a clear reason', (raw, reason) => {
		expect(() => parseDatabaseUrl(raw)).toThrow(ConfigError);
		expect(() => parseDatabaseUrl(raw)).toThrow(reason);
	});

	it('never repeats a password in its message', () => {
		expect(() => parseDatabaseUrl('postgres://u:hunter2@db:5432')).toThrow(/u:\*\*\*@db/);
		expect(redact('postgres://u:hunter2@db/x')).toBe('postgres://u:***@db/x');
	});
});

describe('loadConfig', () => {
	it('reads seeding options', () => {
		expect(loadConfig({ FELLSIDE_SEED: 'demo', FELLSIDE_SEED_SIZE: '50' })).toMatchObject({
			seed: 'demo',
			seedSize: 50
		});
		expect(loadConfig({})).toMatchObject({ seed: 'none', seedSize: 400 });
	});

	it.each([
		[{ FELLSIDE_SEED: 'yes' }, /FELLSIDE_SEED must be "demo" or "none"/],
		[{ FELLSIDE_SEED_SIZE: 'lots' }, /FELLSIDE_SEED_SIZE must be a whole number/],
		[{ FELLSIDE_SEED_SIZE: '-1' }, /FELLSIDE_SEED_SIZE/],
		[{ FELLSIDE_SEED_SIZE: '2.5' }, /FELLSIDE_SEED_SIZE/]
	])('refuses %o', (env, reason) => {
		expect(() => loadConfig(env)).toThrow(reason);
	});

	it('reads the session lengths, with defaults', () => {
		expect(loadConfig({}).auth).toMatchObject({
			sessionIdleMs: 72 * 3_600_000,
			sessionMaxMs: 14 * 86_400_000,
			deviceLockMinutes: 10
		});
		expect(loadConfig({ FELLSIDE_SESSION_IDLE_HOURS: '8', FELLSIDE_SESSION_DAYS: '1' }).auth).toMatchObject({
			sessionIdleMs: 8 * 3_600_000,
			sessionMaxMs: 86_400_000,
			deviceLockMinutes: 10
		});
		expect(loadConfig({ FELLSIDE_DEVICE_LOCK_MINUTES: '3' }).auth.deviceLockMinutes).toBe(3);
		expect(() => loadConfig({ FELLSIDE_DEVICE_LOCK_MINUTES: '0' })).toThrow(/FELLSIDE_DEVICE_LOCK_MINUTES/);
		expect(() => loadConfig({ FELLSIDE_SESSION_IDLE_HOURS: '48', FELLSIDE_SESSION_DAYS: '1' })).toThrow(
			/cannot be longer than FELLSIDE_SESSION_DAYS/
		);
	});

	it('S20: refuses to start in production without an https ORIGIN, in one line', () => {
		expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
			'ORIGIN must be set in production: the https:// address people use, e.g. https://fellside.example.gov.uk'
		);
		expect(() => loadConfig({ NODE_ENV: 'production', ORIGIN: 'http://fellside.example' })).toThrow(
			/must be an https:\/\/ address in production/
		);
		expect(() => loadConfig({ ORIGIN: 'fellside' })).toThrow(/ORIGIN is not a web address/);
		expect(
			loadConfig({ NODE_ENV: 'production', ORIGIN: 'https://fellside.example.gov.uk/' }).auth
		).toMatchObject({ production: true, origin: 'https://fellside.example.gov.uk', secureCookie: true });
	});

	it('makes the cookie Secure except over plain http to another computer', () => {
		const secure = (ORIGIN?: string) => loadConfig({ ORIGIN }).auth.secureCookie;
		expect(secure('http://localhost:3000')).toBe(true);
		expect(secure('http://127.0.0.1:4317')).toBe(true);
		expect(secure('https://fellside.example.gov.uk')).toBe(true);
		expect(secure(undefined)).toBe(true);
		expect(secure('http://192.168.1.20:3000')).toBe(false);
	});
});

describe('auditKeyFile', () => {
	it('defaults to a file under ./data, and takes FELLSIDE_AUDIT_KEY_FILE and FELLSIDE_AUDIT_PREVIOUS_KEYS relative to the working directory', () => {
		expect(auditKeyFile({}, '/srv/fellside')).toBe(path.resolve('/srv/fellside/data/audit-signing-key.pem'));
		expect(auditKeyFile({ FELLSIDE_AUDIT_KEY_FILE: ' ' }, '/srv/fellside')).toBe(
			path.resolve('/srv/fellside/data/audit-signing-key.pem')
		);
		expect(auditKeyFile({ FELLSIDE_AUDIT_KEY_FILE: 'keys/audit.pem' }, '/srv/fellside')).toBe(
			path.resolve('/srv/fellside/keys/audit.pem')
		);
		expect(auditPreviousKeysFile({}, '/srv')).toBeNull();
		expect(auditPreviousKeysFile({ FELLSIDE_AUDIT_PREVIOUS_KEYS: 'keys/old.pem' }, '/srv')).toBe(
			path.resolve('/srv/keys/old.pem')
		);
		expect(auditKeyFile({ FELLSIDE_AUDIT_KEY_FILE: '/etc/fellside/audit.pem' }, '/srv')).toBe(
			'/etc/fellside/audit.pem'
		);
	});
});

describe('map settings', () => {
	const defaultBuild = cspSources(readMapSources({}));
	const tileServer = {
		FELLSIDE_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png',
		FELLSIDE_TILE_ATTRIBUTION: '© Example Maps'
	};

	it('default to OpenStreetMap tiles and no flood warnings', () => {
		expect(loadConfig({}, defaultBuild).map).toMatchObject({
			tiles: { urlTemplate: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', offlineSaving: false },
			floodWarnings: { enabled: false }
		});
	});

	it('refuse a mistake with one line naming the setting', () => {
		expect(() =>
			loadConfig({ FELLSIDE_TILE_URL: 'https://tiles.example.org/{z}.png' }, defaultBuild)
		).toThrow(
			new ConfigError(
				'FELLSIDE_TILE_URL must contain {z}, {x} and {y}; "https://tiles.example.org/{z}.png" has no {x} or {y}'
			)
		);
	});

	it('must match what the build’s Content-Security-Policy allows', () => {
		const built = cspSources(readMapSources(tileServer));
		expect(loadConfig(tileServer, built).map.tiles.urlTemplate).toBe(tileServer.FELLSIDE_TILE_URL);
		expect(() => loadConfig(tileServer, defaultBuild)).toThrow(
			new ConfigError(
				'the map settings need tiles from https://tiles.example.org and connections to none, but this build allows ' +
					'tiles from https://tile.openstreetmap.org and connections to none. Build again with the same ' +
					'FELLSIDE_TILE_* and FELLSIDE_FLOOD_WARNINGS* settings (npm run build)'
			)
		);
		// Turning flood warnings on needs their origin in connect-src, so a new build too.
		expect(() => loadConfig({ ...tileServer, FELLSIDE_FLOOD_WARNINGS: 'on' }, built)).toThrow(
			/need tiles from https:\/\/tiles\.example\.org and connections to https:\/\/environment\.data\.gov\.uk/
		);
	});
});
