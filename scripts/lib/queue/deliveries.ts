/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a development tool run by Node, never loaded by n8n: n8n's rules for the code it loads (no Node built-ins, globals, console or child processes; NodeApiError) do not apply */
/** What the run sends: genuine, forged and redelivered votes, and the answers n8n gives them. */
import { performance } from 'node:perf_hooks';
import type { Headers, ListKit } from '../../../test/shared/kit';
import * as local from '../n8n-local';
import type { PostAnswer } from '../n8n-local';
import type { JsonObject } from '../recorder';
import type { N8nProcess } from './n8n';

const BASE_TIME = Date.parse('2026-01-01T00:00:00.000Z');
/** The voter of delivery `n`: user `7100…n`, a Discord id every list puts in the item's `userId`. */
const voterOf = (n: number) => String(710000000000000000n + BigInt(n));
const atOf = (n: number) => new Date(BASE_TIME + n * 1000);

export interface Delivery {
	kit: ListKit;
	/** The voter: the `userId` of the item the delivery becomes. */
	key: string;
	body: string;
	headers: Headers;
	forged: boolean;
}

/** `body` as the list would send it, signed under the demo credentials. */
export function signed(kit: ListKit, key: string, body: string): Delivery {
	return { kit, key, body, headers: kit.sign(body, kit.demoCredentials), forged: false };
}

/** A genuine vote of `kit`, unique by `n`. */
export function vote(kit: ListKit, n: number): Delivery {
	return signed(kit, voterOf(n), kit.voteBy(voterOf(n), atOf(n)));
}

/** A vote of `kit`, unique by `n`, with the headers of a genuine one but every value wrong. */
export function forgedVote(kit: ListKit, n: number): Delivery {
	const genuine = vote(kit, n);
	const headers = Object.fromEntries(
		Object.keys(genuine.headers).map((name) => [name, `forged-${n}`]),
	);
	return { ...genuine, headers, forged: true };
}

/** The same event as the list sends it `times` times again (`times` = 0: the delivery itself), signed. */
export function redelivered(delivery: Delivery, times: number): Delivery {
	let body = delivery.body;
	for (let k = 0; k < times; k++) body = delivery.kit.redelivery(body);
	return signed(delivery.kit, delivery.key, body);
}

export interface Answer {
	status: number;
	text: string;
	json: JsonObject | undefined;
	ms: number;
	/** The n8n process that answered. */
	target: string;
}

/** POSTs a delivery to `<target>/webhook/<webhookPath>`; a network error is answered with status 0. */
export async function send(
	target: N8nProcess,
	webhookPath: string,
	{ body, headers }: Pick<Delivery, 'body' | 'headers'>,
): Promise<Answer> {
	const t0 = performance.now();
	const answer: Pick<PostAnswer, 'status' | 'text' | 'json'> = await local
		.post(`${target.baseUrl}/webhook/${webhookPath}`, { body, headers })
		.catch((error: NodeJS.ErrnoException) => ({
			status: 0,
			text: `${error.code ?? ''} ${error.message}`,
			json: undefined,
		}));
	return {
		status: answer.status,
		text: answer.text,
		json: answer.json,
		ms: performance.now() - t0,
		target: target.role.name,
	};
}

export const receivedTrue = (answer: Answer) =>
	answer.status === 200 && answer.json?.received === true;
