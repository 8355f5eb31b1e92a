/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/*
 * The benchmarks' knobs, read from the environment (BENCH_ROUNDS, BENCH_N8N_DELIVERIES, ...). An unset or
 * empty variable takes the default; anything else must be a whole number, so a typo fails the run at once
 * instead of silently measuring something else.
 */

/** The whole number in `process.env[name]`, or `fallback` when the variable is unset or empty. */
export function countSetting(name: string, fallback: number): number {
	const text = process.env[name];
	if (text === undefined || text === '') return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`${name}=${text}: expected a whole number`);
	return value;
}

/** Whether `process.env[name]` is exactly `value` (BENCH_KEEP=1, BENCH_PROFILE=0). */
export const settingIs = (name: string, value: string): boolean => process.env[name] === value;
