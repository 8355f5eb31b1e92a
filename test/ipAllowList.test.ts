import { isAllowed, parseAllowList } from '../nodes/shared/ipAllowList';
import { deliver } from './helpers/deliver';
import { nodesUnderTest } from './helpers/nodes';

describe('parseAllowList / isAllowed', () => {
	it.each([
		['51.222.204.155', '51.222.204.155', true],
		['51.222.204.155', '51.222.204.156', false],
		['51.222.204.155', '::ffff:51.222.204.155', true],
		['10.0.0.0/8', '10.255.1.2', true],
		['10.0.0.0/8', '11.0.0.1', false],
		['192.168.1.128/25', '192.168.1.200', true],
		['192.168.1.128/25', '192.168.1.127', false],
		['0.0.0.0/0', '8.8.8.8', true],
		['2001:db8::/32', '2001:db8:1::5', true],
		['2001:db8::/32', '2001:db9::5', false],
		['::1', '::1', true],
		['::1', '127.0.0.1', false],
		['fe80::1', 'fe80::1%eth0', true],
		['51.222.204.155, 2001:db8::1', '2001:db8::1', true],
		['51.222.204.155', undefined, false],
		['51.222.204.155', 'not-an-ip', false],
	])('%s allows %s: %s', (list, client, expected) => {
		expect(isAllowed(parseAllowList(list), client)).toBe(expected);
	});

	it.each([
		'51.222.204',
		'300.1.1.1',
		'10.0.0.0/33',
		'2001:db8::/129',
		'1.2.3.4/8/1',
		'example.com',
		'01.2.3.4',
		'2001:db8:::1',
	])('reports %s as invalid', (entry) => {
		expect(parseAllowList(`51.222.204.155, ${entry}`).invalid).toEqual([entry]);
	});
});

describe.each(nodesUnderTest)(
	'$platform: Allowed IPs option',
	({ node, credentials, sign, example, secrets }) => {
		const send = (ip: string, allowedIps: string, body = example) =>
			deliver(node, { headers: sign(body), body, credentials, ip, options: { allowedIps } });

		it('accepts a sender inside the list', async () => {
			expect((await send('51.222.204.155', '51.222.204.155')).status).toBe(200);
		});

		it('refuses any other sender with 403 before looking at the request, starting nothing', async () => {
			const answer = await send('203.0.113.7', '51.222.204.155', 'not even JSON');
			expect(answer.status).toBe(403);
			expect(answer.json.error).toMatch(/not in the node's Allowed IPs option/);
			// The address n8n resolved (which tells how its proxy is set up) is for the owner's log, not the sender.
			expect(answer.json.error).not.toContain('203.0.113.7');
			expect(answer.logs.join('\n')).toContain('sender address 203.0.113.7');
			expect(answer.items).toHaveLength(0);
			for (const secret of secrets) expect(JSON.stringify(answer.json)).not.toContain(secret);
		});

		it('fails closed with 500 when the option holds an invalid entry', async () => {
			const answer = await send('51.222.204.155', '51.222.204.155, 51.222.204.0/99');
			expect(answer.status).toBe(500);
			expect(answer.json.error).toMatch(
				/Allowed IPs option holds entries that are not addresses or ranges/,
			);
			expect(answer.json.error).not.toContain('51.222.204');
			expect(answer.logs.join('\n')).toContain('entries not understood: 51.222.204.0/99');
		});

		it('allows any sender when the option is empty', async () => {
			expect((await send('203.0.113.7', '')).status).toBe(200);
		});
	},
);
