import { BotHuntWebhookApi } from '../../credentials/BotHuntWebhookApi.credentials';
import { defineKit, exactAuthorization, retriesAfter, UNDOCUMENTED_POLICY } from '../shared/kit';
import { BotHuntTrigger } from '../../nodes/BotHunt/BotHuntTrigger.node';
import examples from './examples.json';
import { COOLDOWN_MS, botHunt } from '../../nodes/BotHunt/platform';

/** Up to 10 retries after a 5xx, 2^N s apart (N = 1 to 10: the reading with the longer horizon, about 34 minutes). */
const RETRY_WAITS_MS = Array.from({ length: 10 }, (_, n) => 2 ** (n + 1) * 1000);

export const botHuntKit = defineKit({
	platform: botHunt,
	folder: 'BotHunt',
	Node: BotHuntTrigger,
	Credential: BotHuntWebhookApi,
	examples,
	sample: 'upvote',
	credentials: { token: 'bht-token-4d0' },
	demoCredentials: { token: 'demo-bothunt-token' },
	// A 5xx is retried up to 10 times, 2^N s apart; its timeout is not documented: top.gg v1's stands in.
	retries: { ...UNDOCUMENTED_POLICY, waitsMs: RETRY_WAITS_MS },
	sign: (_body, credentials) => ({ Authorization: credentials.token }),
	proofHeaders: ['authorization'],
	voteBy: (voter, at) =>
		JSON.stringify({
			...JSON.parse(examples.upvote),
			user_id: voter,
			streak_count: 1,
			last_vote_time: at.toISOString(),
		}),
	// BotHunt resends the same body after a 5xx (up to 10 times, 2^N s apart).
	redelivery: (body) => body,
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		// At their latest: each answer taken as instant.
		retriesAtMs: retriesAfter(0, RETRY_WAITS_MS),
		votesBy: {
			'upvote without last_vote_time': (voter) =>
				JSON.stringify({
					action: 'upvote',
					user_id: voter,
					bot_id: JSON.parse(examples.upvote).bot_id,
					streak_count: 1,
				}),
		},
	},
	fieldCorpus: [
		{
			name: 'user_id missing',
			example: 'upvote',
			corrupt: (p) => delete p.user_id,
			error: /user_id: Invalid input: expected string, received undefined/,
		},
		{
			name: 'bot_id as a JSON number',
			example: 'upvote',
			corrupt: (p) => (p.bot_id = 876543210987654300),
			error: /bot_id: Invalid input: expected string, received number/,
		},
		{
			name: 'action unknown',
			example: 'upvote',
			corrupt: (p) => (p.action = 'downvote'),
			error: /action: unknown event type "downvote"/,
		},
	],
	droppedFields: [
		{
			name: 'last_vote_time not a date',
			example: 'upvote',
			corrupt: (p) => (p.last_vote_time = '2025-02-30T12:00:00.000Z'),
			field: 'last_vote_time',
		},
		{
			name: 'streak_count fractional',
			example: 'upvote',
			corrupt: (p) => (p.streak_count = 2.5),
			field: 'streak_count',
		},
	],
	essentialFields: [],
	tokenSchemes: [exactAuthorization('BotHunt', 'vote', 'token')],
	attacks: [],
	benchmarks: [
		{
			label: 'BotHunt upvote',
			example: 'upvote',
			proof: { kind: 'token', header: 'authorization', secretField: 'token' },
		},
	],
});
