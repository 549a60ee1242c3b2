import {
	auditChainCheckSchema,
	auditPageSchema,
	auditPeopleSchema,
	type AuditChainCheck,
	type AuditPage,
	type AuditPerson
} from '$lib/domain/audit';
import { call } from './api-call';

/** The audit screen's calls: the log lives on the server only, never on a device. */
export const auditApi = {
	search: (query: URLSearchParams): Promise<AuditPage> => call(`/audit?${query.toString()}`, auditPageSchema),
	people: async (): Promise<AuditPerson[]> => (await call('/audit/staff', auditPeopleSchema)).staff,
	verify: (): Promise<AuditChainCheck> => call('/audit/verify', auditChainCheckSchema)
};
