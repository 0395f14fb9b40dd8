// The benchmark's durable handler, run unchanged by lemu (as index.mjs of a nodejs20.x function) and by
// the SDK testing package's LocalDurableTestRunner. The event chooses the shape:
//   {steps: N}                                  N steps, no wait
//   {steps: N, waitSeconds: W, waitAfter: K}    a real W-second wait after the K-th step
import { withDurableExecution } from '@aws/durable-execution-sdk-js';

export const handler = withDurableExecution(async (event, ctx) => {
  let sum = 0;
  for (let i = 0; i < event.steps; i++) {
    if (event.waitSeconds && i === event.waitAfter) {
      await ctx.wait('pause', { seconds: event.waitSeconds });
    }
    sum += await ctx.step(`step-${i}`, async () => i);
  }
  if (event.waitSeconds && event.waitAfter >= event.steps) {
    await ctx.wait('pause', { seconds: event.waitSeconds });
  }
  return { steps: event.steps, sum };
});
