import type { RecordEnvelope } from './records';

export interface RecordSummary {
	title: string;
	detail: string;
	status: string;
}

/**
 * One line per record for lists, read defensively: until the per-type schemas land a field may be
 * missing, and a list must still render.
 */
export function summarise(record: RecordEnvelope): RecordSummary {
	const d = record.data;
	switch (record.type) {
		case 'asset':
			return {
				title: text(d.name),
				detail: [label(d.kind), text(at(d.location, 'town'))].filter(Boolean).join(' · '),
				status: label(d.status)
			};
		case 'visit':
			return {
				title: text(at(d.address, 'line1')) || 'Visit',
				detail: [text(at(d.address, 'town')), dateOnly(d.scheduledFor)].filter(Boolean).join(' · '),
				status: label(d.status)
			};
		case 'referral':
			return {
				title: text(at(d.person, 'name')) || 'Referral',
				detail: [label(d.source), dateOnly(d.receivedOn)].filter(Boolean).join(' · '),
				status: label(d.status)
			};
		case 'floodGroup':
			return {
				title: text(d.name),
				detail: [text(d.town), Array.isArray(d.zones) ? `${d.zones.length} zones` : '']
					.filter(Boolean)
					.join(' · '),
				status: dateOnly(d.planReviewDate) ? `Plan review ${dateOnly(d.planReviewDate)}` : ''
			};
	}
}

function at(value: unknown, key: string): unknown {
	return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function dateOnly(value: unknown): string {
	return typeof value === 'string' ? value.slice(0, 10) : '';
}

/** camelCase codes to words a person reads: "temporarilyClosed" → "Temporarily closed". */
export function label(value: unknown): string {
	const s = text(value);
	if (!s) return '';
	const words = s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}
