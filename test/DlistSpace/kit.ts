import { DlistSpaceWebhookApi } from '../../credentials/DlistSpaceWebhookApi.credentials';
import {
	UNDOCUMENTED_RETRIES,
	defineKit,
	exactAuthorization,
	UNDOCUMENTED_POLICY,
} from '../shared/kit';
import { DlistSpaceTrigger } from '../../nodes/DlistSpace/DlistSpaceTrigger.node';
import examples from './examples.json';
import { COOLDOWN_MS, dlistSpace } from '../../nodes/DlistSpace/platform';

export const dlistSpaceKit = defineKit({
	platform: dlistSpace,
	folder: 'DlistSpace',
	Node: DlistSpaceTrigger,
	Credential: DlistSpaceWebhookApi,
	examples,
	sample: 'vote',
	credentials: { webhookSecret: 'dls-secret-5c2' },
	demoCredentials: { webhookSecret: 'demo-dlistspace-secret' },
	// Not documented: top.gg v1's policy stands in.
	retries: UNDOCUMENTED_POLICY,
	sign: (_body, credentials) => ({ Authorization: credentials.webhookSecret }),
	proofHeaders: ['authorization'],
	// The body carries no time: the receive time stands for `at`.
	voteBy: (voter) =>
		JSON.stringify({
			...JSON.parse(examples.vote),
			user_id: voter,
			username: `voter${voter.slice(-6)}`,
		}),
	// Retries are undocumented; a resent body would be the same bytes.
	redelivery: (body) => body,
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		retriesAtMs: UNDOCUMENTED_RETRIES,
		votesBy: {
			vote: (voter) => JSON.stringify({ ...JSON.parse(examples.vote), user_id: voter }),
			unconfirmedWeekendVote: (voter) =>
				JSON.stringify({ ...JSON.parse(examples.unconfirmedWeekendVote), user_id: voter }),
		},
	},
	fieldCorpus: [
		{
			name: 'user_id missing',
			example: 'vote',
			corrupt: (p) => delete p.user_id,
			error: /user_id: Invalid input: expected string, received undefined/,
		},
		{
			name: 'user_id as a JSON number',
			example: 'vote',
			corrupt: (p) => (p.user_id = 123456789012345680),
			error: /user_id: Invalid input: expected string, received number/,
		},
	],
	droppedFields: [
		{
			name: 'username huge',
			example: 'vote',
			corrupt: (p) => (p.username = 'x'.repeat(60_000)),
			field: 'username',
		},
		{
			name: 'avatar as a number',
			example: 'vote',
			corrupt: (p) => (p.avatar = 42),
			field: 'avatar',
		},
		// The unconfirmed extras: malformed, they are left out rather than refuse a genuine vote.
		{
			name: 'weekend as text',
			example: 'unconfirmedWeekendVote',
			corrupt: (p) => (p.weekend = 'true'),
			field: 'weekend',
		},
		{
			name: 'test as text',
			example: 'unconfirmedTest',
			corrupt: (p) => (p.test = 'true'),
			field: 'test',
		},
	],
	essentialFields: [],
	tokenSchemes: [exactAuthorization('dlist.space', 'vote', 'webhookSecret')],
	attacks: [],
	benchmarks: [
		{
			label: 'dlist.space vote',
			example: 'vote',
			proof: { kind: 'token', header: 'authorization', secretField: 'webhookSecret' },
		},
	],
});
