// Server-sent events read from a fetch() body: the browser's EventSource cannot send the
// credential headers (X-Api-Key, Authorization) the API asks of every reader.

export type ServerSentEvent = { event: string; data: string; id?: string };

/**
 * The text/event-stream format (WHATWG HTML, "Parsing an event stream"), fed text as it arrives:
 * lines end in CR, LF or CRLF (a CRLF may be split across two chunks), `data` lines join with a
 * newline, comments (`:`) are skipped, and a blank line dispatches the event gathered so far.
 */
export class EventStreamParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  /** Takes the next piece of the stream and returns the events it completed, in order. */
  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk;
    const events: ServerSentEvent[] = [];
    for (;;) {
      const end = this.buffer.search(/[\r\n]/);
      // A CR at the very end may be the first half of a CRLF still in flight.
      if (end < 0 || (this.buffer[end] === '\r' && end === this.buffer.length - 1)) {
        return events;
      }

      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(this.buffer.startsWith('\r\n', end) ? end + 2 : end + 1);
      const event = this.line(line);
      if (event) {
        events.push(event);
      }
    }
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') {
      return this.dispatch();
    }

    if (line.startsWith(':')) {
      return null;
    }

    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(line.startsWith(' ', colon + 1) ? colon + 2 : colon + 1);
    if (field === 'event') {
      this.event = value;
    } else if (field === 'data') {
      this.data.push(value);
    } else if (field === 'id' && !value.includes('\0')) {
      this.id = value;
    }

    return null;
  }

  private dispatch(): ServerSentEvent | null {
    const event = this.data.length === 0 ? null : { event: this.event === '' ? 'message' : this.event, data: this.data.join('\n'), id: this.id };
    // The last event id outlives its event (it is what a reconnection resumes from); the rest does not.
    this.data = [];
    this.event = '';
    return event;
  }
}

/** The events of a response body as they arrive; ends when the body does. */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  // stream: true keeps a UTF-8 character split across two chunks whole.
  const decoder = new TextDecoder();
  const parser = new EventStreamParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return;
      }

      yield* parser.push(decoder.decode(value, { stream: true }));
    }
  } finally {
    // Leaving early (the page stopped following) closes the connection.
    await reader.cancel().catch(() => {});
  }
}
