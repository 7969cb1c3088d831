import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { credentialSettings } from './credentials';
import { seed } from './seed';

export const repository = resolve(__dirname, '../../..');
export const artifacts = resolve(__dirname, '../artifacts');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Starts the embedded engine (one process, in memory) as the README does, in Production, on free ports, with the
 * test credentials in its environment; seeds it through the public API; and hands its address to
 * the tests. The build is scripts/test.sh's (or `dotnet build`'s): nothing is built here.
 */
export default async function setup(): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  const [http, silo, gateway] = [await freePort(), await freePort(), await freePort()];
  const url = `http://127.0.0.1:${http}`;
  const log = createWriteStream(join(artifacts, 'engine.log'));
  const engine = spawn('dotnet', [
    'run', '--project', join(repository, 'src/Api'), '-c', process.env.CONFIGURATION ?? 'Release', '--no-build', '--no-launch-profile', '--urls', url,
  ], {
    cwd: repository,
    // Its own process group, so that the teardown stops `dotnet run` and the engine it started together.
    detached: true,
    env: {
      ...process.env,
      ...credentialSettings(),
      // As operators run it: outside Development the dashboard's files came out empty to a browser once.
      ASPNETCORE_ENVIRONMENT: 'Production',
      Orleans__SiloPort: String(silo),
      Orleans__GatewayPort: String(gateway),
      Logging__LogLevel__Default: 'Warning',
      // A challenge an advisor completes with one upsell (seed.ts): a card with a challenge and no badge.
      'Program__League__Challenges__first-upsell__Name': 'First upsell of the month',
      'Program__League__Challenges__first-upsell__Metric': 'Upsell',
      'Program__League__Challenges__first-upsell__Count': '1',
      'Program__League__Challenges__first-upsell__Bonus': '100',
    },
  });
  engine.stdout.pipe(log);
  engine.stderr.pipe(log);
  process.env.PITSTOP_ENGINE_PID = String(engine.pid);
  process.env.PITSTOP_ENGINE_URL = url;

  try {
    await waitUntilReady(url, () => engine.exitCode);
    await seed();
  } catch (error) {
    process.kill(-engine.pid!, 'SIGTERM');
    throw error;
  }
}

async function waitUntilReady(url: string, exitCode: () => number | null): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exitCode() !== null) {
      throw new Error(`The engine exited with ${exitCode()}; see ${join(artifacts, 'engine.log')}`);
    }

    if (await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)) {
      return;
    }

    if (Date.now() > deadline) {
      throw new Error(`The engine was not ready within 90 s; see ${join(artifacts, 'engine.log')}`);
    }

    await new Promise((r) => setTimeout(r, 250));
  }
}
