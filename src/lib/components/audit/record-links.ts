import { repository } from '$lib/client/repositories';
import { recordHref } from '$lib/components/sync/links';
import type { AuditEntry } from '$lib/domain/audit';
import { recordTypeSchema } from '$lib/domain/records';

/**
 * The pages, on this device, of the records a page of the log names: only records the device
 * holds (a flood group's parts need their group, which only the device's copy knows).
 */
export async function recordLinks(entries: readonly AuditEntry[]): Promise<Record<string, string>> {
	const links: Record<string, string> = {};
	for (const entry of entries) {
		const type = recordTypeSchema.safeParse(entry.targetType).data;
		const id = entry.targetId;
		if (!type || !id || id in links) continue;
		const record = await repository(type).get(id);
		const href = record ? recordHref(record) : null;
		if (href) links[id] = href;
	}
	return links;
}
