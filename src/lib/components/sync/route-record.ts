/**
 * Which record a page is about, from its route and parameters, so the layout can show that
 * record's sync state on its page and edit pages. Null on lists and "new" pages.
 */
export function recordInRoute(
	routeId: string | null,
	params: Record<string, string | undefined>
): string | null {
	if (!routeId) return null;
	const part = /^\/flood-groups\/\[id\]\/(contacts|households|activations)\/(\[\w+\])/.exec(routeId);
	if (part) return params[(part[2] as string).slice(1, -1)] ?? null;
	if (/^\/flood-groups\/\[id\]\/(contacts|households|activations)\//.test(routeId)) return null;
	if (/^\/(assets|visits|referrals|flood-groups)\/\[id\](\/|$)/.test(routeId)) return params.id ?? null;
	return null;
}
