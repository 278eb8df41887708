// Fetches Kafka and Apicurio from Maven Central with mvn into a cache folder named by version.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StackSettings } from './settings';
import { StackError } from './prereqs';

const DEP_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

function mvn(args: string[], what: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('mvn', ['-B', '-q', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolvePromise();
      const unreachable = /UnknownHost|Could not transfer|Connection refused|Network is unreachable|timed out/i.test(
        out,
      );
      reject(
        new StackError(
          unreachable
            ? `Maven Central unreachable while fetching ${what}:\n${out.slice(-1500)}`
            : `mvn failed fetching ${what} (exit ${code}):\n${out.slice(-1500)}`,
        ),
      );
    });
  });
}

export function kafkaLibs(s: StackSettings): string {
  return resolve(s.cacheDir, `kafka-${s.kafkaVersion}`, 'libs');
}

export function apicurioHome(s: StackSettings): string {
  return resolve(s.cacheDir, `apicurio-${s.registryVersion}`);
}

export async function fetchKafka(s: StackSettings, log: (m: string) => void): Promise<string> {
  const libs = kafkaLibs(s);
  if (existsSync(libs) && readdirSync(libs).some((f) => f.startsWith('kafka_2.13-'))) return libs;
  log(`fetching Apache Kafka ${s.kafkaVersion} from Maven Central …`);
  const tmp = `${libs}.part`;
  rmSync(tmp, { recursive: true, force: true });
  const profile = s.kafkaLine === '3.9' ? 'kafka39' : 'kafka4';
  await mvn(
    [
      '-f',
      s.pom,
      '-P',
      profile,
      `-Dkafka.version=${s.kafkaVersion}`,
      `${DEP_PLUGIN}:copy-dependencies`,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${tmp}`,
    ],
    `Kafka ${s.kafkaVersion}`,
  );
  renameSync(tmp, libs);
  log(`fetched Apache Kafka ${s.kafkaVersion} (${readdirSync(libs).length} jars) into ${libs}`);
  return libs;
}

/** The jar that starts Apicurio: quarkus-run.jar (3.3+), quarkus-app/quarkus-run.jar (3.1.5–3.2) or *-runner.jar (2.x–3.1.4). */
export function launcherJar(home: string): string | undefined {
  for (const p of ['quarkus-run.jar', 'quarkus-app/quarkus-run.jar'])
    if (existsSync(resolve(home, p))) return resolve(home, p);
  if (!existsSync(home)) return undefined;
  const runner = readdirSync(home).find((f) => f.endsWith('-runner.jar'));
  return runner ? resolve(home, runner) : undefined;
}

export async function fetchApicurio(s: StackSettings, log: (m: string) => void): Promise<string> {
  const home = apicurioHome(s);
  if (launcherJar(home)) return home;
  log(`fetching Apicurio Registry ${s.registryVersion} from Maven Central …`);
  const dl = resolve(s.cacheDir, 'downloads');
  mkdirSync(dl, { recursive: true });
  await mvn(
    [
      `${DEP_PLUGIN}:copy`,
      `-Dartifact=io.apicurio:apicurio-registry-app:${s.registryVersion}:tar.gz:all`,
      `-DoutputDirectory=${dl}`,
    ],
    `Apicurio Registry ${s.registryVersion}`,
  );
  const tgz = resolve(dl, `apicurio-registry-app-${s.registryVersion}-all.tar.gz`);
  const tmp = `${home}.part`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await new Promise<void>((ok, fail) => {
    const tar = spawn('tar', ['-xzf', tgz, '-C', tmp], { stdio: 'inherit' });
    tar.on('error', fail);
    tar.on('close', (code) => (code === 0 ? ok() : fail(new StackError(`tar failed extracting ${tgz}`))));
  });
  if (!launcherJar(tmp)) {
    throw new StackError(`Apicurio ${s.registryVersion} archive has no launcher jar (quarkus-run.jar or *-runner.jar)`);
  }
  renameSync(tmp, home);
  rmSync(tgz, { force: true });
  log(`fetched Apicurio Registry ${s.registryVersion} into ${home}`);
  return home;
}
