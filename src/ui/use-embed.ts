import { useEffect, useRef, useState } from 'react';
import { startEmbedBridge, type Bridge, type Reply } from '../embed/bridge.ts';
import { isEmbedded } from '../embed/embed-mode.ts';
import { loadAllowedOrigins } from '../embed/load-config.ts';
import type { Language } from './i18n.ts';
import type { AnalysisChoices, Job, RunOutcome } from './use-analysis.ts';

interface EmbedDeps {
  readonly job: Job;
  readonly analyzeFile: (file: Blob, fileName: string, choices?: AnalysisChoices) => Promise<RunOutcome>;
  readonly setLanguage: (language: Language) => void;
  readonly setPanels: (panels: readonly string[]) => void;
}

/**
 * In an iframe: answers the host page's analyze and configure messages, forwards progress, and
 * reports the content height. Results of files the user dropped are only sent when the user asks
 * (`share`). Outside an iframe it does nothing.
 */
export function useEmbed({ job, analyzeFile, setLanguage, setPanels }: EmbedDeps): { bridge: Bridge | null } {
  const [bridge, setBridge] = useState<Bridge | null>(null);
  // The host's request being answered, and the start of its job (the first to run after it).
  const replyRef = useRef<{ reply: Reply; startedAt?: number } | null>(null);
  const analyzeRef = useRef(analyzeFile);
  const jobRef = useRef(job);
  useEffect(() => {
    analyzeRef.current = analyzeFile;
  }, [analyzeFile]);

  useEffect(() => {
    if (!isEmbedded(window)) return undefined;
    let started: Bridge | undefined;
    let isActive = true;
    void loadAllowedOrigins(document.baseURI).then((origins) => {
      if (!isActive) return;
      started = startEmbedBridge(window, origins, {
        // A file the user dropped is being analysed: the host waits (BUSY) rather than cancelling it.
        isBusy: () => jobRef.current.kind === 'running' && replyRef.current === null,
        onAnalyze: (request, reply) => {
          replyRef.current = { reply };
          if (request.options.language !== undefined) setLanguage(request.options.language);
          const { ingest, analysis } = request.options;
          void analyzeRef.current(request.data, request.name, { ingest, ...analysis }).then((outcome) => {
            replyRef.current = null;
            if (outcome.ok) reply.result(outcome.report);
            else reply.error(outcome.error.code, outcome.error.message);
          });
        },
        onConfigure: (message) => {
          if (message.language !== undefined) setLanguage(message.language);
          if (message.theme !== undefined) document.documentElement.dataset.theme = message.theme;
          if (message.panels !== undefined) setPanels(message.panels);
        },
      });
      setBridge(started);
      const observer = new ResizeObserver(() => started?.resize(document.documentElement.scrollHeight));
      observer.observe(document.body);
    });
    return () => {
      isActive = false;
      started?.stop();
    };
  }, [setLanguage, setPanels]);

  useEffect(() => {
    jobRef.current = job;
    const host = replyRef.current;
    if (job.kind !== 'running' || host === null) return;
    host.startedAt ??= job.startedAt;
    // Only the host's own job: a file the user drops meanwhile cancels it and must not report under its id.
    if (job.startedAt === host.startedAt) host.reply.progress(job.stage, job.fraction);
  }, [job]);

  return { bridge };
}
