import { UnreadableWorkbook } from '../../customers/import/xlsx';
import { ZipError } from '../../customers/import/zip';

/** A running import whose heartbeat is older than this lost its process. */
export const importHeartbeatMs = 60_000;

/**
 * Why an import stopped, for the person who ran it: a broken file says what is broken; anything
 * else points to the server log without showing internals. Batches already committed stay, so the
 * message names the last row read.
 */
export function importFailureMessage(err: unknown, lastRow: number, zh: boolean, logTag: string): string {
  const reason =
    err instanceof UnreadableWorkbook || err instanceof ZipError
      ? err.message.slice(0, 500)
      : zh
        ? `服务器内部错误（日志标记 ${logTag}）`
        : `an internal error (server log: ${logTag})`;
  return zh ? `读到第 ${lastRow} 行后停止：${reason}` : `Stopped after row ${lastRow}: ${reason}`;
}

export const interruptedMessage = 'The server stopped during the import';
