/*
 * The iframe side of the embed protocol: READY to every allowed host origin, then analyze and
 * configure requests from the parent window only, from exact allowed origins only. Replies name
 * the requesting origin; nothing is ever posted to '*'. One analysis at a time: a host flooding
 * requests gets BUSY answers instead of a queue that grows without bound.
 */
import {
  invalidRequest,
  parseHostMessage,
  PROTOCOL_VERSION,
  type AppMessage,
  type HostMessage,
  type RequestId,
} from './protocol.ts';

type AnalyzeRequest = Extract<HostMessage, { type: 'smartdata:analyze' }>;
type ConfigureRequest = Extract<HostMessage, { type: 'smartdata:configure' }>;

/** Answers for one analyze request, all addressed to the origin that asked. */
export interface Reply {
  progress(stage: string, fraction: number): void;
  result(report: Extract<AppMessage, { type: 'smartdata:result' }>['report']): void;
  error(code: string, message: string): void;
}

export interface BridgeHandlers {
  /** Runs the analysis; must end with exactly one `reply.result` or `reply.error`. */
  readonly onAnalyze: (request: AnalyzeRequest, reply: Reply) => void;
  readonly onConfigure?: (request: ConfigureRequest) => void;
  /** True while the frame runs an analysis of its own (a file the user dropped): requests get BUSY. */
  readonly isBusy?: () => boolean;
}

export interface EmbedWindow {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface Bridge {
  /** Tells every allowed host the content height (for auto-height iframes). */
  resize(height: number): void;
  /** The host origin results may be shared with (the last allowed origin that wrote to us), if any. */
  shareTarget(): string | undefined;
  /** Sends the report of a file the user dropped, after the user consented in the frame. */
  share(id: RequestId, report: Extract<AppMessage, { type: 'smartdata:result' }>['report']): boolean;
  stop(): void;
}

/** Starts listening and announces READY. Messages from other origins or windows are ignored. */
export function startEmbedBridge(
  win: EmbedWindow,
  allowedOrigins: ReadonlySet<string>,
  handlers: BridgeHandlers,
): Bridge {
  let busy = false;
  let lastHost: string | undefined;
  const post = (message: AppMessage, origin: string): void => win.parent.postMessage(message, origin);
  const broadcast = (message: AppMessage): void => {
    for (const origin of allowedOrigins) post(message, origin);
  };
  const replyTo = (origin: string, id: RequestId): Reply => ({
    progress: (stage, fraction) =>
      post({ type: 'smartdata:progress', v: PROTOCOL_VERSION, id, stage, fraction }, origin),
    result: (report) => {
      busy = false;
      post({ type: 'smartdata:result', v: PROTOCOL_VERSION, id, report }, origin);
    },
    error: (code, message) => {
      busy = false;
      post({ type: 'smartdata:error', v: PROTOCOL_VERSION, id, code, message }, origin);
    },
  });
  const onMessage = (event: MessageEvent): void => {
    if (event.source !== (win.parent as unknown) || !allowedOrigins.has(event.origin)) return;
    const message = parseHostMessage(event.data);
    if (message === undefined) {
      // A v1 analyze request with an id gets told what is wrong; anything else stays unanswered.
      const invalid = invalidRequest(event.data);
      if (invalid !== undefined) {
        const { id, reason } = invalid;
        post(
          { type: 'smartdata:error', v: PROTOCOL_VERSION, id, code: 'INVALID_REQUEST', message: reason },
          event.origin,
        );
      }
      return;
    }
    lastHost = event.origin;
    if (message.type === 'smartdata:configure') {
      handlers.onConfigure?.(message);
      return;
    }
    const reply = replyTo(event.origin, message.id);
    if (busy || handlers.isBusy?.() === true) {
      post(
        {
          type: 'smartdata:error',
          v: PROTOCOL_VERSION,
          id: message.id,
          code: 'BUSY',
          message: 'Another analysis is running.',
        },
        event.origin,
      );
      return;
    }
    busy = true;
    handlers.onAnalyze(message, reply);
  };
  win.addEventListener('message', onMessage);
  broadcast({ type: 'smartdata:ready', v: PROTOCOL_VERSION });
  return {
    resize: (height) => broadcast({ type: 'smartdata:resize', v: PROTOCOL_VERSION, height: Math.ceil(height) }),
    shareTarget: () => lastHost,
    share: (id, report) => {
      if (lastHost === undefined) return false;
      post({ type: 'smartdata:result', v: PROTOCOL_VERSION, id, report }, lastHost);
      return true;
    },
    stop: () => win.removeEventListener('message', onMessage),
  };
}
