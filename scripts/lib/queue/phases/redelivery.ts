/** The Remove Duplicates recipe: each vote redelivered to the OTHER webhook process once it ran. */
import * as local from '../../n8n-local';
import type { Recorded } from '../../recorder';
import { say } from '../common';
import { CONFIG } from '../config';
import { receivedTrue, redelivered, send, type Answer } from '../deliveries';
import type { Ledger } from '../ledger';
import type { N8nProcess } from '../n8n';
import { check, figures } from '../results';
import type { Recipe } from '../workflows';

/** The Remove Duplicates recipe: each vote sent once, then redelivered to the OTHER webhook process once it ran. */
export async function redeliveryPhase(
	ledger: Ledger,
	recipe: Recipe,
	webhooks: readonly N8nProcess[],
): Promise<void> {
	say(
		`Remove Duplicates recipe: ${CONFIG.dedupVotes} votes, each sent once, then redelivered to the OTHER webhook process once it ran`,
	);
	const { id } = recipe.workflow;
	const isReward = (request: Recorded) => request.path === recipe.rewardPath;
	const answers: Answer[] = [];
	let sequenced = true;
	for (let k = 0; k < CONFIG.dedupVotes; k++) {
		const delivery = ledger.nextVote(recipe.kit);
		answers.push(await send(webhooks[k % 2], recipe.path, delivery));
		ledger.expectedRuns[id]++;
		const rewarded = await ledger.recorder
			.waitFor((request) => isReward(request) && request.json?.userId === delivery.key, 1, 60_000)
			.then(
				() => true,
				() => false,
			);
		answers.push(await send(webhooks[(k + 1) % 2], recipe.path, redelivered(delivery, 1)));
		ledger.expectedRuns[id]++;
		const ran = await ledger.ranAll(id, 60_000, 100);
		if (!rewarded || !ran) {
			sequenced = false;
			say(
				`  vote ${k}: ${rewarded ? '' : 'first copy never rewarded; '}${ran ? '' : 'redelivery never finished'}`,
			);
			break;
		}
	}
	await local.sleep(2000);
	const rewardKeys = ledger.recorder.received
		.filter(isReward)
		.map((request) => request.json?.userId);
	const distinct = new Set(rewardKeys).size;
	check(
		'Remove Duplicates recipe: every copy answered 200 {"received":true}',
		answers.every(receivedTrue),
		`${answers.filter((answer) => answer.status === 200).length}/${answers.length}`,
	);
	check(
		`Remove Duplicates recipe: ${CONFIG.dedupVotes} votes each redelivered to the other webhook process: one reward per vote`,
		sequenced && rewardKeys.length === CONFIG.dedupVotes && distinct === CONFIG.dedupVotes,
		`${rewardKeys.length} rewards for ${distinct} distinct votes, ${CONFIG.dedupVotes} votes sent twice`,
	);
	figures.dedup = { votes: CONFIG.dedupVotes, copies: answers.length, rewards: rewardKeys.length };
}
