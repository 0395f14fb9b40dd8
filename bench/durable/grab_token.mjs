// Not a durable SDK handler: it hands its invocation event (ARN + checkpoint token) to the benchmark
// through a file and stays in flight until the benchmark releases it, so the benchmark can drive
// CheckpointDurableExecution directly over HTTP with a live token.
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

export const handler = async (event) => {
  const dir = process.env.BENCH_DIR;
  await writeFile(`${dir}/event.tmp`, JSON.stringify(event));
  await rename(`${dir}/event.tmp`, `${dir}/event.json`);
  while (!existsSync(`${dir}/release`)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { Status: 'SUCCEEDED', Result: '"released"' };
};
