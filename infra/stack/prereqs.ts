// Checks the machine has what the stack needs, failing within seconds with what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

export class StackError extends Error {
  override name = 'StackError';
}

function majorOf(java: string): number | undefined {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  return m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : undefined;
}

export function javaMajor(): number {
  const major = majorOf('java');
  if (major === undefined) {
    throw new StackError('Java 17+ not found on PATH — install it: apt-get install -y openjdk-17-jre-headless');
  }
  if (major < 17) {
    throw new StackError(
      `Java ${major} found, Java 17+ needed — install it: apt-get install -y openjdk-17-jre-headless`,
    );
  }
  return major;
}

export function requireMaven(): void {
  const r = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new StackError('Apache Maven not found on PATH — install it: apt-get install -y maven');
  }
}

/**
 * A java binary of at least `min` for a JVM that needs a newer Java than the default one
 * (Apicurio Registry 3.3 is built for Java 21). Looks at APICURIO_JAVA_HOME, JAVA_HOME, the PATH java
 * and /usr/lib/jvm/*, newest first.
 */
export function findJava(
  min: number,
  env: NodeJS.ProcessEnv = process.env,
): { java: string; major: number } | undefined {
  const candidates: string[] = [];
  for (const home of [env.APICURIO_JAVA_HOME, env.JAVA_HOME]) if (home) candidates.push(resolve(home, 'bin/java'));
  candidates.push('java');
  if (existsSync('/usr/lib/jvm')) {
    for (const d of readdirSync('/usr/lib/jvm')) candidates.push(resolve('/usr/lib/jvm', d, 'bin/java'));
  }
  let best: { java: string; major: number } | undefined;
  for (const java of candidates) {
    if (java !== 'java' && !existsSync(java)) continue;
    const major = majorOf(java);
    if (major !== undefined && major >= min && (!best || major > best.major)) best = { java, major };
  }
  return best;
}

/** The java that runs the registry: Apicurio 3.x needs Java 21+, 2.6.x runs on 17. */
export function registryJava(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const min = version.startsWith('2.') ? 17 : 21;
  const found = findJava(min, env);
  if (!found) {
    throw new StackError(
      `Apicurio Registry ${version} needs Java ${min}+ and none was found (looked at APICURIO_JAVA_HOME, JAVA_HOME, PATH and /usr/lib/jvm). ` +
        'Install a JDK 21+ (e.g. Temurin) and set APICURIO_JAVA_HOME, or run the Java 17 line with APICURIO_VERSION=2.6.13.Final',
    );
  }
  return found.java;
}
