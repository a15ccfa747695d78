// A page's live connection, read as the browser's EventSource reads it: `event:` and `data:`
// lines, an empty line ending each event.

/** One server-sent event. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/** An open event stream: the events so far, and a wait for one that matches. */
export interface EventStreamReader {
  events: StreamEvent[];
  /** The raw text received, every byte of it. */
  text(): string;
  waitFor(test: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

/** Opens `url` and reads its events until closed. */
export async function openEventStream(url: string): Promise<EventStreamReader> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const events: StreamEvent[] = [];
  let raw = '';
  let pending = '';
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      const text = decoder.decode(chunk, { stream: true });
      raw += text;
      pending += text;
      const blocks = pending.split('\n\n');
      pending = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) events.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
      }
    }
  })().catch(() => undefined);
  return {
    events,
    text: () => raw,
    waitFor: async (test, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(test);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such event in ${timeoutMs} ms; got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => controller.abort(),
  };
}
