/** What the run found: its checks, and the figures the summary prints. */
import { say } from './common';

export interface Check {
	name: string;
	ok: boolean;
	detail: string;
}
export const checks: Check[] = [];
export function check(name: string, ok: boolean, detail = ''): boolean {
	checks.push({ name, ok, detail });
	say(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
	return ok;
}

/** CPU seconds per process of this run over a phase, and of everything else on the machine. */
export interface CpuShare {
	byProcess: Record<string, number>;
	ours: number;
	others: number;
}
export interface PhaseFigures {
	label: string;
	webhookProcesses: number;
	valid: number;
	forged: number;
	seconds: number;
	requestsPerSecond: number;
	validPerSecond: number;
	downstreamPerSecond: number | null;
	p50: number;
	p95: number;
	/** Wall time from the first request until the last execution finished: the base of the CPU percentages. */
	wallSeconds: number;
	statuses: Record<string, number>;
	perTarget: Record<string, number>;
	cpu: CpuShare;
}
export interface Figures {
	readySeconds?: number;
	phases: PhaseFigures[];
	dedup?: { votes: number; copies: number; rewards: number };
	postgres?: { votes: number; copies: number; rewards: number; rows: number; seconds: number };
	executions?: Record<string, number>;
	validDeliveries?: number;
	forgedDeliveries?: number;
}
export const figures: Figures = { phases: [] };
