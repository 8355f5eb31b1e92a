import { DiscordBotListWebhookApi } from '../../credentials/DiscordBotListWebhookApi.credentials';
import {
	UNDOCUMENTED_RETRIES,
	defineKit,
	exactAuthorization,
	UNDOCUMENTED_POLICY,
} from '../shared/kit';
import { DiscordBotListTrigger } from '../../nodes/DiscordBotList/DiscordBotListTrigger.node';
import examples from './examples.json';
import { discordBotListApiKit } from './api';
import { COOLDOWN_MS, discordBotList } from '../../nodes/DiscordBotList/platform';

export const discordBotListKit = defineKit({
	api: discordBotListApiKit,
	platform: discordBotList,
	folder: 'DiscordBotList',
	Node: DiscordBotListTrigger,
	Credential: DiscordBotListWebhookApi,
	examples,
	sample: 'vote',
	credentials: { webhookSecret: 'dbl-secret-3a7' },
	demoCredentials: { webhookSecret: 'demo-discordbotlist-secret' },
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
	],
	droppedFields: [
		{
			name: 'username huge',
			example: 'vote',
			corrupt: (p) => (p.username = 'x'.repeat(60_000)),
			field: 'username',
		},
		{ name: 'admin as text', example: 'vote', corrupt: (p) => (p.admin = 'false'), field: 'admin' },
	],
	essentialFields: [],
	tokenSchemes: [exactAuthorization('Discord Bot List', 'vote', 'webhookSecret')],
	attacks: [
		{
			name: 'the superseded X-DBL-Signature scheme carrying the secret, without Authorization',
			body: examples.vote,
			headers: (credentials) => ({
				'X-DBL-Signature': `${credentials.webhookSecret} ${Date.now()}`,
			}),
			status: 401,
		},
	],
	benchmarks: [
		{
			label: 'Discord Bot List vote',
			example: 'vote',
			proof: { kind: 'token', header: 'authorization', secretField: 'webhookSecret' },
		},
	],
});
