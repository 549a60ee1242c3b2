/**
 * Every refusal a visit can give, in one place so the lifecycle, the rules and the tests say exactly
 * the same words. Written to tell a person what to do, not what they did wrong.
 */
export const VISIT_MESSAGES = {
	workingExceedsPresent: 'Working alarms cannot exceed alarms present',
	fittedExceedsPresent: 'Alarms fitted today cannot exceed alarms present',
	consentBeforeHealth: 'Record consent before health details',
	referralNeedsConsent: 'An onward referral needs consent to share, or a safeguarding reason',
	ageOrDateOfBirth: 'Enter an age band or a date of birth',
	clutterRating: 'Clutter Image Rating is from 1 (clear) to 9 (extreme)',
	inBedWithoutSmoking: 'Smoking in bed can only be recorded for someone who smokes',
	scheduleNeedsTime: 'Choose a date and time for the visit',
	consentToVisit: 'Record consent to visit before starting',
	outcomeNeeded: 'Enter the outcome of the visit',
	finishedOutcome: 'The outcome of a finished visit is completed or partly completed',
	notStartedOutcome: 'Before the visit, the outcome can only be no access or needs another appointment',
	noAccessOutcome: 'A visit with no access has the outcome no access',
	declinedOutcome: 'A declined visit has the outcome refused',
	finishNeedsOutcome: 'Record whether the visit was completed or partly completed before finishing it',
	rebookNeedsOutcome: 'Set the outcome to needs another appointment before rebooking'
} as const;
