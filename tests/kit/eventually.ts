// Waits for something the hub does after answering (peer messages): polls a condition until it
// holds, and fails with the last value when it never does. Counts attempts, never asserts time.
export async function eventually<T>(probe: () => Promise<T>, holds: (v: T) => boolean, attempts = 120, pauseMs = 250): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < attempts; i++) {
    last = await probe();
    if (holds(last)) return last;
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  throw new Error(`condition never held; last value: ${JSON.stringify(last)}`);
}
