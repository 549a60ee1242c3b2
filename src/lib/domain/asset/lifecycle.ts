import { defineLifecycle, type Guard } from '../common';
import { ASSET_LIFECYCLE_LABELS } from './labels';
import type { Asset, AssetLifecycleState } from './schema';

/**
 * draft → submitted → verified → published, with "return for changes" back to draft, "unpublish"
 * (published → verified), archive from anywhere and restore (archived → draft).
 *
 * Guards see a `Partial<Asset>` so a half-filled form can be asked "may I submit?" before it is saved,
 * and each guard covers a rule the schema applies in the state being entered: a move a guard allows
 * always leaves a record the schema accepts.
 */
export type AssetMoveFacts = Partial<Asset>;

type AssetGuard = Guard<AssetMoveFacts>;

const hasName: AssetGuard = (a) => (a.name?.trim() ? null : 'Enter the name before submitting');

const hasKind: AssetGuard = (a) => (a.kind ? null : 'Select what kind of asset it is before submitting');

const skillHasHolder: AssetGuard = (a) =>
	a.kind === 'skill' && !a.holderName?.trim()
		? 'Enter the name of the person with the skill before submitting'
		: null;

const skillConsentBefore =
	(doing: string): AssetGuard =>
	(a) =>
		a.kind === 'skill' && a.consentToPublish !== true
			? `Record the person's consent to publish before ${doing} their skill`
			: null;

const placeHasLocation: AssetGuard = (a) =>
	a.kind === 'place' && !a.location ? 'Add the location of the place before submitting' : null;

const hasLastVerified: AssetGuard = (a) =>
	a.lastVerified ? null : 'Enter the date the details were checked before verifying';

const notDefunct: AssetGuard = (a) => (a.status === 'defunct' ? 'A defunct asset cannot be published' : null);

export const assetLifecycle = defineLifecycle<AssetLifecycleState, AssetMoveFacts>({
	labels: ASSET_LIFECYCLE_LABELS,
	moves: {
		draft: {
			submitted: [hasName, hasKind, skillHasHolder, skillConsentBefore('submitting'), placeHasLocation],
			archived: []
		},
		submitted: { verified: [hasLastVerified], draft: [], archived: [] },
		verified: { published: [skillConsentBefore('publishing'), notDefunct], draft: [], archived: [] },
		// Unpublish keeps the check: if the concern that took it down clears, it can go back up at once.
		// Editing a published asset needs no move at all; reworking it goes via verified → draft.
		published: { verified: [], archived: [] },
		archived: { draft: [] }
	}
});

/** The button for each allowed move, in the users' words. */
export const ASSET_ACTION_LABELS: {
	[From in AssetLifecycleState]: { [To in AssetLifecycleState]?: string };
} = {
	draft: { submitted: 'Submit for verification', archived: 'Archive' },
	submitted: { verified: 'Mark as verified', draft: 'Return for changes', archived: 'Archive' },
	verified: { published: 'Publish', draft: 'Return for changes', archived: 'Archive' },
	published: { verified: 'Unpublish', archived: 'Archive' },
	archived: { draft: 'Restore' }
};
