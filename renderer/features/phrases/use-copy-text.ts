import { useEffect, useRef, useState } from 'react';

/** How long "copied" (or "could not copy") shows next to the button. */
const FEEDBACK_MS = 2_000;

export interface CopyText {
  /** The key of the last copy and how it went, while its feedback shows. */
  last: { key: string; ok: boolean } | null;
  copy(key: string, text: string): void;
}

/** Copies text to the system clipboard (navigator.clipboard), and says for a moment whether it worked. */
export function useCopyText(): CopyText {
  const [last, setLast] = useState<CopyText['last']>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = (key: string, ok: boolean) => {
    setLast({ key, ok });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setLast(null), FEEDBACK_MS);
  };
  return {
    last,
    copy: (key, text) => {
      // No clipboard (an insecure origin, a permission refused): say so rather than pretend.
      const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
      if (!clipboard) {
        show(key, false);
        return;
      }
      clipboard.writeText(text).then(
        () => show(key, true),
        () => show(key, false),
      );
    },
  };
}
