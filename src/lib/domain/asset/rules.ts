import { addMonths, assertIsoDate, formatLongDate } from '../common/dates';
import { CHECKED_STATES, LISTED_STATES, type Asset } from './schema';

/** Details in a directory go stale: Open Referral UK's `assured_date` is re-checked yearly. */
export const REVERIFY_AFTER_MONTHS = 12;

/** The day re-verification falls due: 12 calendar months after it was last checked, or null if never. */
export function reverificationDueOn(asset: Pick<Asset, 'lastVerified'>): string | null {
	return asset.lastVerified ? addMonths(asset.lastVerified, REVERIFY_AFTER_MONTHS) : null;
}

/**
 * Does a verified or published asset need checking again on `today` (`YYYY-MM-DD`)? Due on the
 * anniversary itself. Drafts, submissions and archived assets are never due: nobody vouches for them.
 * One with no date (older data) is due at once.
 */
export function reverificationDue(asset: Pick<Asset, 'lifecycle' | 'lastVerified'>, today: string): boolean {
	assertIsoDate(today);
	if (!CHECKED_STATES.includes(asset.lifecycle)) return false;
	const dueOn = reverificationDueOn(asset);
	return dueOn === null || dueOn <= today;
}

/** Why a list should flag this asset today, in plain words; empty when all is well. */
export function needsAttention(
	asset: Pick<Asset, 'kind' | 'status' | 'lifecycle' | 'lastVerified' | 'consentToPublish'>,
	today: string
): string[] {
	const reasons: string[] = [];
	if (asset.lifecycle === 'submitted') reasons.push('Waiting for verification');
	if (asset.lifecycle === 'verified') reasons.push('Verified, waiting to be published');
	if (reverificationDue(asset, today)) {
		const dueOn = reverificationDueOn(asset);
		reasons.push(
			dueOn
				? `Re-verification due since ${formatLongDate(dueOn)}`
				: 'Re-verification due: date last checked not recorded'
		);
	}
	// The schema refuses this, but records from before it (or imports) may still hold it.
	if (asset.kind === 'skill' && LISTED_STATES.includes(asset.lifecycle) && !asset.consentToPublish) {
		reasons.push("No consent to publish this person's skill");
	}
	// Open Referral UK lets a directory show "defunct", but it should not stay listed for long.
	if (asset.lifecycle === 'published' && asset.status === 'defunct') {
		reasons.push('Defunct but still published: archive it');
	}
	return reasons;
}
