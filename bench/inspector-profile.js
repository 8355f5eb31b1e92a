'use strict';
// Records a CPU profile of a running Node.js process through its inspector, between start and a line on stdin.
//   node bench/inspector-profile.js <inspectorPort> <out.cpuprofile>
// Prints "profiling" once recording; writes the profile when stdin receives a line (or closes).
// Needs a Node.js with a global WebSocket (22+): bench/real-n8n.js runs it on n8n's Node 24.
const fs = require('node:fs');

async function main() {
	const [port, out] = process.argv.slice(2);
	const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
	const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error('cannot reach the inspector')), { once: true });
	});
	let nextId = 0;
	const waiting = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		if (message.id !== undefined && waiting.has(message.id)) {
			waiting.get(message.id)(message);
			waiting.delete(message.id);
		}
	});
	const send = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = ++nextId;
			waiting.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result)));
			socket.send(JSON.stringify({ id, method, params }));
		});

	await send('Profiler.enable');
	await send('Profiler.setSamplingInterval', { interval: 200 });
	await send('Profiler.start');
	process.stdout.write('profiling\n');
	await new Promise((resolve) => {
		process.stdin.once('data', resolve);
		process.stdin.once('end', resolve);
	});
	const { profile } = await send('Profiler.stop');
	fs.writeFileSync(out, JSON.stringify(profile));
	socket.close();
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
