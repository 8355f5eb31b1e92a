import { createHmac } from 'crypto';
import { deliver, leaked, type Answer, type Delivery } from '../helpers/deliver';
import type { Headers } from '../shared/kit';
import { InfinityBotListTrigger } from '../../nodes/InfinityBotList/InfinityBotListTrigger.node';
import { infinityBotListKit } from './kit';

export const node = new InfinityBotListTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
export const webhookSecret = 'ibl-3c9e1f7a-secret';
export const credentials = { webhookSecret };
export const PROTOCOLS = Object.keys(infinityBotListKit.protocols ?? {});

export const send = (
	body: string | Buffer,
	headers: Delivery['headers'],
	extra: Partial<Delivery> = {},
) => deliver(node, { headers, body, credentials, ...extra });
/** `document` delivered as Infinity's sender does under `protocol`. */
export const sendAs = (protocol: string, document: string, extra: Partial<Delivery> = {}) => {
	const wire = infinityBotListKit.protocols![protocol](document, {
		...credentials,
		...(extra.credentials as Record<string, string>),
	});
	return send(wire.body, wire.headers, extra);
};

export const expectRefused = (answer: Answer, status: number, error: RegExp | string) => {
	expect(answer.status).toBe(status);
	if (typeof error === 'string') expect(answer.json.error).toBe(error);
	else expect(answer.json.error).toMatch(error);
	expect(answer.items).toEqual([]);
	expect(leaked(answer, [webhookSecret])).toEqual([]);
};

/** The splashtail signature chain over any bytes: what only the secret's holder can make. */
export const chain = (secret: string, nonce: string, body: string | Buffer) =>
	createHmac('sha512', nonce)
		.update(createHmac('sha512', secret).update(body).digest('hex'))
		.digest('hex');
export const splashtailHeaders = (nonce: string, signature: string): Headers => ({
	'Content-Type': 'text/plain',
	'X-Webhook-Protocol': 'splashtail',
	'X-Webhook-Nonce': nonce,
	'X-Webhook-Signature': signature,
});
