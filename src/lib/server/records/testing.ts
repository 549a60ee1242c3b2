import type { AreaId } from '$lib/domain/areas';
import { exampleAsset } from '$lib/domain/asset/fixtures';
import {
	keswickContacts,
	keswickGroup,
	keswickHouseholds,
	stormActivation
} from '$lib/domain/flood/fixtures';
import { exampleReferral } from '$lib/domain/referral/fixtures';
import type { RecordType } from '$lib/domain/records';
import type { JsonValue } from '$lib/domain/sync/protocol';
import { exampleVisit } from '$lib/domain/visit/fixtures';
import { sessionPolicy, type SignedIn } from '../api/context';
import { contextFor, jsonRequest, TEST_AUTH, TEST_ORIGIN } from '../api/testing';
import type { AuditStore } from '../audit';
import { sessionToken } from '../auth/cookie';
import { signInRoute } from '../auth/routes';
import { resolveSession } from '../auth/sessions';

/** Test support for the record endpoints: valid data of every type, and callers signed in by cookie. */

type Fields = Record<string, JsonValue>;
const withoutId = ({ id: _id, ...rest }: { id: string } & object) => rest;
const asFields = (value: object) => JSON.parse(JSON.stringify(value)) as Fields;

/** Valid data of each type, as a device would send it; an assignee is set only where a test asks. */
export function sampleData(type: RecordType, assignee?: string): Fields {
	switch (type) {
		case 'asset':
			return asFields(exampleAsset());
		case 'visit': {
			const { assignedTo: _a, ...visit } = exampleVisit();
			return asFields(assignee ? { ...visit, assignedTo: assignee } : visit);
		}
		case 'referral': {
			const { assignedCoach: _c, ...referral } = exampleReferral();
			return asFields(assignee ? { ...referral, assignedCoach: assignee } : referral);
		}
		case 'floodGroup':
			return asFields(withoutId(keswickGroup));
		case 'floodContact':
			return asFields(withoutId(keswickContacts[0] as { id: string }));
		case 'floodHousehold':
			return asFields(withoutId(keswickHouseholds[0] as { id: string }));
		case 'floodActivation':
			return asFields(withoutId(stormActivation));
	}
}

/** A free-text field of each type and a new valid value for it: the change the tests make. */
export const SAMPLE_CHANGE: Record<RecordType, Fields> = {
	asset: { name: 'Greta Side Hall' },
	visit: { notes: 'Alarm tested again.' },
	referral: { whatMatters: 'Walking again.' },
	floodGroup: { notes: 'Trigger reviewed.' },
	floodContact: { name: 'Margaret Hodgson-Tyson' },
	floodHousehold: { notes: 'Stairlift serviced.' },
	floodActivation: { title: 'Storm warning – River Greta (update)' }
};

/** Signed in through the real sign-in route; the session is found from its cookie, as the hook finds it. */
export async function signedInByCookie(
	store: AuditStore,
	username: string,
	password: string,
	now: () => Date = () => new Date()
): Promise<SignedIn> {
	const response = await signInRoute(
		jsonRequest('/api/v1/auth/sign-in', { username, password }),
		contextFor(store, null, { now })
	);
	if (response.status !== 200) throw new Error(`${username} could not sign in: ${await response.text()}`);
	const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? null;
	const token = sessionToken({ secure: TEST_AUTH.secureCookie }, cookie);
	const session = token ? await resolveSession(store.db, token, now(), sessionPolicy(TEST_AUTH)) : null;
	if (!session) throw new Error(`${username}'s cookie does not stand for a session`);
	return session;
}

export const recordUrl = (path: string) => new URL(`${TEST_ORIGIN}/api/v1/records${path}`);

/** An area each test person works in, and one they do not. */
export const HOME: AreaId = 'eden';
export const AWAY: AreaId = 'copeland';
