import { formatLongDate, ukDate } from '$lib/domain/common/dates';
import { formatPhone } from '$lib/domain/common';
import type { FloodZone } from '$lib/domain/flood';

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	hour: '2-digit',
	minute: '2-digit'
});

/** "06:22", UK time, whatever zone the phone is set to. */
export function timeOf(isoDateTime: string): string {
	return UK_TIME.format(new Date(isoDateTime));
}

/** "06:22 on 20 January 2026". */
export function whenOf(isoDateTime: string): string {
	return `${timeOf(isoDateTime)} on ${formatLongDate(ukDate(new Date(isoDateTime)))}`;
}

export function zoneName(zones: readonly FloodZone[], zoneId: string | undefined): string {
	if (!zoneId) return 'Coordination (no zone)';
	return zones.find((zone) => zone.id === zoneId)?.name ?? 'A zone no longer in the plan';
}

export { formatLongDate, formatPhone };
