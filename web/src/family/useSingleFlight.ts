// Runs a submission at most once at a time. A ref as well as state: the second click of a double
// click arrives before React re-renders the disabled button.
import { useRef, useState } from 'react';

export function useSingleFlight(): [boolean, (work: () => Promise<void>) => Promise<void>] {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      await work();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return [busy, run];
}
