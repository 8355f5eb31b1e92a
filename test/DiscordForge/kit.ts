import { DiscordForgeWebhookApi } from '../../credentials/DiscordForgeWebhookApi.credentials';
import {
	UNDOCUMENTED_RETRIES,
	defineKit,
	exactAuthorization,
	UNDOCUMENTED_POLICY,
} from '../shared/kit';
import { DiscordForgeTrigger } from '../../nodes/DiscordForge/DiscordForgeTrigger.node';
import examples from './examples.json';
import { discordForgeApiKit } from './api';
import { COOLDOWN_MS, discordForge } from '../../nodes/DiscordForge/platform';

export const discordForgeKit = defineKit({
	api: discordForgeApiKit,
	platform: discordForge,
	folder: 'DiscordForge',
	Node: DiscordForgeTrigger,
	Credential: DiscordForgeWebhookApi,
	examples,
	sample: 'vote',
	credentials: { webhookSecret: 'dfg-secret-1b9' },
	demoCredentials: { webhookSecret: 'demo-discordforge-secret' },
	// Not documented: top.gg v1's policy stands in.
	retries: UNDOCUMENTED_POLICY,
	sign: (_body, credentials) => ({ Authorization: credentials.webhookSecret }),
	proofHeaders: ['authorization'],
	// The body carries no time: the receive time stands for `at`.
	voteBy: (voter) =>
		JSON.stringify({
			...JSON.parse(examples.vote),
			id: voter,
			username: `voter${voter.slice(-6)}`,
		}),
	// Retries are undocumented; a resent body would be the same bytes.
	redelivery: (body) => body,
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		retriesAtMs: UNDOCUMENTED_RETRIES,
		votesBy: { vote: (voter) => JSON.stringify({ ...JSON.parse(examples.vote), id: voter }) },
	},
	fieldCorpus: [
		{
			name: 'id missing',
			example: 'vote',
			corrupt: (p) => delete p.id,
			error: /id: Invalid input: expected string, received undefined/,
		},
		{
			name: 'id as a JSON number',
			example: 'vote',
			corrupt: (p) => (p.id = 123456789012345680),
			error: /id: Invalid input: expected string, received number/,
		},
		{
			name: 'isTest as text',
			example: 'test',
			corrupt: (p) => (p.isTest = 'true'),
			error: /isTest: Invalid input: expected boolean/,
		},
	],
	droppedFields: [
		{
			name: 'totalVotes negative',
			example: 'vote',
			corrupt: (p) => (p.totalVotes = -1),
			field: 'totalVotes',
		},
		{
			name: 'weeklyVotes as text',
			example: 'vote',
			corrupt: (p) => (p.weeklyVotes = '3'),
			field: 'weeklyVotes',
		},
	],
	essentialFields: ['isTest'],
	tokenSchemes: [exactAuthorization('DiscordForge', 'vote', 'webhookSecret')],
	attacks: [],
	benchmarks: [
		{
			label: 'DiscordForge vote',
			example: 'vote',
			proof: { kind: 'token', header: 'authorization', secretField: 'webhookSecret' },
		},
	],
});
