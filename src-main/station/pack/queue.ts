// The bench's inputs one at a time, in arrival order: a scan waits for the core's answer to the
// one before it. `settle` runs after each (journal, tell the screens) and gives the result.
export class InputQueue<R> {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly settle: (failure: Error | null) => R) {}

  run(fn: () => Promise<void> | void): Promise<R> {
    const next = this.chain.then(async () => {
      let failure: Error | null = null;
      try {
        await fn();
      } catch (e) {
        failure = e as Error;
      }
      return this.settle(failure);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
