/**
 * Faults of the machine, not of the content: no browser, a browser that died or froze, an
 * output folder that cannot be written. The CLI prints them as one line and exits 2, never 1
 * (which tells CI the content has problems).
 */
export class MachineFault extends Error {}

/** A file-system error while writing `target`, in words. */
export function writeFault(error: unknown, target: string): MachineFault {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied'
        : code === 'EEXIST' || code === 'ENOTDIR'
          ? 'a file stands where a folder is needed'
          : code === 'ENOENT'
            ? 'the folder does not exist and cannot be made there'
            : code === 'EISDIR'
              ? 'a folder stands where the edition goes'
              : ((error as Error).message ?? String(error))
  return new MachineFault(`Cannot write \`${target}\`: ${reason}`)
}
