import { parseConfig, ConfigError } from '../config';
import { createJsonLogger } from '../logger';
import { createNodeDeps } from './node-deps';
import { runCli } from '../cli/run-cli';

async function readStdin(prompt?: string): Promise<string> {
  if (process.stdin.isTTY && prompt) process.stderr.write(prompt);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `npm run companion -- <command>`: the operator's CLI, on the same DATA_DIR as a running server. */
async function main() {
  process.umask(0o077);
  const config = parseConfig(process.env);
  const logger = createJsonLogger((line) => process.stderr.write(`${line}\n`), config.logLevel === 'info' ? 'warn' : config.logLevel);
  const { deps, close } = await createNodeDeps(config, logger);
  try {
    process.exitCode = await runCli(deps, process.argv.slice(2), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      readStdin,
    });
  } finally {
    close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `companion: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
