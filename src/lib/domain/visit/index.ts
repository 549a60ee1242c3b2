export * from './codes';
export { VISIT_MESSAGES } from './messages';
export {
	alarmCountsSchema,
	consentSchema,
	homeSchema,
	occupantSchema,
	onwardReferralSchema,
	smokingSchema,
	visitFieldsSchema,
	visitSchema,
	type Consent,
	type Home,
	type Occupant,
	type OnwardReferral,
	type Visit,
	type VisitFields,
	type VisitInput
} from './schema';
export { HEALTH_FIELDS, healthFieldsAnswered, type HealthField } from './health';
export { visitProblems, STARTED_STATUSES, type Problem } from './rules';
export { ageBandForAge, ageBandOf, ageOn, visitDay } from './age';
export {
	assessRisk,
	bandForScore,
	RISK_BAND_FROM,
	RISK_BAND_LABELS,
	RISK_BANDS,
	RISK_FACTOR_LABELS,
	RISK_MODIFIERS,
	type RiskAssessment,
	type RiskBand,
	type RiskFactor
} from './risk';
export { visitLifecycle } from './lifecycle';
export {
	HOARDING_CIR,
	linkCoachReferral,
	referralPrefill,
	suggestCoachReferral,
	type CoachReferralPrefill,
	type CoachReferralSuggestion
} from './referral-suggestion';
export {
	EXAMPLE_OFFICER_ID,
	EXAMPLE_REFERRAL_ID,
	EXAMPLE_VISIT_ID,
	exampleConsent,
	exampleHome,
	exampleVisit,
	highRiskVisit
} from './fixtures';
