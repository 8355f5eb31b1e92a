import { BoticordWebhookApi } from '../../credentials/BoticordWebhookApi.credentials';
import { defineKit, UNDOCUMENTED_POLICY } from '../shared/kit';
import { BoticordTrigger } from '../../nodes/Boticord/BoticordTrigger.node';
import examples from './examples.json';
import { boticordApiKit } from './api';
import { boticord } from '../../nodes/Boticord/platform';

export const boticordKit = defineKit({
	api: boticordApiKit,
	platform: boticord,
	folder: 'Boticord',
	Node: BoticordTrigger,
	Credential: BoticordWebhookApi,
	examples,
	sample: 'botBump',
	credentials: { hookKey: 'btc-hook-5aa' },
	demoCredentials: { hookKey: 'demo-boticord-hook-key' },
	// Not documented: top.gg v1's policy stands in.
	retries: UNDOCUMENTED_POLICY,
	sign: (_body, credentials) => ({ 'X-Hook-Key': credentials.hookKey }),
	proofHeaders: ['x-hook-key', 'authorization'],
	voteBy: (voter, at) =>
		JSON.stringify({ type: 'new_bot_bump', data: { user: voter, at: at.getTime() } }),
	redelivery: (body) => body,
	windowedVotes: null,
	fieldCorpus: [
		{
			name: 'type unknown',
			example: 'botBump',
			corrupt: (p) => (p.type = 'new_bot_unbump'),
			error: /type: unknown event type "new_bot_unbump"/,
		},
		{
			name: 'data missing',
			example: 'botBump',
			corrupt: (p) => delete p.data,
			error: /data: Invalid input: expected object, received undefined/,
		},
		{
			name: 'data.user as a JSON number',
			example: 'botBump',
			corrupt: (p) => (p.data.user = 178404926869733380),
			error: /data\.user: Invalid input: expected string, received number/,
		},
		{
			name: 'data.at as text',
			example: 'botBump',
			corrupt: (p) => (p.data.at = '1631789378024'),
			error: /data\.at: Invalid input: expected number/,
		},
		{
			name: 'data.at beyond year 9999',
			example: 'botBump',
			corrupt: (p) => (p.data.at = 8.64e15),
			error: /data\.at/,
		},
	],
	droppedFields: [],
	essentialFields: ['affected', 'data.id'],
	tokenSchemes: [
		{
			name: 'Boticord (X-Hook-Key or Authorization = hookKey)',
			family: 'webhook',
			field: 'hookKey',
			headerNames: ['x-hook-key', 'authorization'],
			routing: [],
			savedForms: (core) => [core],
			sentForms: (sent) => [sent],
			accepts: (value, sent) => value === sent,
		},
	],
	attacks: [],
	benchmarks: [
		{
			label: 'Boticord comment (legacy)',
			example: 'botCommentEdited',
			proof: { kind: 'token', header: 'x-hook-key', secretField: 'hookKey' },
		},
		{
			label: 'Boticord up (v3)',
			example: 'upAddedWrapped',
			proof: { kind: 'token', header: 'x-hook-key', secretField: 'hookKey' },
		},
	],
});
