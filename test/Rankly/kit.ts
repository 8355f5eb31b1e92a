import { createHmac } from 'crypto';
import { RanklyWebhookApi } from '../../credentials/RanklyWebhookApi.credentials';
import {
	bearerRemoved,
	defineKit,
	type Credentials,
	type Headers,
	UNDOCUMENTED_POLICY,
} from '../shared/kit';
import examples from './examples.json';
import { ranklyApiKit } from './api';
import { rankly } from '../../nodes/Rankly/platform';
import { RanklyTrigger } from '../../nodes/Rankly/RanklyTrigger.node';

const hmac = (secret: string, body: string | Buffer) =>
	createHmac('sha256', secret).update(body).digest('hex');

/** The body's `event`, when it is a JSON object that names one: what decides how Rankly signs it. */
function eventOf(body: string | Buffer): unknown {
	try {
		const parsed = JSON.parse(body.toString());
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
			? parsed.event
			: undefined;
	} catch {
		return undefined;
	}
}

/** As Rankly sends: server votes carry the authorization, bot votes and premium events an HMAC under their own secret. */
function sign(body: string | Buffer, credentials: Credentials): Headers {
	const event = eventOf(body);
	if (event === undefined) return { Authorization: credentials.authorization };
	const secret = event === 'bot_vote' ? credentials.voteSecret : credentials.premiumSecret;
	return { 'X-Webhook-Signature': hmac(secret, body) };
}

const huge = 'x'.repeat(60_000);

export const ranklyKit = defineKit({
	api: ranklyApiKit,
	platform: rankly,
	folder: 'Rankly',
	Node: RanklyTrigger,
	Credential: RanklyWebhookApi,
	examples,
	sample: 'botVote',
	credentials: {
		authorization: 'rk-auth-31c',
		voteSecret: 'rk-vote-77a',
		premiumSecret: 'rk-premium-d42',
	},
	demoCredentials: {
		authorization: 'Bearer demo-rankly-auth',
		voteSecret: 'demo-rankly-vote-secret',
		premiumSecret: 'demo-rankly-premium-secret',
	},
	// An answer within 10 s; a non-2xx answer is retried, how often is not documented: top.gg v1's count stands in.
	retries: { ...UNDOCUMENTED_POLICY, timeoutMs: 10_000 },
	sign,
	proofHeaders: ['x-webhook-signature', 'authorization'],
	voteBy: (voter, at) =>
		JSON.stringify({
			...JSON.parse(examples.botVote),
			timestamp: at.toISOString(),
			voter: { userId: voter, username: `voter${voter.slice(-6)}` },
		}),
	redelivery: (body) => body,
	windowedVotes: null,
	fieldCorpus: [
		{
			name: 'event unknown',
			example: 'botVote',
			corrupt: (p) => (p.event = 'bot_unvote'),
			error: /event: unknown event type "bot_unvote"/,
		},
		{
			name: 'voter.userId as a JSON number',
			example: 'botVote',
			corrupt: (p) => (p.voter.userId = 987654321098765400),
			error: /voter\.userId: Invalid input: expected string, received number/,
		},
		{
			name: 'bot missing',
			example: 'botVote',
			corrupt: (p) => delete p.bot,
			error: /bot: Invalid input: expected object, received undefined/,
		},
		{
			name: 'timestamp not a date',
			example: 'botVote',
			corrupt: (p) => (p.timestamp = 'now'),
			error: /timestamp: Expected an ISO 8601 date/,
		},
	],
	droppedFields: [
		{
			name: 'bot.name huge',
			example: 'botVote',
			corrupt: (p) => (p.bot.name = huge),
			field: 'bot.name',
		},
	],
	essentialFields: ['test'],
	tokenSchemes: [
		{
			name: 'Rankly server votes (Authorization, Bearer optional on both sides)',
			family: 'serverVote',
			field: 'authorization',
			headerNames: ['authorization'],
			routing: ['x-webhook-signature'],
			// A secret that itself starts with "Bearer " cannot be told from the scheme.
			ambiguous: (core) => /^bearer\s/i.test(core),
			savedForms: (core) => [core, `Bearer ${core}`],
			sentForms: (sent) => [sent, `Bearer ${sent}`],
			accepts: (value, sent) => bearerRemoved(value) === sent,
		},
	],
	attacks: [
		{
			name: 'a signature over the same JSON serialized differently',
			body: JSON.stringify(JSON.parse(examples.botVote), null, 2),
			headers: (credentials) => ({
				'X-Webhook-Signature': hmac(credentials.voteSecret, examples.botVote),
			}),
			status: 401,
		},
		{
			name: 'a premium event signed with the bot vote secret',
			body: examples.premiumPurchase,
			headers: (credentials) => ({
				'X-Webhook-Signature': hmac(credentials.voteSecret, examples.premiumPurchase),
			}),
			status: 401,
		},
	],
	benchmarks: [
		{
			label: 'Rankly server vote',
			example: 'serverVote',
			proof: { kind: 'token', header: 'authorization', secretField: 'authorization' },
		},
		{
			label: 'Rankly bot vote (HMAC)',
			example: 'botVote',
			proof: { kind: 'hmac-sha256-hex', header: 'x-webhook-signature', secretField: 'voteSecret' },
		},
		{
			label: 'Rankly premium (HMAC)',
			example: 'premiumPurchase',
			proof: {
				kind: 'hmac-sha256-hex',
				header: 'x-webhook-signature',
				secretField: 'premiumSecret',
			},
		},
	],
});
