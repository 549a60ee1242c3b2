import type { Box, MultiPolygon, Pair } from './geometry';

/**
 * The coastline is the land's edge except where the land was cut by the box: each ring is split into runs
 * of segments that do not lie along the box.
 */
export function coastlineOf(land: MultiPolygon, box: Box): Pair[][] {
	return land.flat(1).flatMap((ring) => runsOffBox(ring, box));
}

function runsOffBox(ring: readonly Pair[], box: Box): Pair[][] {
	const runs: Pair[][] = [];
	let run: Pair[] = [];
	for (let i = 1; i < ring.length; i++) {
		const a = ring[i - 1] as Pair;
		const b = ring[i] as Pair;
		if (alongBox(a, b, box)) {
			if (run.length >= 2) runs.push(run);
			run = [];
			continue;
		}
		if (run.length === 0) run.push(a);
		run.push(b);
	}
	if (run.length >= 2) runs.push(run);
	// A ring cut by the box mid-way starts and ends off it: its first and last runs meet at the ring's start.
	const first = runs[0];
	const last = runs[runs.length - 1];
	if (
		runs.length > 1 &&
		first &&
		last &&
		first[0] === ring[0] &&
		last[last.length - 1] === ring[ring.length - 1]
	) {
		runs[0] = [...last, ...first.slice(1)];
		runs.pop();
	}
	return runs;
}

function alongBox([ax, ay]: Pair, [bx, by]: Pair, box: Box): boolean {
	return (
		(ax === box.west && bx === box.west) ||
		(ax === box.east && bx === box.east) ||
		(ay === box.south && by === box.south) ||
		(ay === box.north && by === box.north)
	);
}
