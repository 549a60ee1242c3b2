import { cleanFormValues } from '$lib/client/form-values';
import type { ConsentMethod, FloodHousehold, Vulnerability } from '$lib/domain/flood';
import { toNumber } from './values';

export interface HouseholdValues {
	zoneId: string | undefined;
	address: { line1: string; line2: string; town: string; postcode: string; uprn?: string };
	occupants: string;
	consent: { givenOn: string; givenBy: string; method: ConsentMethod | undefined };
	vulnerabilities: Vulnerability[];
	notes: string;
	keyholderContactId: string | undefined;
}

export function householdValues(household?: FloodHousehold, town = ''): HouseholdValues {
	const address: HouseholdValues['address'] = {
		line1: household?.address.line1 ?? '',
		line2: household?.address.line2 ?? '',
		// Most households are in the group's own town.
		town: household?.address.town ?? town,
		postcode: household?.address.postcode ?? ''
	};
	if (household?.address.uprn) address.uprn = household.address.uprn;
	return {
		zoneId: household?.zoneId,
		address,
		occupants: household ? String(household.occupants) : '',
		consent: {
			givenOn: household?.consent?.givenOn ?? '',
			givenBy: household?.consent?.givenBy ?? '',
			method: household?.consent?.method
		},
		vulnerabilities: [...(household?.vulnerabilities ?? [])],
		notes: household?.notes ?? '',
		keyholderContactId: household?.keyholderContactId
	};
}

export function prepareHousehold(values: HouseholdValues, groupId: string): unknown {
	return cleanFormValues({ ...values, groupId, occupants: toNumber(values.occupants) }) ?? {};
}
