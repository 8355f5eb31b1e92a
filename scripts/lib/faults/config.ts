/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** The fault run's knobs (BOTLISTS_FAULTS_*, read once at start) and the n8n settings it runs with. */
import { setting } from '../queue/config';

export const FAULTS = {
	/** Votes per scenario, spread evenly over the lists. */
	votes: setting('BOTLISTS_FAULTS_VOTES', 1000, 1),
	/** First attempts per second, every list together. */
	rate: setting('BOTLISTS_FAULTS_RATE', 5, 1),
	/** How long Redis, then PostgreSQL, stay down in scenario 3: longer than top.gg v1's first two retry intervals (1 and 2 s). */
	serviceDownSeconds: setting('BOTLISTS_FAULTS_SERVICE_DOWN_SECONDS', 3, 1),
	/** How long the whole stack stays down in scenario 5, before it starts again. */
	stackDownSeconds: setting('BOTLISTS_FAULTS_STACK_DOWN_SECONDS', 60, 1),
	/**
	 * How long the reward endpoint takes to answer, as a bot's reward API does: executions then last long enough for
	 * a killed worker to be in the middle of some.
	 */
	rewardAnswerMs: 300,
	/** How long a killed process stays dead before its supervisor starts it again. */
	restartDelaySeconds: 2,
	/** Which scenarios run (1 to 5), comma-separated. */
	scenarios: (process.env.BOTLISTS_FAULTS_SCENARIOS ?? '1,2,3,4,5')
		.split(',')
		.map((entry) => Number(entry.trim())),
	deadlineMinutes: setting('BOTLISTS_FAULTS_DEADLINE_MINUTES', 45, 1),
} as const;

/** n8n settings every process of the fault run has beyond `npm run test:queue`'s shared ones. */
export const N8N_FAULT_SETTINGS: Readonly<Record<string, string>> = {
	// n8n builds its expression sandbox only when an expression runs (README "Benchmarks"): without it the five
	// processes on 2 cores answer so slowly that senders time out even before a fault (measured: 331 of 398
	// attempts timed out around a webhook process's restart at 5 votes/s).
	N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
};
