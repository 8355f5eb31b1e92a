/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** The PostgreSQL recipe: copies of each vote in flight together on both webhook processes. */
import { performance } from 'node:perf_hooks';
import * as local from '../../n8n-local';
import { round, say } from '../common';
import { CONFIG } from '../config';
import { receivedTrue, redelivered, send, type Answer, type Delivery } from '../deliveries';
import type { Ledger } from '../ledger';
import type { N8nProcess } from '../n8n';
import type { Postgres } from '../postgres';
import { check, figures } from '../results';
import type { Recipe } from '../workflows';

/** `copies` copies of each vote, each copy to the next webhook process in turn. */
function copiesOf(votes: readonly Delivery[], copies: number, webhooks: readonly N8nProcess[]) {
	return votes.flatMap((delivery) =>
		Array.from({ length: copies }, (_, copy) => ({
			delivery: redelivered(delivery, copy),
			target: webhooks[copy % webhooks.length],
		})),
	);
}

/** The rows the recipe wrote for the recipe's list, in the table it dedupes on. */
async function botlistEventsRows(postgres: Postgres, recipe: Recipe): Promise<number> {
	const platform = recipe.kit.platform.name.replace(/'/g, "''");
	const count = await postgres.query(
		'botlists',
		`SELECT COUNT(*) FROM botlist_events WHERE platform = '${platform}'`,
	);
	return Number(count.trim());
}

interface Outcome {
	votes: readonly Delivery[];
	copies: number;
	answers: Answer[];
	allFinished: boolean;
	rewardedIds: unknown[];
	rows: number;
}

function checkOutcome({ votes, copies, answers, allFinished, rewardedIds, rows }: Outcome): void {
	const distinct = new Set(rewardedIds).size;
	const wanted = new Set(votes.map((delivery) => delivery.key));
	check(
		'PostgreSQL recipe: every copy answered 200 {"received":true}',
		answers.every(receivedTrue),
		`${answers.filter((answer) => answer.status === 200).length}/${answers.length}`,
	);
	check(
		`PostgreSQL recipe: ${copies} concurrent copies of ${CONFIG.postgresVotes} votes over both webhook processes: exactly one reward per vote`,
		allFinished &&
			rewardedIds.length === CONFIG.postgresVotes &&
			distinct === CONFIG.postgresVotes &&
			rewardedIds.every((userId) => typeof userId === 'string' && wanted.has(userId)),
		`${rewardedIds.length} rewards for ${distinct} distinct votes; ${rows} rows in botlist_events`,
	);
	check(
		'PostgreSQL recipe: one botlist_events row per vote',
		rows === CONFIG.postgresVotes,
		`${rows} rows for ${CONFIG.postgresVotes} votes`,
	);
}

/** The PostgreSQL recipe: copies of each vote in flight together on both webhook processes. */
export async function postgresPhase(
	ledger: Ledger,
	recipe: Recipe,
	webhooks: readonly N8nProcess[],
	postgres: Postgres,
): Promise<void> {
	const copies = CONFIG.postgresCopiesPerProcess * webhooks.length;
	say(
		`PostgreSQL recipe: ${CONFIG.postgresVotes} votes, ${copies} copies each (${CONFIG.postgresCopiesPerProcess} per webhook process) in flight together`,
	);
	const { id } = recipe.workflow;
	const votes = Array.from({ length: CONFIG.postgresVotes }, () => ledger.nextVote(recipe.kit));
	const requests = copiesOf(votes, copies, webhooks);
	const t0 = performance.now();
	const answers = await local.pool(requests, CONFIG.concurrency, ({ delivery, target }) =>
		send(target, recipe.path, delivery),
	);
	ledger.expectedRuns[id] += requests.length;
	const allFinished = await ledger.ranAll(id, 300_000, 500);
	// Rewards still on their way to the recorder, a duplicate's included, get time to arrive before they are counted.
	await local.sleep(2000);
	const seconds = (performance.now() - t0) / 1000;
	const rewardedIds = ledger.recorder.received
		.filter((request) => request.path === recipe.rewardPath)
		.map((request) => request.json?.userId);
	const rows = await botlistEventsRows(postgres, recipe);
	checkOutcome({ votes, copies, answers, allFinished, rewardedIds, rows });
	figures.postgres = {
		votes: CONFIG.postgresVotes,
		copies: answers.length,
		rewards: rewardedIds.length,
		rows,
		seconds: round(seconds, 1),
	};
}
