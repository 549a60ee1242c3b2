import { CALLED_STATUSES, cascadeProblems, type ContactOnFile } from './cascade';
import { reviewDue, reviewDueOn } from './contact';
import { formatLongDate } from '../common/dates';
import type { FloodGroup, WithId } from './group';

/**
 * What a coordinator should see to before the next flood. None of these stop a record being saved:
 * an overdue plan is still the plan, and a zone without a warden is exactly what they need to know.
 */
export function needsAttention(
	group: WithId<FloodGroup>,
	contacts: readonly ContactOnFile[],
	today: string
): string[] {
	const mine = contacts.filter((c) => c.groupId === group.id && c.status !== 'withdrawn');
	const reasons: string[] = [];

	if (group.planReviewDate < today) {
		reasons.push(`The flood plan was due for review on ${formatLongDate(group.planReviewDate)}`);
	}

	// Review due still counts: they are on the cascade while their details are checked.
	for (const zone of group.zones) {
		const covered = mine.some(
			(c) =>
				c.role === 'warden' && c.zoneId === zone.id && (c.status === 'active' || c.status === 'reviewDue')
		);
		if (!covered) reasons.push(`${zone.name} has no active warden`);
	}

	reasons.push(...new Set(cascadeProblems(mine, group.zones).map((problem) => problem.message)));

	for (const contact of mine) {
		if (!reviewDue(contact, today)) continue;
		const due = reviewDueOn(contact);
		// Flagged early by hand, the date is still ahead: just say it is due.
		reasons.push(
			due && due <= today
				? `${contact.name} has been due a review since ${formatLongDate(due)}`
				: `${contact.name} is due a review`
		);
	}

	const zoneIds = new Set(group.zones.map((zone) => zone.id));
	for (const contact of mine) {
		if (contact.zoneId && !zoneIds.has(contact.zoneId)) {
			reasons.push(`${contact.name} is in a zone that is no longer in the plan`);
		}
	}

	for (const store of group.equipmentStores) {
		const callable = mine.some(
			(c) => store.keyholderContactIds.includes(c.id) && CALLED_STATUSES.includes(c.status)
		);
		if (!callable) reasons.push(`No keyholder can be called for ${store.name}`);
	}

	return reasons;
}
