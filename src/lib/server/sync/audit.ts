import type { AuditAction } from '$lib/domain/audit';
import { isSensitiveType } from '$lib/domain/privacy';
import type { Mutation, MutationResult, PullRequest, PushRequest } from '$lib/domain/sync/protocol';
import type { AuditEvent } from '../audit';
import type { Scope } from '../auth/actor';
import type { PullAnswer } from './pull';

/** Who synced and on which device, as every sync audit entry names them. */
export interface SyncWho {
	staffId: string;
	/** The device the person signed in on (their session's); the sync client id when unknown. */
	deviceId: string;
}

/**
 * The device is the one the session was started on, so sign-ins and syncs from one device share
 * its id in the log; the sync client (one per person's store on it) goes in the details.
 */
export function syncWho(
	request: { clientId: string },
	context: { scope: Scope; deviceId?: string | null | undefined }
): SyncWho {
	return { staffId: context.scope.staffId, deviceId: context.deviceId ?? request.clientId };
}

const ACTIONS: Record<Mutation['op'], AuditAction> = {
	create: 'record-create',
	update: 'record-update',
	archive: 'record-archive',
	restore: 'record-restore'
};

/**
 * The audit entries of one push: the push itself, then each change it applied, naming the record,
 * its area and the fields changed, and each change refused for the person's rights. Never the
 * values: they may be health data.
 */
export function pushAudit(
	request: PushRequest,
	scope: Scope,
	who: SyncWho,
	fresh: readonly Mutation[],
	results: readonly MutationResult[],
	areaOf: (recordId: string) => string | null
): AuditEvent[] {
	const byId = new Map(results.map((result) => [result.id, result]));
	const applied = fresh.filter((m) => byId.get(m.id)?.status === 'applied');
	const summary: AuditEvent = {
		...who,
		action: 'sync-push',
		details: {
			changes: request.mutations.length,
			applied: applied.length,
			rejected: fresh.length - applied.length,
			replayed: request.mutations.length - fresh.length,
			client: request.clientId
		}
	};
	const changes = applied.map((m): AuditEvent => ({
		...who,
		action: ACTIONS[m.op],
		targetType: m.type,
		targetId: m.recordId,
		areaId: areaOf(m.recordId),
		details: {
			mutation: m.id,
			fields: Object.keys(m.set).sort(),
			conflicts: byId.get(m.id)?.conflicts?.length ?? 0
		}
	}));
	const refused = fresh
		.filter((m) => byId.get(m.id)?.code === 'forbidden')
		.map((m): AuditEvent => ({
			...who,
			action: 'access-refused',
			targetType: m.type,
			targetId: m.recordId,
			areaId: areaOf(m.recordId) ?? m.area ?? null,
			details: { what: `sync ${m.op}`, mutation: m.id, role: scope.role }
		}));
	return [summary, ...changes, ...refused];
}

/**
 * The audit entry of one pull: what it sent the device, as counts (how many of the records were of
 * a sensitive type among them), or that it told the device to download again. A pull that sends
 * nothing moves no data, and a device asks every few minutes, so it is not recorded.
 */
export function pullAudit(request: PullRequest, by: SyncWho, answer: PullAnswer): AuditEvent | null {
	const who = { ...by, action: 'sync-pull' as const };
	if (answer.reset) return { ...who, details: { reset: true, client: request.clientId } };
	if (answer.changes.length === 0) return null;
	const count = { records: 0, sensitive: 0, conflicts: 0, removed: 0, forgotten: 0 };
	for (const change of answer.changes) {
		if (change.kind === 'record') {
			count.records++;
			if (isSensitiveType(change.record.type)) count.sensitive++;
		} else if (change.kind === 'conflict') count.conflicts++;
		else if (change.kind === 'tombstone') count.removed++;
		else count.forgotten++;
	}
	const { more } = answer;
	return {
		...who,
		details: { ...count, firstDownload: request.cursor === null, more, client: request.clientId }
	};
}
