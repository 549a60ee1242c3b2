import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HLC_PATTERN } from '$lib/domain/sync/hlc';
import { openApiDocument } from './openapi';

const API_ROOT = path.resolve('src/routes/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every endpoint under /api/v1 as `METHOD /path`, read from the route files themselves. */
function endpointsOnDisk(): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name === '+server.ts') {
				// SvelteKit's [param] folders are OpenAPI's {param}.
				const route = `/${path.relative(API_ROOT, dir).split(path.sep).join('/')}`.replace(
					/\[(\w+)\]/g,
					'{$1}'
				);
				const source = readFileSync(full, 'utf8');
				for (const method of METHODS) {
					if (new RegExp(`export const ${method}\\b`).test(source)) found.push(`${method} ${route}`);
				}
			}
		}
	};
	walk(API_ROOT);
	return found.sort();
}

function refsIn(value: unknown, found: string[] = []): string[] {
	if (Array.isArray(value)) for (const item of value) refsIn(item, found);
	else if (value && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			if (key === '$ref' && typeof item === 'string') found.push(item);
			else refsIn(item, found);
		}
	}
	return found;
}

describe('the OpenAPI document', () => {
	const document = openApiDocument('1.2.3');

	it('covers every endpoint under /api/v1, and nothing that does not exist', () => {
		const documented = Object.entries(document.paths)
			.flatMap(([route, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${route}`))
			.sort();
		expect(documented).toEqual(endpointsOnDisk());
	});

	it('is OpenAPI 3.1 whose every reference resolves', () => {
		expect(document.openapi).toBe('3.1.0');
		expect(document.info.version).toBe('1.2.3');
		const schemas: Record<string, unknown> = document.components.schemas;
		for (const target of refsIn(document)) {
			expect(target).toMatch(/^#\/components\/schemas\//);
			expect(schemas).toHaveProperty(target.replace('#/components/schemas/', ''));
		}
	});

	it('describes requests as sent (defaults optional) and answers as given', () => {
		const push = document.components.schemas.PushRequest as {
			properties: { mutations: { items: { required: string[]; additionalProperties: boolean } } };
		};
		expect(push.properties.mutations.items.required.sort()).toEqual([
			'at',
			'hlc',
			'id',
			'op',
			'recordId',
			'type'
		]);
		expect(push.properties.mutations.items.additionalProperties).toBe(false);
		const record = document.components.schemas.SyncRecord as {
			required: string[];
			properties: Record<string, { type: string; additionalProperties: { pattern?: string } }>;
		};
		expect(record.required).toContain('versions');
		// Checked by plain functions: described by hand, held to the same pattern and shape here.
		expect(record.properties.versions).toEqual({
			type: 'object',
			additionalProperties: { type: 'string', pattern: HLC_PATTERN.source }
		});
		expect(record.properties.data?.type).toBe('object');
	});

	it('lists every error a sync endpoint can answer', () => {
		for (const route of ['/sync/push', '/sync/pull', '/sync/fetch', '/sync/views'] as const) {
			expect(Object.keys(document.paths[route].post.responses).sort()).toEqual(
				['200', '400', '401', '403', '409', '413', '415', '426', '503'].sort()
			);
		}
	});
});
