import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

// Built once: it depends only on the code.
const document = openApiDocument(__APP_VERSION__);

export const GET: RequestHandler = () => json(document);
