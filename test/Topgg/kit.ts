import { createHmac } from 'crypto';
import { TopggWebhookApi } from '../../credentials/TopggWebhookApi.credentials';
import { defineKit, retriesAfter, type Credentials, type Headers } from '../shared/kit';
import examples from './examples.json';
import { topggApiKit } from './api';
import { COOLDOWN_MS, TIMESTAMP_TOLERANCE_SECONDS, topgg } from '../../nodes/Topgg/platform';
import { TopggTrigger } from '../../nodes/Topgg/TopggTrigger.node';

/** A v1 signature header for `body` signed at `unixSeconds`, as top.gg writes it. */
export function signatureHeader(
	secret: string,
	body: string | Buffer,
	unixSeconds: number,
): string {
	const v1 = createHmac('sha256', secret).update(`${unixSeconds}.`).update(body).digest('hex');
	return `t=${unixSeconds},v1=${v1}`;
}

/** v0 bodies name the voted bot or server at the top level; everything else is v1. */
function isLegacy(body: string | Buffer): boolean {
	try {
		const parsed = JSON.parse(body.toString());
		return typeof parsed === 'object' && parsed !== null && ('bot' in parsed || 'guild' in parsed);
	} catch {
		return false;
	}
}

/** As top.gg sends: v1 signed now (the receiver checks the time), v0 with the legacy authorization. */
function sign(body: string | Buffer, credentials: Credentials): Headers {
	if (isLegacy(body)) return { Authorization: credentials.authorization };
	return {
		'x-topgg-signature': signatureHeader(
			credentials.webhookSecret,
			body,
			Math.floor(Date.now() / 1000),
		),
	};
}

const HOUR_MS = 3_600_000;

export const topggKit = defineKit({
	api: topggApiKit,
	platform: topgg,
	folder: 'Topgg',
	Node: TopggTrigger,
	Credential: TopggWebhookApi,
	examples,
	sample: 'vote',
	// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- a made-up secret the test signs with
	credentials: { webhookSecret: 'whs_kit-secret-5c1f', authorization: 'tgg-legacy-9d2e' },
	demoCredentials: {
		webhookSecret: 'whs_demo-topgg-secret',
		authorization: 'demo-topgg-legacy-auth',
	},
	// v1 (the votes this kit sends): an answer within 5 s; 3 retries about 1, 2 and 4 s later, on a timeout or a 5xx.
	retries: { timeoutMs: 5000, waitsMs: [1000, 2000, 4000], retriesTimeouts: true, assumed: false },
	sign,
	signatureLifetimeSeconds: TIMESTAMP_TOLERANCE_SECONDS,
	proofHeaders: ['x-topgg-signature', 'authorization'],
	voteBy: (voter, at) => {
		const vote = JSON.parse(examples.vote);
		vote.data.id = `${at.getTime()}${voter.slice(-6)}`;
		vote.data.created_at = at.toISOString();
		vote.data.expires_at = new Date(at.getTime() + 12 * HOUR_MS).toISOString();
		vote.data.user.platform_id = voter;
		return JSON.stringify(vote);
	},
	// top.gg resends the same body; the signature is made anew for each attempt.
	redelivery: (body) => body,
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		// v0: up to 10 retries, waiting 2^N s (N = 1 to 10, the last about 17 minutes) after each 5 s timeout, the last
		// about 35 minutes after the first attempt.
		retriesAtMs: retriesAfter(
			5000,
			Array.from({ length: 10 }, (_, n) => 2 ** (n + 1) * 1000),
		),
		votesBy: {
			'v0 bot vote': (voter) =>
				JSON.stringify({ ...JSON.parse(examples.legacyBotVote), user: voter }),
			'v0 server vote': (voter) =>
				JSON.stringify({ ...JSON.parse(examples.legacyServerVote), user: voter }),
		},
	},
	fieldCorpus: [
		{
			name: 'data.user.platform_id as a JSON number',
			example: 'vote',
			corrupt: (p) => (p.data.user.platform_id = 195263817236783100),
			error: /data\.user\.platform_id: Invalid input: expected string, received number/,
		},
		{
			name: 'data.id missing',
			example: 'vote',
			corrupt: (p) => delete p.data.id,
			error: /data\.id: Invalid input: expected string, received undefined/,
		},
		{
			name: 'data.created_at not a date',
			example: 'vote',
			corrupt: (p) => (p.data.created_at = '2026-02-30T00:00:00Z'),
			error: /data\.created_at: Expected an ISO 8601 date/,
		},
		{
			name: 'data.project.type unknown',
			example: 'vote',
			corrupt: (p) => (p.data.project.type = 'guild'),
			error: /data\.project\.type/,
		},
		{
			name: 'legacy user missing',
			example: 'legacyBotVote',
			corrupt: (p) => delete p.user,
			error: /user: Invalid input: expected string, received undefined/,
		},
		{
			name: 'legacy bot and guild both',
			example: 'legacyBotVote',
			corrupt: (p) => (p.guild = '803190510032756736'),
			error: /bot: Expected exactly one of bot/,
		},
		{
			name: 'legacy type unknown',
			example: 'legacyBotVote',
			corrupt: (p) => (p.type = 'downvote'),
			error: /type: Invalid option/,
		},
	],
	droppedFields: [
		{
			name: 'data.weight zero',
			example: 'vote',
			corrupt: (p) => (p.data.weight = 0),
			field: 'data.weight',
		},
	],
	essentialFields: ['bot', 'guild'],
	tokenSchemes: [
		{
			name: 'Top.gg legacy v0 (Authorization = authorization)',
			family: 'v0',
			field: 'authorization',
			headerNames: ['authorization'],
			routing: ['x-topgg-signature'],
			savedForms: (core) => [core],
			sentForms: (sent) => [sent],
			accepts: (value, sent) => value === sent,
		},
	],
	attacks: [
		{
			name: 'a genuine signature replayed ten minutes later',
			body: examples.vote,
			headers: (credentials) => ({
				'x-topgg-signature': signatureHeader(
					credentials.webhookSecret,
					examples.vote,
					Math.floor(Date.now() / 1000) - 600,
				),
			}),
			status: 401,
		},
		{
			name: 'a signature over the same JSON serialized differently',
			body: JSON.stringify(JSON.parse(examples.vote), null, 2),
			headers: (credentials) => ({
				'x-topgg-signature': signatureHeader(
					credentials.webhookSecret,
					examples.vote,
					Math.floor(Date.now() / 1000),
				),
			}),
			status: 401,
		},
		{
			name: 'a v1 body signed with the legacy authorization',
			body: examples.vote,
			headers: (credentials) => ({
				'x-topgg-signature': signatureHeader(
					credentials.authorization,
					examples.vote,
					Math.floor(Date.now() / 1000),
				),
			}),
			status: 401,
		},
		{
			name: 'a v1 body with the legacy authorization and no signature',
			body: examples.vote,
			headers: (credentials) => ({ Authorization: credentials.authorization }),
			status: 400,
		},
	],
	benchmarks: [
		{
			label: 'Top.gg vote (v1, signed)',
			example: 'vote',
			proof: {
				kind: 'hmac-sha256-timestamped',
				header: 'x-topgg-signature',
				secretField: 'webhookSecret',
			},
		},
		{
			label: 'Top.gg legacy vote (v0)',
			example: 'legacyBotVote',
			proof: { kind: 'token', header: 'authorization', secretField: 'authorization' },
		},
	],
});
