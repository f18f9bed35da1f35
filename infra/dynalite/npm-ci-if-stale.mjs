// Runs `npm ci` here unless node_modules already matches package-lock.json, so incremental builds stay fast.
// The Maven build of infra/dynalite calls it (exec-maven-plugin, generate-resources).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`error: dynalite needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}
const lockHash = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
// The stamp holds the hash of the lockfile node_modules was installed from; npm ci deletes it with node_modules.
const stamp = join(here, 'node_modules', '.articles-lockfile.sha256');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash
    && existsSync(join(here, 'node_modules', 'dynalite', 'cli.js'))) {
  console.log('infra/dynalite/node_modules is up to date with package-lock.json');
  process.exit(0);
}
const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
if (npm.error || npm.status !== 0) {
  console.error('error: `npm ci` failed in ' + here + (npm.error ? ': ' + npm.error.message : ''));
  process.exit(npm.status || 1);
}
writeFileSync(stamp, lockHash);
