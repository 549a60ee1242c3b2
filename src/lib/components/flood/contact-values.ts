import { cleanFormValues } from '$lib/client/form-values';
import { formatPhone } from '$lib/domain/common';
import {
	type Channel,
	type ConsentMethod,
	type ContactRole,
	type ContactStatus,
	type FloodContact
} from '$lib/domain/flood';
import { toNumber } from './values';

export interface ContactValues {
	name: string;
	role: ContactRole | undefined;
	zoneId: string | undefined;
	cascadeOrder: string;
	phones: string[];
	email: string;
	preferredChannel: Channel | undefined;
	status: ContactStatus;
	consent: { givenOn: string; method: ConsentMethod | undefined; recordedBy: string };
	lastReviewedOn: string;
}

export function contactValues(contact?: FloodContact): ContactValues {
	return {
		name: contact?.name ?? '',
		role: contact?.role,
		zoneId: contact?.zoneId,
		cascadeOrder: contact ? String(contact.cascadeOrder) : '',
		// One empty box to start: most contacts have a phone.
		phones: contact ? contact.phones.map(formatPhone) : [''],
		email: contact?.email ?? '',
		preferredChannel: contact?.preferredChannel,
		// Everyone starts invited: they go on the call tree once they have agreed.
		status: contact?.status ?? 'invited',
		consent: {
			givenOn: contact?.consent?.givenOn ?? '',
			method: contact?.consent?.method,
			recordedBy: contact?.consent?.recordedBy ?? ''
		},
		lastReviewedOn: contact?.lastReviewedOn ?? ''
	};
}

export function prepareContact(values: ContactValues, groupId: string): unknown {
	return cleanFormValues({ ...values, groupId, cascadeOrder: toNumber(values.cascadeOrder) }) ?? {};
}
