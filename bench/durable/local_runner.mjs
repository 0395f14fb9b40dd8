// Runs bench/durable's handler under the SDK testing package's LocalDurableTestRunner (in-process,
// real timers) with the same payloads lemu gets, and prints one `BENCH_RESULT {json}` line.
// Usage (from a directory holding node_modules, handler.mjs and this file):
//   node local_runner.mjs '{"runs":5,"warmup":2,"cases":{"ten":{"steps":10}}}'
import { LocalDurableTestRunner } from '@aws/durable-execution-sdk-js-testing';
import { handler } from './handler.mjs';

const spec = JSON.parse(process.argv[2]);

async function once(payload) {
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  const started = performance.now();
  const execution = await runner.run({ payload });
  const wall = performance.now() - started;
  if (execution.getStatus() !== 'SUCCEEDED') {
    throw new Error(`execution ended ${execution.getStatus()}: ${JSON.stringify(execution.getError())}`);
  }
  const invocations = execution.getInvocations().map((i) => i.endTimestamp - i.startTimestamp);
  return { wall, invocations };
}

await LocalDurableTestRunner.setupTestEnvironment({ skipTime: false });
const results = {};
for (const [name, payload] of Object.entries(spec.cases)) {
  for (let i = 0; i < (spec.warmup ?? 1); i++) {
    await once(payload);
  }
  results[name] = [];
  for (let i = 0; i < (spec.runs ?? 5); i++) {
    results[name].push(await once(payload));
  }
}
await LocalDurableTestRunner.teardownTestEnvironment();
console.log(`BENCH_RESULT ${JSON.stringify(results)}`);
