import type {
	AccessibilityFeature,
	AssetKind,
	AssetLifecycleState,
	AssetStatus,
	ServedGroup
} from './schema';

/** What each code means to the people who use the app: labels for lists and forms, hints for radios. */

export const ASSET_KIND_LABELS: Record<AssetKind, string> = {
	skill: "Individual's skill",
	association: 'Association or group',
	institution: 'Institution',
	place: 'Physical place',
	economic: 'Economic asset',
	cultural: 'Cultural asset'
};

export const ASSET_KIND_HINTS: Record<AssetKind, string> = {
	skill: 'Something a person can do and is happy to share, like dry-stone walling or help with forms',
	association: "A club, society or informal group, like a lunch club or Men's Shed",
	institution: 'A public or voluntary body, like a library, school, GP practice or fire station',
	place: 'A building or space people can use, like a village hall, church hall or allotments',
	economic: 'Something that keeps money, food or goods in the community, like a community shop or foodbank',
	cultural: 'Local heritage, arts or traditions, like a brass band, heritage centre or agricultural show'
};

/** Open Referral UK's service statuses. */
export const ASSET_STATUS_LABELS: Record<AssetStatus, string> = {
	active: 'Active',
	inactive: 'Inactive',
	defunct: 'Defunct',
	temporarilyClosed: 'Temporarily closed'
};

export const ASSET_STATUS_HINTS: Record<AssetStatus, string> = {
	active: 'Running as usual',
	inactive: 'Not running at the moment, with no date to restart',
	defunct: 'Closed for good',
	temporarilyClosed: 'Closed for a while and expected to reopen'
};

export const ASSET_LIFECYCLE_LABELS: Record<AssetLifecycleState, string> = {
	draft: 'Draft',
	submitted: 'Submitted',
	verified: 'Verified',
	published: 'Published',
	archived: 'Archived'
};

export const ACCESSIBILITY_LABELS: Record<AccessibilityFeature, string> = {
	stepFreeAccess: 'Step-free access',
	accessibleToilet: 'Accessible toilet',
	hearingLoop: 'Hearing loop',
	parking: 'Parking on site or nearby',
	quietSpace: 'Quiet space',
	largePrint: 'Large print available',
	bslAvailable: 'British Sign Language (BSL) available',
	other: 'Other'
};

export const WHO_IT_SERVES_LABELS: Record<ServedGroup, string> = {
	everyone: 'Everyone',
	olderPeople: 'Older people',
	children: 'Children',
	youngPeople: 'Young people',
	families: 'Families',
	carers: 'Carers',
	disabledPeople: 'Disabled people',
	peopleWithDementia: 'People living with dementia',
	menOnly: 'Men only',
	womenOnly: 'Women only',
	other: 'Other'
};
