import { describe, expect, it } from 'vitest';
import * as referral from './index';
import { exampleReferral } from './fixtures';

describe('public API', () => {
	it('loads as one module and works end to end', () => {
		const data = referral.referralSchema.parse(exampleReferral());
		expect(referral.referralLifecycle.check(data.status, 'closed', data)).toEqual({
			ok: false,
			reason: 'Close needs a reason'
		});
		expect(referral.nextAction(data, new Date('2026-09-11T09:00:00Z')).code).toBe('supportUnderWay');
		expect(referral.formatNhsNumber(data.person.nhsNumber ?? '')).toBe('999 000 0018');
	});
});
