/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** n8n's own account of a fault: the log lines that say it lost or failed something, counted per scenario. */
import { readdirSync, readFileSync } from 'node:fs';
import { runFolder } from '../queue/services';

/** What n8n writes when a fault costs it a request or an execution. */
const TELLING_LINES: Readonly<Record<string, RegExp>> = {
	'worker errored while running an execution': /Worker errored while running execution/,
	'job stalled (never re-run)': /stalled more than maxStalledCount/i,
	'execution marked crashed by a restarted process':
		/\[Recovery\] Logs available, amended execution/,
	'request body aborted before n8n read it': /Request body stream was aborted/,
	'webhook lookup failed': /Failed to query webhook cache/,
	'database connection lost': /Database ping failed \(1\//,
	'Redis connection lost': /Lost Redis connection/,
};

const seen: Record<string, number> = {};

/** The telling lines written by every n8n process since the last call, by what they say. */
export function newTellingLines(): Record<string, number> {
	const folder = runFolder();
	if (!folder) return {};
	const text = readdirSync(folder)
		.filter((file) => /^(main|webhook|worker)/.test(file) && file.endsWith('.log'))
		.map((file) => readFileSync(`${folder}/${file}`, 'utf8'))
		.join('\n');
	const fresh: Record<string, number> = {};
	for (const [label, pattern] of Object.entries(TELLING_LINES)) {
		const count = text.split('\n').filter((line) => pattern.test(line)).length;
		if (count > (seen[label] ?? 0)) fresh[label] = count - (seen[label] ?? 0);
		seen[label] = count;
	}
	return fresh;
}
