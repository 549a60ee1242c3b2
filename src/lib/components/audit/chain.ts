import type { AuditChainCheck } from '$lib/domain/audit';
import { count } from '$lib/components/sync/time';
import { formatAuditTime } from './describe';

/** The chain check's answer in plain English: a headline, and what it means. */
export function chainVerdict(check: AuditChainCheck): { intact: boolean; title: string; detail: string } {
	if (check.ok) {
		const last = check.lastCheckpoint;
		const signed = last
			? ` The server last signed the log at ${formatAuditTime(last.at)}, up to entry ${last.seq}; ${count(check.checkpoints, 'signature', 'signatures')} in all check out.`
			: ' The server has not signed the log yet: it does so when it starts and every hour.';
		return {
			intact: true,
			title: 'The audit log is intact',
			detail:
				check.entries === 0
					? 'It has no entries yet.'
					: `All ${count(check.entries, 'entry', 'entries')} check out: none has been changed, removed or reordered since it was written.${signed}`
		};
	}
	const written = check.at ? ` (written ${formatAuditTime(check.at)})` : '';
	const before =
		check.entries === 0
			? 'No entry before it could be checked.'
			: `The ${count(check.entries, 'entry', 'entries')} before it check out.`;
	return {
		intact: false,
		title: `The audit log has been tampered with at entry ${check.seq}`,
		detail: `Entry ${check.seq}${written}: ${check.problem}. ${before} Tell your information governance lead.`
	};
}
