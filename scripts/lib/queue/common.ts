/* eslint-disable @n8n/community-nodes/no-restricted-imports, no-console -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** The run's clock, its log line, and small helpers every part of the scenario uses. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as local from '../n8n-local';

let started = performance.now();
/** Starts the clock `say` and the summary count from. */
export function startClock(): void {
	started = performance.now();
}

export const elapsed = () => (performance.now() - started) / 1000;
export const say = (line: string): void =>
	console.log(`[queue +${Math.round(elapsed())}s] ${line}`);
export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
export const describe = (error: unknown) =>
	error instanceof Error ? error.stack || error.message : String(error);
export const sum = (values: Iterable<number>) => Array.from(values).reduce((a, b) => a + b, 0);

/** Polls `condition` every `everyMs` until it holds or `timeoutMs` passes; returns whether it held. */
export async function until(
	condition: () => boolean | Promise<boolean>,
	{ timeoutMs, everyMs = 200 }: { timeoutMs: number; everyMs?: number },
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return true;
		if (Date.now() > deadline) return false;
		await local.sleep(everyMs);
	}
}

export const logTail = (file: string) => readFileSync(file, 'utf8').slice(-2000);
