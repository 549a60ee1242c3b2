import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './browser';
import { test, expect, waitForServiceWorker } from './fixtures';

interface ManifestIcon {
	src: string;
	sizes: string;
	type: string;
	purpose?: string;
}

test('the web manifest is valid and every icon is a PNG of its stated size', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const response = await request.get(new URL(href ?? '', page.url()).toString());
	expect(response.status()).toBe(200);
	const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
	expect(manifest).toMatchObject({
		name: expect.any(String),
		short_name: 'Fellside',
		start_url: '/',
		display: 'standalone'
	});
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);

	const sizes = new Set(manifest.icons.map((i) => i.sizes));
	expect(sizes.has('192x192') && sizes.has('512x512')).toBe(true);
	expect(manifest.icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
	for (const icon of manifest.icons) {
		const image = await request.get(icon.src);
		expect(image.status(), icon.src).toBe(200);
		expect(image.headers()['content-type']).toBe('image/png');
		const bytes = await image.body();
		// PNG signature, then IHDR's width and height.
		expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
	}
});

test('Chromium finds the app installable', async ({ baseURL }) => {
	// Installability is never offered in an incognito context, which Playwright's contexts are.
	const profile = mkdtempSync(path.join(os.tmpdir(), 'fellside-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath,
		args: chromiumArgs,
		baseURL,
		serviceWorkers: 'allow'
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await waitForServiceWorker(page);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
			installabilityErrors: { errorId: string }[];
		};
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});
