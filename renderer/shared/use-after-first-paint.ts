import { startTransition, useEffect, useState } from 'react';

/**
 * False on a component's first render, true soon after, at low priority (a transition): the heavy
 * part of a view follows its first paint instead of delaying it, and anything urgent meanwhile
 * (the next snapshot, a ring) renders first.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  // Passive effects run after the commit, in a task of their own: the frame is painted by then.
  useEffect(() => startTransition(() => setPainted(true)), []);
  return painted;
}
