import { DiscordPlaceWebhookApi } from '../../credentials/DiscordPlaceWebhookApi.credentials';
import { defineKit, exactAuthorization, retriesAfter } from '../shared/kit';
import { DiscordPlaceTrigger } from '../../nodes/DiscordPlace/DiscordPlaceTrigger.node';
import examples from './examples.json';
import { discordPlaceApiKit } from './api';
import { COOLDOWN_MS, discordPlace } from '../../nodes/DiscordPlace/platform';

/** 3 retries of a non-2xx answer (which comes within the 2 s timeout), 5, 10 and 15 s later. */
const RETRY_WAITS_MS = [5000, 10_000, 15_000];

export const discordPlaceKit = defineKit({
	api: discordPlaceApiKit,
	platform: discordPlace,
	folder: 'DiscordPlace',
	Node: DiscordPlaceTrigger,
	Credential: DiscordPlaceWebhookApi,
	examples,
	sample: 'botVote',
	credentials: { token: 'dpl-token-7e4' },
	demoCredentials: { token: 'demo-discordplace-token' },
	// discord.place gives up after 2 s and never retries a timeout.
	answerWithinMs: 2000,
	// A non-2xx answer within the 2 s timeout is retried 3 times, 5, 10 and 15 s later; a timeout never is.
	retries: { timeoutMs: 2000, waitsMs: RETRY_WAITS_MS, retriesTimeouts: false, assumed: false },
	sign: (_body, credentials) => ({ Authorization: credentials.token }),
	proofHeaders: ['authorization'],
	// The body carries no time: the receive time stands for `at`.
	voteBy: (voter) => JSON.stringify({ ...JSON.parse(examples.botVote), user: voter }),
	// A retry (after a non-2xx answer) resends the same body.
	redelivery: (body) => body,
	windowedVotes: {
		cooldownMs: COOLDOWN_MS,
		retriesAtMs: retriesAfter(2000, RETRY_WAITS_MS),
		votesBy: {
			'bot vote': (voter) => JSON.stringify({ ...JSON.parse(examples.botVote), user: voter }),
			'server vote': (voter) => JSON.stringify({ ...JSON.parse(examples.serverVote), user: voter }),
		},
	},
	fieldCorpus: [
		{
			name: 'user missing',
			example: 'botVote',
			corrupt: (p) => delete p.user,
			error: /user: Invalid input: expected string, received undefined/,
		},
		{
			name: 'bot as a JSON number',
			example: 'botVote',
			corrupt: (p) => (p.bot = 123456789012345680),
			error: /bot: Invalid input: expected string, received number/,
		},
		{
			name: 'bot and guild both',
			example: 'botVote',
			corrupt: (p) => (p.guild = '123456789012345678'),
			error: /bot: Expected exactly one of bot/,
		},
		{
			name: 'neither bot nor guild',
			example: 'serverVote',
			corrupt: (p) => delete p.guild,
			error: /bot: Expected exactly one of bot/,
		},
		{
			name: 'test as text',
			example: 'botTest',
			corrupt: (p) => (p.test = 'true'),
			error: /test: Invalid input: expected boolean/,
		},
	],
	droppedFields: [],
	essentialFields: ['bot', 'guild', 'test'],
	tokenSchemes: [exactAuthorization('discord.place', 'vote', 'token')],
	attacks: [],
	benchmarks: [
		{
			label: 'discord.place vote',
			example: 'botVote',
			proof: { kind: 'token', header: 'authorization', secretField: 'token' },
		},
	],
});
