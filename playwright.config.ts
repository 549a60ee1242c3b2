import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/e2e/browser';

// Fixed so that the main process and its workers agree; override with E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 4317);

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	// One browser at a time: two cores, and service-worker timing must not depend on load.
	workers: 1,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		serviceWorkers: 'allow',
		viewport: { width: 360, height: 740 },
		browserName: 'chromium',
		launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'node tests/e2e/serve.js',
		url: `http://127.0.0.1:${port}/api/v1/health`,
		env: { PORT: String(port) },
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe'
	}
});
