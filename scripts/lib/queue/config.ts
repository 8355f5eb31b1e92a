/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** The scenario's fixed choices and its knobs (BOTLISTS_QUEUE_*, read once at start). */
import { join } from 'node:path';
import * as local from '../n8n-local';

export const N8N_VERSION = '2.41.0';
export const COMPOSE_FILE = join(local.ROOT, 'docs', 'docker-compose.yml');
/** The package prefix of the pack's node types in a workflow. */
export const PACK_PREFIX = 'n8n-nodes-botlists.';
/** The n8n nodes that make an example one of the two "never reward twice" recipes. */
export const DEDUP_NODE = 'n8n-nodes-base.removeDuplicates';
export const POSTGRES_NODE = 'n8n-nodes-base.postgres';

export function setting(name: string, fallback: number, min = 0): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(value) || value < min)
		throw new Error(`${name} must be an integer >= ${min}`);
	return value;
}
export const CONFIG = {
	deliveries: setting('BOTLISTS_QUEUE_DELIVERIES', 5000, 1),
	singleDeliveries: setting('BOTLISTS_QUEUE_SINGLE_DELIVERIES', 1000, 1),
	forgedEvery: 10, // one forged request per 10 valid ones, in both throughput phases
	warmupPerList: 10, // valid deliveries per list and webhook process before measuring
	concurrency: setting('BOTLISTS_QUEUE_CONCURRENCY', 32, 1),
	workerConcurrency: 10,
	dedupVotes: setting('BOTLISTS_QUEUE_DEDUP_VOTES', 40, 1),
	postgresVotes: setting('BOTLISTS_QUEUE_POSTGRES_VOTES', 200, 1),
	postgresCopiesPerProcess: 2,
	deadlineMinutes: setting('BOTLISTS_QUEUE_DEADLINE_MINUTES', 60, 1),
	keep: process.env.BOTLISTS_QUEUE_KEEP === '1',
} as const;
