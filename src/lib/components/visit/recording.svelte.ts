import { createContext } from 'svelte';
import { page } from '$app/state';
import { RecordForm } from '$lib/client/form.svelte';
import { draftStore, repository } from '$lib/client/repositories';
import type { StoredRecord } from '$lib/client/store/database';
import { ValidationFailed } from '$lib/client/store/repository';
import { fieldErrors, type FieldError } from '$lib/domain/common/errors';
import { VISIT_MESSAGES, visitSchema, type Visit, type VisitStatus } from '$lib/domain/visit';
import { nowIso } from './format';
import { lifecycleErrors, statusForOutcome } from './moves';
import { healthConsentErrors, owns, sectionsUpTo, stepsFor, type Step } from './steps';
import { recordInput, recordValuesFrom, type RecordValues, type Section } from './values';

/**
 * One visit being recorded across the step pages: the answers in one RecordForm (draft key
 * `visit:<id>`, so a reload or a crash mid-visit loses nothing) and the stored visit they go onto.
 * Nothing reaches the record until "Save and finish", except starting the visit, which the
 * lifecycle allows only with consent to visit.
 */
export class RecordingSession {
	// Replaced whole after each save, never changed in place.
	record: StoredRecord = $state.raw() as StoredRecord;
	visit: Visit = $state.raw() as Visit;
	readonly form: RecordForm<RecordValues>;
	readonly steps: Step[] = $derived.by(() => stepsFor(this.form.values));
	/** The answers came back from a kept draft: said once, on the first page shown. */
	kept = $state(false);
	/** The stored visit changed after the kept draft was last written (its details edited, a sync). */
	readonly changedSinceDraft: boolean;

	readonly #ondiscard: () => void;

	constructor(
		record: StoredRecord,
		visit: Visit,
		kept: { values: RecordValues; updatedAt: string } | undefined,
		ondiscard: () => void
	) {
		this.#ondiscard = ondiscard;
		this.record = record;
		this.visit = visit;
		this.form = new RecordForm<RecordValues>({
			key: `visit:${record.id}`,
			label: () => this.label,
			// Read on every save, so "Continue" goes back to the step the person was on.
			get path() {
				return page.url.pathname;
			},
			initial: kept?.values ?? recordValuesFrom(visit),
			drafts: draftStore()
		});
		this.kept = kept !== undefined;
		this.changedSinceDraft = kept !== undefined && record.updatedAt > kept.updatedAt;
	}

	/** Forget the kept answers; the page then starts again from what the record holds. */
	async discard(): Promise<void> {
		await this.form.finished();
		this.#ondiscard();
	}

	/** How the draft is offered back: "Continue your visit at 14 Main Street?". */
	get label(): string {
		return `your visit at ${this.visit.address.line1}`;
	}

	get id(): string {
		return this.record.id;
	}

	/** The status while recording: a scheduled visit is started by its first step. */
	get recordingStatus(): VisitStatus {
		return this.visit.status === 'scheduled' ? 'inProgress' : this.visit.status;
	}

	/** The visit as it would be saved: the stored visit with the answers of `sections` (default all). */
	input(sections?: readonly Section[]): Record<string, unknown> {
		return recordInput(this.visit, $state.snapshot(this.form.values) as RecordValues, sections);
	}

	/** Check one step's answers; only that step's problems are shown, and only they hold it up. */
	checkStep(step: Step): boolean {
		const consent = this.form.values.consent;
		// When consent was taken is recorded, not typed: the moment it was first answered.
		if (step.section === 'consent' && !consent.recordedAt) consent.recordedAt = nowIso();
		const input = { ...this.input(sectionsUpTo(this.steps, step)), status: this.recordingStatus };
		this.form.validate(visitSchema, () => input);
		let errors = healthConsentErrors(this.form.errors).filter((e) => owns(step, e.path));
		if (step.section === 'outcome') errors = [...errors, ...this.#outcomeErrors(errors)];
		this.form.showErrors(errors);
		return errors.length === 0;
	}

	#outcomeErrors(found: FieldError[]): FieldError[] {
		const { outcome } = this.form.values;
		if (!outcome) return [{ path: 'outcome', message: VISIT_MESSAGES.outcomeNeeded }];
		if (found.length > 0) return [];
		// The move the outcome will make must be one the lifecycle allows (a rebooking needs a date).
		// Checked on the stored visit with this step's answers, so other steps' problems do not hide it.
		const target = statusForOutcome(outcome, this.visit.status);
		const parsed = visitSchema.safeParse({ ...this.input(['outcome']), status: target });
		if (!parsed.success) {
			return fieldErrors(parsed.error).filter((e) => e.path === 'outcome' || e.path === 'scheduledFor');
		}
		return lifecycleErrors(this.visit.status, target, parsed.data).filter(
			(e) => e.path === 'outcome' || e.path === 'scheduledFor'
		);
	}

	/** Starting the visit: scheduled → in progress, saved at once, with the consent just given. */
	async start(): Promise<boolean> {
		if (this.visit.status !== 'scheduled') return true;
		return this.#save({ ...this.input(['consent']), status: 'inProgress' }, 'inProgress');
	}

	/** They do not want the visit: declined, with the outcome "refused". */
	async decline(): Promise<boolean> {
		const saved = await this.#save({ ...this.visit, status: 'declined', outcome: 'refused' }, 'declined');
		if (saved) await this.form.finished();
		return saved;
	}

	/** Save and finish: every answer checked, the status moved as the outcome says, the draft gone. */
	async finish(): Promise<boolean> {
		const target = statusForOutcome(this.form.values.outcome, this.visit.status);
		const saved = await this.#save({ ...this.input(), status: target }, target);
		if (saved) await this.form.finished();
		return saved;
	}

	async #save(input: Record<string, unknown>, target: VisitStatus): Promise<boolean> {
		const parsed = visitSchema.safeParse(input);
		if (!parsed.success) {
			this.form.showErrors(healthConsentErrors(fieldErrors(parsed.error)));
			return false;
		}
		const refused = lifecycleErrors(this.visit.status, target, parsed.data);
		if (refused.length > 0) {
			this.form.showErrors(refused);
			return false;
		}
		try {
			this.record = await repository('visit').update(this.id, parsed.data);
			this.visit = parsed.data;
			this.form.showErrors([]);
			return true;
		} catch (error) {
			if (!(error instanceof ValidationFailed)) throw error;
			this.form.showErrors(error.errors);
			return false;
		}
	}
}

export const [getRecording, setRecording] = createContext<RecordingSession>();
