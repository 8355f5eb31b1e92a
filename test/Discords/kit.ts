import { DiscordsWebhookApi } from '../../credentials/DiscordsWebhookApi.credentials';
import {
	UNDOCUMENTED_RETRIES,
	defineKit,
	exactAuthorization,
	UNDOCUMENTED_POLICY,
} from '../shared/kit';
import { DiscordsTrigger } from '../../nodes/Discords/DiscordsTrigger.node';
import examples from './examples.json';
import { discordsApiKit } from './api';
import { COOLDOWN_MS, discords } from '../../nodes/Discords/platform';

export const discordsKit = defineKit({
	api: discordsApiKit,
	platform: discords,
	folder: 'Discords',
	Node: DiscordsTrigger,
	Credential: DiscordsWebhookApi,
	examples,
	sample: 'vote',
	credentials: { authorization: 'dsc-auth-52c' },
	demoCredentials: { authorization: 'demo-discords-authorization' },
	// Not documented: top.gg v1's policy stands in.
	retries: UNDOCUMENTED_POLICY,
	sign: (_body, credentials) => ({ Authorization: credentials.authorization }),
	proofHeaders: ['authorization'],
	// The body carries no time: the receive time stands for `at`.
	voteBy: (voter) => JSON.stringify({ ...JSON.parse(examples.vote), user: voter }),
	// Retries are undocumented ("no response is required"); a resent body would be the same bytes.
	redelivery: (body) => body,
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		retriesAtMs: UNDOCUMENTED_RETRIES,
		votesBy: {
			vote: (voter) => JSON.stringify({ ...JSON.parse(examples.vote), user: voter }),
			'premium vote': (voter) =>
				JSON.stringify({ ...JSON.parse(examples.premiumVote), user: voter }),
			'older vote': (voter) => JSON.stringify({ ...JSON.parse(examples.olderVote), user: voter }),
		},
	},
	fieldCorpus: [
		{
			name: 'user missing',
			example: 'vote',
			corrupt: (p) => delete p.user,
			error: /user: Invalid input: expected string, received undefined/,
		},
		{
			name: 'bot as a JSON number',
			example: 'vote',
			corrupt: (p) => (p.bot = 621352902656524300),
			error: /bot: Invalid input: expected string, received number/,
		},
		{
			name: 'review stars above 5',
			example: 'review',
			corrupt: (p) => (p.stars = 6),
			error: /stars: Too big/,
		},
		{
			name: 'review content missing',
			example: 'review',
			corrupt: (p) => delete p.content,
			error: /content: Invalid input: expected string, received undefined/,
		},
		{
			name: 'type unknown',
			example: 'vote',
			corrupt: (p) => (p.type = 'downvote'),
			error: /type: unknown event type "downvote"/,
		},
	],
	droppedFields: [
		{
			name: 'query as text',
			example: 'vote',
			corrupt: (p) => (p.query = '?cast=1'),
			field: 'query',
		},
		{
			name: 'older votes.totalVotes as text',
			example: 'olderVote',
			corrupt: (p) => (p.votes.totalVotes = '12'),
			field: 'votes.totalVotes',
		},
	],
	essentialFields: [],
	tokenSchemes: [exactAuthorization('Discords', 'webhook', 'authorization')],
	attacks: [],
	benchmarks: [
		{
			label: 'Discords vote',
			example: 'vote',
			proof: { kind: 'token', header: 'authorization', secretField: 'authorization' },
		},
		{
			label: 'Discords review',
			example: 'review',
			proof: { kind: 'token', header: 'authorization', secretField: 'authorization' },
		},
	],
});
