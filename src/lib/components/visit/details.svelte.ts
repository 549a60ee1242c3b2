import type { RecordForm } from '$lib/client/form.svelte';
import { areaIdSchema, type AreaId } from '$lib/domain/areas';
import type { FieldError } from '$lib/domain/common/errors';
import { visitSchema, type Visit, type VisitStatus } from '$lib/domain/visit';
import { readLocation } from '$lib/components/form/location-value';
import { lifecycleErrors } from './moves';
import { detailsInput, type DetailsValues } from './values';

/** The order the details form asks its questions in, so the error summary reads top to bottom. */
const ORDER = ['address', 'location', 'areaId', 'occupants', 'source', 'scheduledFor'];
const rank = (path: string) => {
	const i = ORDER.findIndex((p) => path === p || path.startsWith(`${p}.`));
	return i === -1 ? ORDER.length : i;
};

export function inPageOrder(errors: FieldError[]): FieldError[] {
	return errors
		.map((error, i) => ({ error, i }))
		.sort((a, b) => rank(a.error.path) - rank(b.error.path) || a.i - b.i)
		.map(({ error }) => error);
}

/**
 * Check the request's details: the visit they make (over `base` when changing one) and its area.
 * A requested visit given a date becomes scheduled, as the lifecycle allows; errors show on the form.
 */
export function checkDetails(
	form: RecordForm<DetailsValues>,
	current: VisitStatus,
	base?: Visit
): { areaId: AreaId; visit: Visit } | null {
	const values = $state.snapshot(form.values) as DetailsValues;
	const dated = values.scheduledFor.trim() !== '';
	const status: VisitStatus = current === 'requested' && dated ? 'scheduled' : current;
	const visit = form.validate(visitSchema, () => ({ ...detailsInput(values, base), status }));
	const area = areaIdSchema.safeParse(values.areaId);
	const errors: FieldError[] = [...form.errors];
	const location = readLocation(values.location);
	if (!location.ok) errors.push({ path: 'location', message: location.error });
	if (!area.success)
		errors.push({ path: 'areaId', message: area.error.issues[0]?.message ?? 'Choose an area' });
	if (visit && status !== current) errors.push(...lifecycleErrors(current, status, visit));
	form.showErrors(inPageOrder(errors));
	return visit && area.success && errors.length === 0 ? { areaId: area.data, visit } : null;
}
