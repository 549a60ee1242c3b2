import { cleanFormValues } from '$lib/client/form-values';

export interface StartValues {
	title: string;
	floodAreaCode: string | undefined;
	startedBy: string;
}

export function prepareStart(values: StartValues, groupId: string, startedAt: string): unknown {
	return cleanFormValues({ ...values, groupId, startedAt, log: [] }) ?? {};
}
