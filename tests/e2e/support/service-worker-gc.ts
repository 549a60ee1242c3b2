import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/**
 * Garbage collection in a context's service worker, on demand: Chromium collects it when it likes, and
 * a collection in the middle of a page load is what once made offline loads fail now and then (see
 * static/sw-whole-responses.js). The worker is reached through a browser-level DevTools session
 * (Playwright gives no DevTools session for a service worker), attached in the non-flattened mode so
 * that this session can speak to it.
 */
export interface ServiceWorkerGc {
	collect(): Promise<void>;
	close(): Promise<void>;
}

export async function serviceWorkerGc(context: BrowserContext, page: Page): Promise<ServiceWorkerGc> {
	const pageCdp = await context.newCDPSession(page);
	const { targetInfo } = await pageCdp.send('Target.getTargetInfo');
	await pageCdp.detach();

	const browser: CDPSession = await context.browser()!.newBrowserCDPSession();
	const { targetInfos } = await browser.send('Target.getTargets');
	const worker = targetInfos.find(
		(t) =>
			t.type === 'service_worker' &&
			t.browserContextId === targetInfo.browserContextId &&
			new URL(t.url).pathname === '/sw.js'
	);
	if (!worker) throw new Error('no service worker in this context');
	const { sessionId } = await browser.send('Target.attachToTarget', {
		targetId: worker.targetId,
		flatten: false
	});

	let nextId = 1;
	const pending = new Map<number, () => void>();
	browser.on('Target.receivedMessageFromTarget', (event) => {
		if (event.sessionId !== sessionId) return;
		const { id } = JSON.parse(event.message) as { id?: number };
		if (id !== undefined) pending.get(id)?.();
	});
	return {
		async collect() {
			const id = nextId++;
			const answered = new Promise<void>((resolve) => pending.set(id, resolve));
			await browser.send('Target.sendMessageToTarget', {
				sessionId,
				message: JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' })
			});
			await answered;
			pending.delete(id);
		},
		async close() {
			await browser.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
			await browser.detach().catch(() => undefined);
		}
	};
}
