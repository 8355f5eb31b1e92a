import { VoidBotsWebhookApi } from '../../credentials/VoidBotsWebhookApi.credentials';
import {
	UNDOCUMENTED_RETRIES,
	defineKit,
	exactAuthorization,
	UNDOCUMENTED_POLICY,
} from '../shared/kit';
import { VoidBotsTrigger } from '../../nodes/VoidBots/VoidBotsTrigger.node';
import examples from './examples.json';
import { voidBotsApiKit } from './api';
import { COOLDOWN_MS, voidBots } from '../../nodes/VoidBots/platform';

const withVoter = (example: string, voter: string) =>
	JSON.stringify({ ...JSON.parse(example), user: voter });

export const voidBotsKit = defineKit({
	api: voidBotsApiKit,
	platform: voidBots,
	folder: 'VoidBots',
	Node: VoidBotsTrigger,
	Credential: VoidBotsWebhookApi,
	examples,
	sample: 'vote',
	credentials: { webhookSecret: 'vdb-secret-7e1' },
	demoCredentials: { webhookSecret: 'demo-voidbots-secret' },
	// The official module compares Authorization with the saved webhook auth, exactly.
	// Not documented: top.gg v1's policy stands in.
	retries: UNDOCUMENTED_POLICY,
	sign: (_body, credentials) => ({ Authorization: credentials.webhookSecret }),
	proofHeaders: ['authorization'],
	// The body carries no time: the receive time stands for `at`.
	voteBy: (voter) => withVoter(examples.vote, voter),
	// Retries are undocumented; a resent body would be the same bytes.
	redelivery: (body) => body,
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		retriesAtMs: UNDOCUMENTED_RETRIES,
		votesBy: {
			vote: (voter) => withVoter(examples.vote, voter),
			'vote with type': (voter) => withVoter(examples.voteWithType, voter),
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
			corrupt: (p) => (p.bot = 716390085896962000),
			error: /bot: Invalid input: expected string, received number/,
		},
		{
			name: 'user not a Discord id',
			example: 'voteWithType',
			corrupt: (p) => (p.user = 'someone'),
			error: /user: Expected a Discord id/,
		},
	],
	// The two documented fields both decide the item; `type` is read only for "test", anything else is a vote.
	droppedFields: [],
	essentialFields: [],
	tokenSchemes: [exactAuthorization('Void Bots', 'webhook', 'webhookSecret')],
	attacks: [],
	benchmarks: [
		{
			label: 'Void Bots vote',
			example: 'vote',
			proof: { kind: 'token', header: 'authorization', secretField: 'webhookSecret' },
		},
	],
});
