import { areaIdSchema, areaName } from '$lib/domain/areas';
import { AUDIT_ACTIONS, type AuditDetails, type AuditEntry } from '$lib/domain/audit';
import { RECORD_TYPE_LABELS, recordTypeSchema, staffRoleSchema, type RecordType } from '$lib/domain/records';
import { ROLE_LABELS } from '$lib/domain/staff';
import { count } from '$lib/components/sync/time';

/**
 * The audit log in the users' words: what happened, to which record, and the details (ids, counts
 * and field names only: the log never holds what people typed). Actions and detail keys this code
 * does not know yet are still shown, in words made from their names.
 */

/** What happened, for the filter and for entries with nothing more to say. */
const ACTION_LABELS: Record<string, string> = {
	'sign-in': 'Signed in',
	'sign-in-failed': 'Sign-in refused',
	'sign-in-throttled': 'Sign-ins paused after too many failures',
	'sign-out': 'Signed out',
	'access-refused': 'Refused access',
	'sync-push': 'Sync: sent changes',
	'sync-pull': 'Sync: received changes',
	'record-create': 'Added a record',
	'record-update': 'Changed a record',
	'record-archive': 'Archived a record',
	'record-restore': 'Restored a record',
	'record-viewed': 'Opened a record',
	'record-exported': 'Saved a record to a file',
	'staff-create': 'Added a member of staff',
	'staff-update': 'Changed a member of staff',
	'staff-disable': 'Disabled a staff account',
	'staff-enable': 'Enabled a staff account',
	'staff-reset': 'Set a new password'
};

/** "sessionsEnded" or "sign-in-failed" as words: "Sessions ended", "Sign in failed". */
function words(name: string): string {
	const spaced = name
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/[-_]+/g, ' ')
		.toLowerCase();
	return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function actionLabel(action: string): string {
	return ACTION_LABELS[action] ?? words(action);
}

/** The filter's choices, in the order the log defines them. */
export const ACTION_OPTIONS = AUDIT_ACTIONS.map((value) => ({ value, label: actionLabel(value) }));

/** Record types as they read mid-sentence: "Opened a coach referral". */
const RECORD_NOUNS = {
	asset: 'community asset',
	visit: 'Safe and Well visit',
	referral: 'coach referral',
	floodGroup: 'flood group',
	floodContact: 'flood group contact',
	floodHousehold: 'household',
	floodActivation: 'call-tree activation'
} as const satisfies Record<RecordType, string>;

const RECORD_VERBS: Record<string, string> = {
	'record-create': 'Added',
	'record-update': 'Changed',
	'record-archive': 'Archived',
	'record-restore': 'Restored',
	'record-viewed': 'Opened'
};

const recordType = (type: string | null): RecordType | null => recordTypeSchema.safeParse(type).data ?? null;
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function nounOf(entry: AuditEntry): string {
	const type = recordType(entry.targetType);
	return type ? `a ${RECORD_NOUNS[type]}` : 'a record';
}

/** A view on a device is reported when it syncs, so say where and whether it was offline. */
function viewedWhere(details: AuditDetails): string {
	if (details.on !== 'device') return '';
	return details.offline === true ? ' on a device, offline' : ' on a device';
}

const counted = (what: string, n: number | null) => (n === null ? null : `${what} ${count(n, 'change')}`);

/** Actions whose details say more than their label: null when the details lack it. */
const DESCRIBERS: Record<string, (entry: AuditEntry) => string | null> = {
	'record-exported': (entry) => `Saved ${nounOf(entry)} to a file${viewedWhere(entry.details)}`,
	'sync-push': ({ details }) => counted('Sync: sent', number(details.changes)),
	'sync-pull': ({ details }) => {
		if (details.reset === true) return 'Sync: told to download again (role, areas or person changed)';
		const records = number(details.records);
		if (records === null) return null;
		const sensitive = number(details.sensitive) ?? 0;
		const removed = (number(details.forgotten) ?? 0) + (number(details.removed) ?? 0);
		return [
			`Sync: received ${count(records, 'record')}`,
			sensitive > 0 ? `, ${sensitive} with personal details` : '',
			removed > 0 ? `; ${count(removed, 'record')} removed from the device` : ''
		].join('');
	},
	'sign-in-failed': ({ details }) => {
		const reason = text(details.reason);
		return reason && `Sign-in refused: ${reason}`;
	},
	'access-refused': (entry) => {
		const what = text(entry.details.what);
		if (!what) return null;
		return entry.targetType ? `Refused: ${what} ${nounOf(entry)}` : `Refused: ${what}`;
	}
};

