/**
 * A list's sender: it delivers one vote through the balancer and retries the way the list does (`kit.retries`,
 * top.gg v1's policy where the list documents none), re-signing each attempt and sending what a retry sends
 * (`kit.redelivery`). A 2xx ends it; a 4xx is final, as the lists that document it take it.
 */
import type { ListKit } from '../../../test/shared/kit';
import * as local from '../n8n-local';
import type { Balancer, Outcome } from './balancer';

export interface Vote {
	kit: ListKit;
	/** The voter: the `userId` of the item, and of the reward the recipe grants. */
	voter: string;
	body: string;
	/** The webhook of the list's recipe workflow: `<webhookId>/webhook`. */
	path: string;
}

export interface Attempt extends Outcome {
	/** When the attempt began and when its answer (or failure) came, Date.now() milliseconds. */
	at: number;
	endedAt: number;
}

export interface Sent {
	vote: Vote;
	attempts: Attempt[];
	/** Whether an attempt got a 2xx: the list takes the vote as delivered. */
	delivered: boolean;
}

const isSuccess = (status: number) => status >= 200 && status < 300;
const isFinal = (outcome: Outcome) =>
	isSuccess(outcome.status) || (outcome.status >= 400 && outcome.status < 500);

export async function deliver(vote: Vote, balancer: Pick<Balancer, 'post'>): Promise<Sent> {
	const { kit } = vote;
	const { timeoutMs, waitsMs, retriesTimeouts } = kit.retries;
	const attempts: Attempt[] = [];
	let body = vote.body;
	for (let retry = 0; ; retry++) {
		const at = Date.now();
		const outcome = await balancer.post(
			vote.path,
			body,
			kit.sign(body, kit.demoCredentials),
			timeoutMs,
		);
		attempts.push({ ...outcome, at, endedAt: Date.now() });
		const givesUp =
			isFinal(outcome) ||
			retry >= waitsMs.length ||
			(outcome.failure === 'timeout' && !retriesTimeouts);
		if (givesUp) return { vote, attempts, delivered: isSuccess(outcome.status) };
		await local.sleep(waitsMs[retry]);
		body = kit.redelivery(body);
	}
}
