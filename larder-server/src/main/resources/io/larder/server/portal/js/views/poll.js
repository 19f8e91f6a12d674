/**
 * Runs task now and then every periodMillis after it finished (so calls never overlap), until the
 * returned function is called. Failures go to onError and polling goes on.
 */
export function poll(periodMillis, task, onError) {
  let stopped = false;
  let timer = null;
  const run = async () => {
    try {
      await task();
    } catch (e) {
      if (!stopped && onError) onError(e);
    }
    if (!stopped) timer = setTimeout(run, periodMillis);
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
