import { createHmac } from 'crypto';
import { RanklyTrigger } from '../../nodes/Rankly/RanklyTrigger.node';
import { deliver } from '../helpers/deliver';

export const node = new RanklyTrigger();
export const authorization = 'Bearer rk-server-auth-9f2';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
export const voteSecret = 'rk_vote_secret_4c1d7e';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
export const premiumSecret = 'rk_premium_secret_b83a0f';
export const credentials = { authorization, voteSecret, premiumSecret };
export const secrets = [authorization, 'rk-server-auth-9f2', voteSecret, premiumSecret];

export const hmac = (secret: string, body: string | Buffer) =>
	createHmac('sha256', secret).update(body).digest('hex');
export const signedDelivery = (body: string, secret: string, extra: object = {}) =>
	deliver(node, {
		headers: { 'X-Webhook-Signature': hmac(secret, body) },
		body,
		credentials,
		...extra,
	});
