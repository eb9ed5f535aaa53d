/**
 * What must not outlive an interrupted build (the browser's processes and profile, files
 * half written): each owner registers a synchronous undo while the thing exists, and the
 * CLI runs them all when a signal or a fault ends the process early.
 */
const tasks = new Set<() => void>()

/** Register `task`; the returned function unregisters it (call it once the thing is gone). */
export function onInterrupt(task: () => void): () => void {
  tasks.add(task)
  return () => tasks.delete(task)
}

/** Run every registered task once, newest first, whatever each one throws. */
export function runInterruptTasks(): void {
  for (const task of [...tasks].reverse()) {
    tasks.delete(task)
    try {
      task()
    } catch {
      // Best effort: the process is ending and the next task must still run.
    }
  }
}
