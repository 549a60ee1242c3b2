import type { FieldError } from '$lib/domain/common/errors';
import { VISIT_MESSAGES, visitLifecycle, type Visit } from '$lib/domain/visit';
import type { Outcome, VisitStatus } from '$lib/domain/visit';

/**
 * Where a recorded visit goes when it is saved, decided by its outcome and always checked by the
 * visit's lifecycle, never set directly: completed or partly completed finishes it, refused means
 * they declined, "needs another appointment" books it again.
 */
export function statusForOutcome(outcome: Outcome | undefined, current: VisitStatus): VisitStatus {
	const recording: VisitStatus = current === 'scheduled' ? 'inProgress' : current;
	switch (outcome) {
		case 'completed':
		case 'partial':
			return recording === 'inProgress' ? 'completed' : recording;
		case 'refused':
			return 'declined';
		case 'rebook':
			return 'scheduled';
		default:
			return recording;
	}
}

/** The lifecycle moves from `from` to `to`; recording a scheduled visit first starts it. */
export function movesBetween(from: VisitStatus, to: VisitStatus): [VisitStatus, VisitStatus][] {
	if (from === to) return [];
	if (from === 'scheduled' && to !== 'inProgress' && to !== 'scheduled') {
		return [
			['scheduled', 'inProgress'],
			['inProgress', to]
		];
	}
	if (from === 'scheduled' && to === 'scheduled') return [];
	return [[from, to]];
}

/** The lifecycle's first refusal of these moves, at the field the person must change. */
export function lifecycleErrors(from: VisitStatus, to: VisitStatus, visit: Visit): FieldError[] {
	for (const [a, b] of movesBetween(from, to)) {
		const verdict = visitLifecycle.check(a, b, visit);
		if (!verdict.ok) return [{ path: pathForRefusal(verdict.reason), message: verdict.reason }];
	}
	return [];
}

function pathForRefusal(reason: string): string {
	if (reason === VISIT_MESSAGES.scheduleNeedsTime) return 'scheduledFor';
	if (reason === VISIT_MESSAGES.consentToVisit) return 'consent.toVisit';
	return 'outcome';
}
