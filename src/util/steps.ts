/**
 * Timing a run of steps: each call reports how long since the previous one (or since the
 * clock was made), for `FOLIO_TIMINGS=1` and `npm run bench`.
 */
export function stepClock(onStep: ((step: string, milliseconds: number) => void) | undefined): (step: string) => void {
  let clock = performance.now()
  return (step) => {
    const now = performance.now()
    onStep?.(step, now - clock)
    clock = now
  }
}
