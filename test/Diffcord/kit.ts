import { DiffcordWebhookApi } from '../../credentials/DiffcordWebhookApi.credentials';
import { defineKit, exactAuthorization, UNDOCUMENTED_POLICY } from '../shared/kit';
import { DiffcordTrigger } from '../../nodes/Diffcord/DiffcordTrigger.node';
import examples from './examples.json';
import { diffcordApiKit } from './api';
import { diffcord } from '../../nodes/Diffcord/platform';

const huge = 'x'.repeat(60_000);

export const diffcordKit = defineKit({
	api: diffcordApiKit,
	platform: diffcord,
	folder: 'Diffcord',
	Node: DiffcordTrigger,
	Credential: DiffcordWebhookApi,
	examples,
	sample: 'vote',
	credentials: { verificationCode: 'dfc-code-6b1' },
	demoCredentials: { verificationCode: 'demo-diffcord-code' },
	// Not documented: top.gg v1's policy stands in.
	retries: UNDOCUMENTED_POLICY,
	sign: (_body, credentials) => ({ Authorization: credentials.verificationCode }),
	proofHeaders: ['authorization'],
	voteBy: (voter, at) =>
		JSON.stringify({
			...JSON.parse(examples.vote),
			vote_id: `${voter}-${at.getTime()}`,
			user_id: voter,
			since_vote: 1.5,
		}),
	// A retry reports a longer time since the vote.
	redelivery: (body) => {
		const vote = JSON.parse(body);
		return JSON.stringify(
			typeof vote.since_vote === 'number' ? { ...vote, since_vote: vote.since_vote + 30 } : vote,
		);
	},
	windowedVotes: null,
	fieldCorpus: [
		{
			name: 'user_id missing',
			example: 'vote',
			corrupt: (p) => delete p.user_id,
			error: /user_id: Invalid input: expected string, received undefined/,
		},
		{
			name: 'bot_id as a JSON number',
			example: 'vote',
			corrupt: (p) => (p.bot_id = 7231198106540828000),
			error: /bot_id: Invalid input: expected string, received number/,
		},
		{ name: 'vote_id huge', example: 'vote', corrupt: (p) => (p.vote_id = huge), error: /vote_id/ },
		{
			name: 'test as text',
			example: 'vote',
			corrupt: (p) => (p.test = 'false'),
			error: /test: Invalid input: expected boolean/,
		},
	],
	droppedFields: [
		{
			name: 'monthly_votes as text',
			example: 'vote',
			corrupt: (p) => (p.monthly_votes = '12'),
			field: 'monthly_votes',
		},
	],
	essentialFields: ['test'],
	tokenSchemes: [exactAuthorization('Diffcord', 'vote', 'verificationCode')],
	attacks: [],
	benchmarks: [
		{
			label: 'Diffcord vote',
			example: 'vote',
			proof: { kind: 'token', header: 'authorization', secretField: 'verificationCode' },
		},
	],
});
