import type { AuditAction } from '$lib/domain/audit';
import type { Mutation, MutationResult, PushRequest } from '$lib/domain/sync/protocol';
import type { AuditEvent } from '../audit';
import type { Scope } from '../auth/actor';

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
	fresh: readonly Mutation[],
	results: readonly MutationResult[],
	areaOf: (recordId: string) => string | null
): AuditEvent[] {
	const byId = new Map(results.map((result) => [result.id, result]));
	const who = { staffId: scope.staffId, deviceId: request.clientId };
	const applied = fresh.filter((m) => byId.get(m.id)?.status === 'applied');
	const summary: AuditEvent = {
		...who,
		action: 'sync-push',
		details: {
			changes: request.mutations.length,
			applied: applied.length,
			rejected: fresh.length - applied.length,
			replayed: request.mutations.length - fresh.length
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