/** What happened, in one line: "Opened a coach referral", "Sync: sent 12 changes". */
export function describeAction(entry: AuditEntry): string {
	const { action, details } = entry;
	const verb = RECORD_VERBS[action];
	if (verb) return `${verb} ${nounOf(entry)}${action === 'record-viewed' ? viewedWhere(details) : ''}`;
	return DESCRIBERS[action]?.(entry) ?? actionLabel(action);
}

/** The start of an id, enough to tell records apart on a screen (the full id filters). */
export const shortId = (id: string): string => id.slice(0, 8);

/** Which record: "Coach referral 1a2b3c4d", or the member of staff whose account changed. */
export function describeTarget(entry: AuditEntry, staffNames: Record<string, string>): string | null {
	const id = entry.targetId;
	if (!id) return entry.targetType ? words(entry.targetType) : null;
	if (entry.targetType === 'staff') return `Member of staff: ${staffNames[id] ?? shortId(id)}`;
	const type = recordType(entry.targetType);
	const name = type ? RECORD_TYPE_LABELS[type].one : words(entry.targetType ?? 'record');
	return `${name} ${shortId(id)}`;
}

export function describeArea(areaId: string | null): string {
	if (!areaId) return '';
	const area = areaIdSchema.safeParse(areaId);
	return area.success ? areaName(area.data) : areaId;
}

/** Who acted: their name, "Nobody signed in" (a failed sign-in), or the id the log holds. */
export function describePerson(staffId: string | null, staffNames: Record<string, string>): string {
	if (!staffId) return 'Nobody signed in';
	return staffNames[staffId] ?? `Member of staff ${shortId(staffId)}`;
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
	timeZoneName: 'short'
});

/** "23 Nov 2026, 10:00:05 GMT": UK time, to the second, saying whether it is GMT or BST. */
export function formatAuditTime(iso: string): string {
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? iso : UK_TIME.format(ms);
}

const DETAIL_LABELS: Record<string, string> = {
	changes: 'Changes sent',
	applied: 'Applied',
	rejected: 'Refused',
	replayed: 'Sent before',
	fields: 'Fields',
	conflicts: 'Conflicts',
	mutation: 'Change id',
	what: 'Tried to',
	changed: 'Changed',
	on: 'Where',
	viewedAt: 'Opened at',
	exportedAt: 'Saved to a file at',
	view: 'View number on the device',
	offline: 'Without signal',
	client: 'Sync client (this person on this device)',
	records: 'Records sent',
	sensitive: 'With personal details',
	forgotten: 'Taken off the device (no longer theirs to see)',
	removed: 'Removed for good',
	firstDownload: 'First download',
	more: 'More to come',
	reset: 'Told to download again',
	type: 'Record type',
	counter: 'Limit reached',
	seconds: 'Paused for (seconds)'
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function detailValue(key: string, value: AuditDetails[string]): string {
	if (value === null) return 'none';
	if (typeof value === 'boolean') return value ? 'Yes' : 'No';
	if (Array.isArray(value)) {
		const items = key === 'areas' ? value.map(describeArea) : value;
		return items.length > 0 ? items.join(', ') : 'none';
	}
	if (typeof value === 'number') return String(value);
	const role = key === 'role' ? staffRoleSchema.safeParse(value).data : undefined;
	if (role) return ROLE_LABELS[role];
	const type = key === 'type' ? recordType(value) : null;
	if (type) return RECORD_TYPE_LABELS[type].one;
	return ISO_INSTANT.test(value) ? formatAuditTime(value) : value;
}

/** Every detail, labelled, in the order the log holds them (keys sorted). */
export function describeDetails(details: AuditDetails): { label: string; value: string }[] {
	return Object.entries(details).map(([key, value]) => ({
		label: DETAIL_LABELS[key] ?? words(key),
		value: detailValue(key, value)
	}));
}
