import { useEffect, useState } from 'react';

/**
 * Loads with `load` whenever `key` changes (null: nothing to load), keeping the newest answer;
 * an answer to an older key that arrives late is dropped. A failure goes to `onError`.
 */
export function useLoaded<T>(key: string | null, load: (key: string) => Promise<T>, onError: (error: unknown) => void): T | null {
  const [loaded, setLoaded] = useState<{ key: string; value: T } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    load(key).then(
      (value) => current && setLoaded({ key, value }),
      (error: unknown) => current && onError(error),
    );
    return () => {
      current = false;
    };
    // `load` and `onError` are made anew each render; the key says when to load again.
  }, [key]);
  return loaded?.key === key ? loaded.value : null;
}
