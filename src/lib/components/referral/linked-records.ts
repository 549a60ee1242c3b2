import { repository } from '$lib/client/repositories';
import type { StoredRecord } from '$lib/client/store/database';
import type { AreaId } from '$lib/domain/areas';
import { kindOf } from '$lib/domain/record-kinds';

/**
 * Safe and Well visits and community assets on the device, as choices for a referral in the same
 * area. Titles come from each type's own kind; a record another version wrote that its kind cannot
 * describe still gets a plain label rather than breaking the form.
 */
export type LinkOption = { value: string; label: string; title: string; detail: string };

function describe(record: StoredRecord, fallback: string): LinkOption {
	const kind = kindOf(record.type);
	try {
		const title = kind.title(record.data);
		const detail = kind.detail(record.data);
		return { value: record.id, title, detail, label: detail ? `${title} – ${detail}` : title };
	} catch {
		return { value: record.id, title: fallback, detail: '', label: fallback };
	}
}

/** Visits in the area, the ones at the person's postcode first, then the most recent. */
export async function visitOptions(areaId: AreaId, postcode = ''): Promise<LinkOption[]> {
	const wanted = postcode.replace(/\s+/g, '').toUpperCase();
	const atPostcode = (r: StoredRecord) => {
		const address = r.data.address as { postcode?: unknown } | undefined;
		const code = typeof address?.postcode === 'string' ? address.postcode : '';
		return wanted !== '' && code.replace(/\s+/g, '').toUpperCase() === wanted;
	};
	const visits = await repository('visit').list({ areaId, order: 'newest' });
	const sorted = [...visits.filter(atPostcode), ...visits.filter((v) => !atPostcode(v))];
	return sorted.map((visit) => describe(visit, 'A Safe and Well visit'));
}

export async function assetOptions(areaId: AreaId): Promise<LinkOption[]> {
	const assets = await repository('asset').list({ areaId, order: 'title' });
	return assets.map((asset) => describe(asset, 'A community asset'));
}

/** One linked record, for the detail page; null when it is not on this device. */
export async function linkedRecord(id: string, type: 'visit' | 'asset'): Promise<LinkOption | null> {
	const record = await repository(type).get(id);
	return record ? describe(record, type === 'visit' ? 'Safe and Well visit' : 'Community asset') : null;
}
