import { BotRadarWebhookApi } from '../../credentials/BotRadarWebhookApi.credentials';
import {
	UNDOCUMENTED_RETRIES,
	defineKit,
	exactAuthorization,
	UNDOCUMENTED_POLICY,
} from '../shared/kit';
import { BotRadarTrigger } from '../../nodes/BotRadar/BotRadarTrigger.node';
import examples from './examples.json';
import { COOLDOWN_MS, botRadar } from '../../nodes/BotRadar/platform';

/** `at` as BotRadar writes votedAt: ISO 8601 with a `+00:00` offset rather than `Z`. */
const votedAt = (at: Date) => at.toISOString().replace(/Z$/, '+00:00');

export const botRadarKit = defineKit({
	platform: botRadar,
	folder: 'BotRadar',
	Node: BotRadarTrigger,
	Credential: BotRadarWebhookApi,
	examples,
	sample: 'upvote',
	credentials: { webhookSecret: 'brd-secret-7e1' },
	demoCredentials: { webhookSecret: 'demo-botradar-secret' },
	// Not documented: top.gg v1's policy stands in.
	retries: UNDOCUMENTED_POLICY,
	sign: (_body, credentials) => ({ Authorization: credentials.webhookSecret }),
	proofHeaders: ['authorization'],
	voteBy: (voter, at) =>
		JSON.stringify({ ...JSON.parse(examples.upvote), user: voter, votedAt: votedAt(at) }),
	// "Non-2xx responses (or timeouts) are retried a few times": the same body again.
	redelivery: (body) => body,
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		// "Retried a few times", with no count or schedule.
		retriesAtMs: UNDOCUMENTED_RETRIES,
		votesBy: {
			'upvote without votedAt': (voter) =>
				JSON.stringify({
					bot: JSON.parse(examples.upvote).bot,
					user: voter,
					type: 'upvote',
					isWeekend: false,
				}),
		},
	},
	fieldCorpus: [
		{
			name: 'user missing',
			example: 'upvote',
			corrupt: (p) => delete p.user,
			error: /user: Invalid input: expected string, received undefined/,
		},
		{
			name: 'bot as a JSON number',
			example: 'upvote',
			corrupt: (p) => (p.bot = 716390085896962000),
			error: /bot: Invalid input: expected string, received number/,
		},
		{
			name: 'type unknown',
			example: 'upvote',
			corrupt: (p) => (p.type = 'downvote'),
			error: /type: unknown event type "downvote"/,
		},
	],
	droppedFields: [
		{
			name: 'votedAt without an offset',
			example: 'upvote',
			corrupt: (p) => (p.votedAt = '2026-07-04T18:49:00'),
			field: 'votedAt',
		},
		{
			name: 'isWeekend as text',
			example: 'weekendUpvote',
			corrupt: (p) => (p.isWeekend = 'true'),
			field: 'isWeekend',
		},
	],
	essentialFields: [],
	tokenSchemes: [exactAuthorization('BotRadar', 'webhook', 'webhookSecret')],
	attacks: [],
	benchmarks: [
		{
			label: 'BotRadar upvote',
			example: 'upvote',
			proof: { kind: 'token', header: 'authorization', secretField: 'webhookSecret' },
		},
	],
});
