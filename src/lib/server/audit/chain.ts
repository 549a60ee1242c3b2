import { hash } from 'node:crypto';
import type { AuditLogTable } from '../db/schema';

/** The hash the first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry's content as stored, without its hash. */
export type ChainedContent = Omit<AuditLogTable, 'hash' | 'seq'> & { seq: number | string };

/** JSON with keys sorted at every level, so the same details always give the same text. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value === null || typeof value !== 'object') return value;
	const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
	return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
}

/**
 * SHA-256 over the previous entry's hash and this entry's content in a fixed order. The sequence
 * number is part of it, so a removed or reordered entry breaks the chain as surely as an edit.
 */
export function entryHash(content: ChainedContent): string {
	const fields = [
		Number(content.seq),
		content.at,
		content.action,
		content.staff_id,
		content.device_id,
		content.ip,
		content.target_type,
		content.target_id,
		content.area_id,
		content.details
	];
	// One call over both: the same digest as hashing them one after the other, made faster.
	return hash('sha256', content.prev_hash + JSON.stringify(fields), 'hex');
}
