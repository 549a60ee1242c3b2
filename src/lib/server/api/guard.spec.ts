import { describe, expect, it } from 'vitest';
import { changesState, checkChangeRequest } from './guard';

const SERVER = 'https://fellside.example.gov.uk';
const check = (contentType: string | null, origin: string | null, secFetchSite: string | null) =>
	checkChangeRequest({ contentType, origin, secFetchSite, serverOrigin: SERVER })?.status ?? 'allowed';

describe('the cross-site check for requests that change anything (S07)', () => {
	it.each([
		[
			'a form post from another site',
			'application/x-www-form-urlencoded',
			'https://evil.example',
			'cross-site',
			415
		],
		['a multipart form', 'multipart/form-data; boundary=x', SERVER, 'same-origin', 415],
		[
			'text/plain from another site (no preflight needed)',
			'text/plain',
			'https://evil.example',
			'cross-site',
			415
		],
		['no content type', null, SERVER, 'same-origin', 415],
		['JSON from another site', 'application/json', 'https://evil.example', 'cross-site', 403],
		['JSON from a sibling subdomain', 'application/json', 'https://x.example.gov.uk', 'same-site', 403],
		[
			'JSON naming another origin, no Sec-Fetch-Site',
			'application/json',
			'http://fellside.example.gov.uk',
			null,
			403
		],
		['JSON from Fellside itself', 'application/json', SERVER, 'same-origin', 'allowed'],
		['JSON with a charset', 'application/json; charset=utf-8', SERVER, 'same-origin', 'allowed'],
		['JSON from a tool that is not a browser', 'application/json', null, null, 'allowed'],
		['JSON typed in the address bar', 'Application/JSON', null, 'none', 'allowed']
	])('%s: %s', (_, contentType, origin, site, expected) => {
		expect(check(contentType, origin, site)).toBe(expected);
	});

	it('applies to every method but reading ones', () => {
		expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].map(changesState)).toEqual([
			true,
			true,
			true,
			true,
			true
		]);
		expect(['GET', 'HEAD', 'OPTIONS'].map(changesState)).toEqual([false, false, false]);
	});
});
