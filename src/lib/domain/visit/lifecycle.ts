import { defineLifecycle, type Guard } from '../common/lifecycle';
import { VISIT_STATUS_LABELS, type VisitStatus } from './codes';
import { VISIT_MESSAGES as M } from './messages';
import type { Visit } from './schema';

/**
 * Requested → scheduled → in progress → completed → closed, with no-access and declined exits.
 * Guards look at the visit as it would be after the move (the form's new answers filled in).
 *
 * Beyond the list, two moves are allowed because they happen in the field:
 * - in progress → scheduled: the visit had to stop (the person was unwell, the crew was called to an
 *   incident) and another appointment is booked; the outcome says so.
 * - no access → requested / declined: after no answer, the person is put back on the list to be
 *   phoned, or they ring to say they do not want the visit.
 * Declined and closed are final: a change of mind is a new request, with fresh consent.
 */

const hasAppointment: Guard<Visit> = (v) => (v.scheduledFor ? null : M.scheduleNeedsTime);
const consentedToVisit: Guard<Visit> = (v) => (v.consent?.toVisit === true ? null : M.consentToVisit);
const finishedOutcome: Guard<Visit> = (v) =>
	v.outcome === 'completed' || v.outcome === 'partial' ? null : M.finishNeedsOutcome;
const rebookOutcome: Guard<Visit> = (v) => (v.outcome === 'rebook' ? null : M.rebookNeedsOutcome);

export const visitLifecycle = defineLifecycle<VisitStatus, Visit>({
	labels: VISIT_STATUS_LABELS,
	moves: {
		requested: { scheduled: [hasAppointment], declined: [] },
		scheduled: { inProgress: [consentedToVisit], noAccess: [], declined: [], requested: [] },
		inProgress: { completed: [finishedOutcome], declined: [], scheduled: [hasAppointment, rebookOutcome] },
		noAccess: { scheduled: [hasAppointment], requested: [], declined: [] },
		completed: { closed: [] }
	}
});
