/*
 * Files opened with the installed app from the operating system (manifest `file_handlers`) arrive
 * through the Launch Queue API; browsers without it simply never call back.
 */
interface LaunchParams {
  readonly files: readonly { getFile(): Promise<File> }[];
}

interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** Hands each launched file to `onFile`. Returns false where the Launch Queue API is missing. */
export function consumeLaunchQueue(win: Window, onFile: (file: File) => void): boolean {
  const queue = (win as Window & { launchQueue?: LaunchQueue }).launchQueue;
  if (queue === undefined) return false;
  queue.setConsumer((params) => {
    for (const handle of params.files) void handle.getFile().then(onFile);
  });
  return true;
}
