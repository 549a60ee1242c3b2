/** The answer to "may this happen?": yes, or no with a reason a person understands. */
export type Verdict = { ok: true } | { ok: false; reason: string };

export const allowed: Verdict = { ok: true };
export const refused = (reason: string): Verdict => ({ ok: false, reason });

/** A guard looks at the record and returns a refusal reason, or null when the move is fine. */
export type Guard<R> = (record: R) => string | null;

export interface Lifecycle<S extends string, R> {
	states: readonly S[];
	labels: Record<S, string>;
	/** Where a record in `from` may go next (guards aside). */
	next(from: S): S[];
	/** May `record`, now in `from`, move to `to`? */
	check(from: S, to: S, record: R): Verdict;
}

/**
 * A state machine from a table of allowed moves, each with optional guards. Anything not in the
 * table is refused, naming both states in the users' words.
 */
export function defineLifecycle<S extends string, R>(spec: {
	labels: Record<S, string>;
	moves: { [From in S]?: { [To in S]?: Guard<R>[] } };
}): Lifecycle<S, R> {
	const states = Object.keys(spec.labels) as S[];
	const movesFrom = (from: S) => (spec.moves[from] ?? {}) as { [To in S]?: Guard<R>[] };
	return {
		states,
		labels: spec.labels,
		next: (from) => Object.keys(movesFrom(from)) as S[],
		check(from, to, record) {
			if (from === to) return refused(`It is already ${spec.labels[to].toLowerCase()}`);
			const guards = movesFrom(from)[to];
			if (!guards) {
				return refused(
					`A record that is ${spec.labels[from].toLowerCase()} cannot be moved to ${spec.labels[to].toLowerCase()}`
				);
			}
			for (const guard of guards) {
				const reason = guard(record);
				if (reason) return refused(reason);
			}
			return allowed;
		}
	};
}
