import { getContext } from 'svelte';
import type { RecordDownload } from './record-download.svelte';

export function useDownload(): RecordDownload {
	return getContext<RecordDownload>('download');
}
