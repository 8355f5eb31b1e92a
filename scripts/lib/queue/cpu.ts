/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** CPU time per process group of this run (n8n's task runners and PostgreSQL's backends included), and of the rest of the machine. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { sum } from './common';
import type { CpuShare } from './results';
import { services } from './services';

const THIS_SCRIPT = 'load generator + recorder (this script)';
const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

export interface CpuSnapshot {
	script: NodeJS.CpuUsage;
	/** CPU seconds by service label. */
	byLabel: Record<string, number>;
	/** The whole machine's busy CPU seconds. */
	machine: number;
}

export function cpuSnapshot(): CpuSnapshot {
	const byGroup = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue;
		}
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is stat field 3
		const group = Number(fields[2]);
		const own = Number(fields[11]) + Number(fields[12]);
		const reaped = Number(entry) === group ? Number(fields[13]) + Number(fields[14]) : 0;
		byGroup.set(group, (byGroup.get(group) ?? 0) + own + reaped);
	}
	const byLabel: Record<string, number> = {};
	for (const service of services)
		if (service.label) byLabel[service.label] = (byGroup.get(service.pid) ?? 0) / CLOCK_TICKS;
	// The whole machine, busy = everything but idle and iowait: what is left over is other people's work.
	const [, ...jiffies] = readFileSync('/proc/stat', 'utf8')
		.split('\n')[0]
		.trim()
		.split(/\s+/)
		.map(Number);
	const machine = (sum(jiffies.slice(0, 8)) - jiffies[3] - jiffies[4]) / CLOCK_TICKS;
	return { script: process.cpuUsage(), byLabel, machine };
}

export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuShare {
	const byProcess: Record<string, number> = {
		[THIS_SCRIPT]:
			(after.script.user + after.script.system - before.script.user - before.script.system) / 1e6,
	};
	for (const [label, seconds] of Object.entries(after.byLabel))
		byProcess[label] = seconds - (before.byLabel[label] ?? 0);
	const ours = sum(Object.values(byProcess));
	return { byProcess, ours, others: Math.max(0, after.machine - before.machine - ours) };
}
