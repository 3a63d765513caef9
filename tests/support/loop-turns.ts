/**
 * Runs `work` and counts the event loop's turns meanwhile: work that holds
 * the loop (a long synchronous stretch) leaves few or none.
 */
export async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let running = true;
  const count = () => {
    turns++;
    if (running) setImmediate(count);
  };
  setImmediate(count);
  try {
    return { value: await work(), turns };
  } finally {
    running = false;
  }
}
