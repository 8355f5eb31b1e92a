import { deliver } from '../helpers/deliver';
import { signatureHeader } from './kit';
import { TopggTrigger } from '../../nodes/Topgg/TopggTrigger.node';

export const node = new TopggTrigger();
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
export const webhookSecret = 'whs_3f9a71c0d2b84e65';
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
export const authorization = 'tgg-legacy-auth-77b1';
export const credentials = { webhookSecret, authorization };
export const secrets = [webhookSecret, authorization];

export const now = () => Math.floor(Date.now() / 1000);
/** A v1 delivery as top.gg sends it, signed `ageSeconds` ago (negative: in the future). */
export const signed = (
	body: string,
	{ ageSeconds = 0, secret = webhookSecret, creds = credentials as Record<string, string> } = {},
) =>
	deliver(node, {
		headers: { 'x-topgg-signature': signatureHeader(secret, body, now() - ageSeconds) },
		body,
		credentials: creds,
	});
export const legacy = (
	body: string,
	header = authorization,
	creds: Record<string, string> = credentials,
) => deliver(node, { headers: { Authorization: header }, body, credentials: creds });

afterEach(() => jest.useRealTimers());
