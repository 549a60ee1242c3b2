/** Health and Wellbeing Coach referrals: codes and labels, schema, lifecycle, caseload. */
export * from './codes';
export {
	formatNhsNumber,
	isValidNhsNumber,
	nhsCheckDigit,
	nhsNumberSchema,
	normaliseNhsNumber,
	NHS_NUMBER_MESSAGES
} from './nhs-number';
export {
	appointmentSchema,
	closureSchema,
	contactAttemptSchema,
	ons4ScoresSchema,
	personSchema,
	referralSchema,
	referralSchemaAsOf,
	supportOfferedSchema,
	type Appointment,
	type Closure,
	type ContactAttempt,
	type Ons4Scores,
	type Person,
	type Referral,
	type ReferralInput,
	type SupportOffered
} from './schema';
export {
	closureIssues,
	FOLLOW_UP_AFTER_DAYS,
	followUpDue,
	issuesAsOf,
	MAX_AGE,
	MESSAGES,
	referralIssues,
	type RuleIssue
} from './rules';
export {
	ATTEMPTS_BEFORE_UNABLE_TO_CONTACT,
	FAILED_OUTCOMES,
	isFailed,
	lastConversation,
	wasEverReached
} from './attempts';
export { LIFECYCLE_MESSAGES, moveReferral, referralLifecycle, type MoveResult } from './lifecycle';
export {
	ATTEMPT_MESSAGES,
	canLogAttempt,
	failedAttempts,
	isOpen,
	logAttempt,
	nextAction,
	proposeUnableToContact,
	ReferralError,
	sortCaseload,
	TIMINGS,
	type AttemptInput,
	type CaseloadEntry,
	type NextAction,
	type NextActionCode
} from './caseload';
export { ukDate } from '../common/dates';
