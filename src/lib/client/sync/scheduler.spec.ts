import { describe, expect, it } from 'vitest';
import {
	listenForTriggers,
	LOCK_NAME,
	SyncScheduler,
	type SchedulerClock,
	type SchedulerOptions
} from './scheduler';
import { StorageFull } from '../store/storage-full';
import { RemovedElsewhere, UpdatedElsewhere } from '../store/updated-elsewhere';
import { ClientTooOld, Offline, ServerUnreachable } from './transport';

/** A clock whose time moves only when the test says, running timers as they fall due. */
class FakeClock implements SchedulerClock {
	ms = 0;
	#timers = new Map<number, { at: number; run: () => void }>();
	#next = 1;
	now = () => this.ms;
	setTimeout = (run: () => void, ms: number) => {
		this.#timers.set(this.#next, { at: this.ms + ms, run });
		return this.#next++;
	};
	clearTimeout = (handle: unknown) => void this.#timers.delete(handle as number);
	get pending(): number[] {
		return [...this.#timers.values()].map((t) => t.at - this.ms);
	}
	async advance(ms: number): Promise<void> {
		this.ms += ms;
		for (const [id, timer] of [...this.#timers].sort((a, b) => a[1].at - b[1].at)) {
			if (timer.at > this.ms) continue;
			this.#timers.delete(id);
			timer.run();
			await settle();
		}
	}
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: Partial<SchedulerOptions> & { outcomes?: (Error | null)[] } = {}) {
	const clock = new FakeClock();
	const outcomes = [...(options.outcomes ?? [])];
	let runs = 0;
	let online = true;
	const states: string[] = [];
	const scheduler = new SyncScheduler({
		run: async () => {
			runs++;
			const outcome = outcomes.shift();
			if (outcome) throw outcome;
		},
		online: () => online,
		clock,
		random: () => 0.5,
		onChange: (state) => states.push(state.phase),
		...options
	});
	return {
		scheduler,
		clock,
		runs: () => runs,
		states,
		setOnline: (value: boolean) => (online = value)
	};
}

const unreachable = () => ServerUnreachable.because('the connection failed');

describe('SyncScheduler', () => {
	it('syncs when triggered, then again every five minutes while all is well', async () => {
		const { scheduler, clock, runs, states } = setup();
		await scheduler.trigger();
		expect(runs()).toBe(1);
		expect(states).toEqual(['syncing', 'idle', 'idle']);
		expect(scheduler.state).toMatchObject({ phase: 'idle', nextAttemptAt: 300_000, lastError: null });
		await clock.advance(299_999);
		expect(runs()).toBe(1);
		await clock.advance(1);
		expect(runs()).toBe(2);
		expect(clock.pending).toEqual([300_000]);
	});

	it('runs one attempt at a time: a trigger during one runs once more after it, and waits for it', async () => {
		let release = () => {};
		let runs = 0;
		const { scheduler } = setup({
			run: () => {
				runs++;
				return new Promise<void>((resolve) => (release = resolve));
			}
		});
		const first = scheduler.trigger();
		await settle();
		const second = scheduler.trigger();
		const third = scheduler.trigger();
		expect(runs).toBe(1);
		release();
		await settle();
		expect(runs).toBe(2);
		release();
		await Promise.all([first, second, third]);
		expect(runs).toBe(2);
	});

	it('backs off exponentially with full jitter from 1 s to 10 min, and resets on success', async () => {
		const failures = Array.from({ length: 12 }, unreachable);
		let random = 1;
		const { scheduler, clock, runs } = setup({ outcomes: [...failures, null], random: () => random });
		await scheduler.trigger();
		const delays: number[] = [];
		for (let i = 0; i < 12; i++) {
			const due = (scheduler.state.nextAttemptAt ?? 0) - clock.ms;
			delays.push(due);
			await clock.advance(due);
		}
		expect(delays).toEqual([
			1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 600_000, 600_000
		]);
		expect(runs()).toBe(13);
		expect(scheduler.state).toMatchObject({ phase: 'idle', failures: 0, lastError: null });
		expect(clock.pending).toEqual([300_000]);

		// Jitter: a random draw below the minimum still waits the minimum; otherwise a share of the ceiling.
		random = 0;
		const again = setup({ outcomes: [unreachable(), unreachable(), unreachable()], random: () => random });
		await again.scheduler.trigger();
		expect(again.clock.pending).toEqual([1_000]);
		random = 0.25;
		await again.clock.advance(1_000);
		await again.clock.advance(1_000);
		expect(again.clock.pending).toEqual([1_000]); // 0.25 × 4 s
	});

	it('says why it is retrying, in the words of the failure', async () => {
		const { scheduler } = setup({ outcomes: [unreachable(), new Error('disk on fire'), new StorageFull()] });
		await scheduler.trigger();
		expect(scheduler.state).toMatchObject({
			phase: 'retrying',
			lastError:
				'Could not reach the Fellside server: the connection failed. Changes are kept on this device and sync will try again.'
		});
		await scheduler.trigger();
		expect(scheduler.state.lastError).toMatch(
			/^Sync stopped because of a problem on this device: disk on fire\./
		);
	});

	it.each([
		['updated Fellside', new UpdatedElsewhere()],
		["removed the person's work", new RemovedElsewhere()]
	])('stops for good when another tab has %s, until this one reloads', async (_, closed) => {
		const { scheduler, clock, runs, setOnline } = setup({ outcomes: [closed] });
		await scheduler.trigger();
		expect(scheduler.state).toMatchObject({
			phase: 'reload-needed',
			lastError: closed.message,
			nextAttemptAt: null
		});
		expect(clock.pending).toEqual([]);
		await scheduler.trigger();
		// Going offline and back does not hide it, nor start another attempt.
		setOnline(false);
		scheduler.wentOffline();
		setOnline(true);
		await scheduler.trigger();
		expect(scheduler.state.phase).toBe('reload-needed');
		expect(runs()).toBe(1);
	});

	it('says a reload is needed when told the store was taken away, even between attempts or at the end of one', async () => {
		const idle = setup();
		await idle.scheduler.trigger();
		expect(idle.clock.pending).toHaveLength(1);
		idle.scheduler.closedElsewhere(new RemovedElsewhere());
		expect(idle.scheduler.state).toMatchObject({ phase: 'reload-needed', nextAttemptAt: null });
		expect(idle.clock.pending).toEqual([]);

		// Taken away while the last step of an attempt was landing: the attempt's success does not hide it.
		let finish = () => {};
		const ending = setup({ run: () => new Promise<void>((resolve) => (finish = resolve)) });
		const attempt = ending.scheduler.trigger();
		ending.scheduler.closedElsewhere(new UpdatedElsewhere());
		finish();
		await attempt;
		expect(ending.scheduler.state.phase).toBe('reload-needed');
		expect(ending.clock.pending).toEqual([]);
	});

	it('stops for good when the app is too old, until it is updated', async () => {
		const { scheduler, clock, runs } = setup({
			outcomes: [new ClientTooOld('Update Fellside to keep syncing.')]
		});
		await scheduler.trigger();
		expect(scheduler.state).toMatchObject({
			phase: 'update-needed',
			lastError: 'Update Fellside to keep syncing.',
			nextAttemptAt: null
		});
		expect(clock.pending).toEqual([]);
		await scheduler.trigger();
		expect(runs()).toBe(1);
	});

	it('waits offline without timers, and syncs when the browser comes back online', async () => {
		const { scheduler, clock, runs, setOnline } = setup();
		const page = new EventTarget() as EventTarget & { visibilityState: DocumentVisibilityState };
		page.visibilityState = 'visible';
		const win = new EventTarget();
		const stop = listenForTriggers(scheduler, win, page);

		setOnline(false);
		win.dispatchEvent(new Event('offline'));
		expect(scheduler.state.phase).toBe('offline');
		await scheduler.trigger();
		expect(runs()).toBe(0);
		expect(clock.pending).toEqual([]);

		setOnline(true);
		win.dispatchEvent(new Event('online'));
		await settle();
		expect(runs()).toBe(1);

		page.dispatchEvent(new Event('visibilitychange'));
		await settle();
		expect(runs()).toBe(2);
		page.visibilityState = 'hidden';
		page.dispatchEvent(new Event('visibilitychange'));
		await settle();
		expect(runs()).toBe(2);

		stop();
		win.dispatchEvent(new Event('online'));
		await settle();
		expect(runs()).toBe(2);
	});

	it('counts an offline failure as offline, not as a failure to back off from', async () => {
		const { scheduler, clock } = setup({ outcomes: [new Offline()] });
		await scheduler.trigger();
		expect(scheduler.state).toMatchObject({ phase: 'offline', failures: 0, nextAttemptAt: null });
		expect(clock.pending).toEqual([]);
	});

	it('lets one tab sync at a time, and runs without locks where the browser has none', async () => {
		const asked: unknown[] = [];
		let held = false;
		const locks = {
			request: (async (name: string, options: LockOptions, callback: (lock: Lock | null) => unknown) => {
				asked.push([name, options]);
				return callback(held ? null : ({ name, mode: 'exclusive' } as Lock));
			}) as unknown as LockManager['request']
		};
		const { scheduler, runs } = setup({ locks });
		await scheduler.trigger();
		expect(asked).toEqual([[LOCK_NAME, { ifAvailable: true }]]);
		expect(runs()).toBe(1);
		held = true;
		await scheduler.trigger();
		expect(runs()).toBe(1);
		expect(scheduler.state.phase).toBe('idle');
	});

	it('stops its timers when stopped', async () => {
		const { scheduler, clock, runs } = setup();
		await scheduler.trigger();
		scheduler.stop();
		await clock.advance(600_000);
		expect(runs()).toBe(1);
	});
});
