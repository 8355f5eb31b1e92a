import { DiscollabWebhookApi } from '../../credentials/DiscollabWebhookApi.credentials';
import { UNDOCUMENTED_RETRIES, bearerRemoved, defineKit, UNDOCUMENTED_POLICY } from '../shared/kit';
import { DiscollabTrigger } from '../../nodes/Discollab/DiscollabTrigger.node';
import examples from './examples.json';
import { COOLDOWN_MS, discollab } from '../../nodes/Discollab/platform';

export const discollabKit = defineKit({
	platform: discollab,
	folder: 'Discollab',
	Node: DiscollabTrigger,
	Credential: DiscollabWebhookApi,
	examples,
	sample: 'serverVote',
	credentials: { token: 'dcl-token-0e9' },
	demoCredentials: { token: 'demo-discollab-token' },
	// Not documented: top.gg v1's policy stands in.
	retries: UNDOCUMENTED_POLICY,
	sign: (_body, credentials) => ({ Authorization: `Bearer ${credentials.token}` }),
	proofHeaders: ['authorization'],
	voteBy: (voter, at) => {
		// voted_on_iso alone carries the time: the example's voted_on would contradict it.
		const vote = { ...JSON.parse(examples.serverVote), voted_on: undefined };
		return JSON.stringify({
			...vote,
			user_id: voter,
			username: `voter${voter.slice(-6)}`,
			voted_on_iso: at.toISOString(),
			times_voted: 1,
		});
	},
	// A retry reports less time until the voter may vote again.
	redelivery: (body) => {
		const vote = JSON.parse(body);
		return JSON.stringify(
			typeof vote.vote_again === 'number' ? { ...vote, vote_again: vote.vote_again - 30 } : vote,
		);
	},
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		// Retries are undocumented.
		retriesAtMs: UNDOCUMENTED_RETRIES,
		votesBy: {
			'oldest vote without voted_on and times_voted': (voter) =>
				JSON.stringify({
					client_id: JSON.parse(examples.oldestBotVote).client_id,
					id: voter,
					username: `voter${voter.slice(-6)}`,
				}),
		},
	},
	fieldCorpus: [
		{
			name: 'user_id missing',
			example: 'serverVote',
			corrupt: (p) => delete p.user_id,
			error: /user_id: Required/,
		},
		{
			name: 'guild_id as a JSON number',
			example: 'serverVote',
			corrupt: (p) => (p.guild_id = 123456789012345680),
			error: /guild_id: Invalid input: expected string, received number/,
		},
	],
	droppedFields: [
		{
			name: 'username huge',
			example: 'serverVote',
			corrupt: (p) => (p.username = 'x'.repeat(60_000)),
			field: 'username',
		},
		{
			name: 'times_voted as text',
			example: 'serverVote',
			corrupt: (p) => (p.times_voted = 'seven'),
			field: 'times_voted',
		},
		{
			name: 'voted_on_iso not a date',
			example: 'serverVote',
			corrupt: (p) => (p.voted_on_iso = 'yesterday'),
			field: 'voted_on_iso',
		},
	],
	essentialFields: ['guild_id', 'client_id', 'user_id', 'id', 'is_test'],
	tokenSchemes: [
		{
			name: 'Discollab (Authorization = token or Bearer <token>)',
			family: 'vote',
			field: 'token',
			headerNames: ['authorization'],
			routing: [],
			savedForms: (core) => [core],
			sentForms: (sent) => [sent, `Bearer ${sent}`],
			// The scheme is case-insensitive and followed by whitespace (RFC 7235).
			accepts: (value, sent) => value === sent || bearerRemoved(value) === sent,
		},
	],
	attacks: [],
	benchmarks: [
		{
			label: 'Discollab vote',
			example: 'serverVote',
			proof: { kind: 'token', header: 'authorization', secretField: 'token' },
		},
	],
});
