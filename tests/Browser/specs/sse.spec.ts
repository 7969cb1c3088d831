import { expect, test } from '@playwright/test';
import { EventStreamParser, readEvents, type ServerSentEvent } from '../../../src/Dashboard/src/sse';

// The dashboard's reader of server-sent events (src/Dashboard/src/sse.ts), run here in Node: it
// touches no DOM, and the live pages depend on it reading every way the format allows.

function parse(...chunks: string[]): ServerSentEvent[] {
  const parser = new EventStreamParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

test('an event is dispatched by the blank line after it, with its name, data and id', () => {
  expect(parse('event: leaderboard\nid: 7\ndata: {"members":3}\n\n')).toEqual([{ event: 'leaderboard', data: '{"members":3}', id: '7' }]);
  expect(parse('event: leaderboard\ndata: {}\n')).toEqual([]);
});

test('events split anywhere across chunks, and CRLF split between two of them, read the same', () => {
  const text = 'event: heartbeat\r\ndata: null\r\n\r\nevent: leaderboard\r\ndata: {"a":1}\r\n\r\n';
  const whole = parse(text);
  expect(whole).toEqual([{ event: 'heartbeat', data: 'null', id: undefined }, { event: 'leaderboard', data: '{"a":1}', id: undefined }]);
  for (let cut = 1; cut < text.length; cut += 1) {
    expect(parse(text.slice(0, cut), text.slice(cut))).toEqual(whole);
  }
});

test('data lines join with newlines, comments and unknown fields are skipped, and a lone CR ends a line', () => {
  expect(parse(': keep-alive\nretry: 5\ndata:first\ndata:  second\rfoo: bar\n\n')).toEqual([{ event: 'message', data: 'first\n second', id: undefined }]);
});

test('the last event id carries over to later events; an event without data is not dispatched', () => {
  expect(parse('id: 4\nevent: notification\n\nevent: notification\ndata: x\n\n')).toEqual([{ event: 'notification', data: 'x', id: '4' }]);
});

test('a response body is read into events, a UTF-8 character split across chunks included', async () => {
  const bytes = new TextEncoder().encode('event: leaderboard\ndata: {"name":"Ravi Kumar · ₹"}\n\n');
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // Cut inside the three bytes of ₹.
      const cut = bytes.length - 5;
      controller.enqueue(bytes.slice(0, cut));
      controller.enqueue(bytes.slice(cut));
      controller.close();
    },
  });
  const events: ServerSentEvent[] = [];
  for await (const event of readEvents(body)) {
    events.push(event);
  }

  expect(events).toEqual([{ event: 'leaderboard', data: '{"name":"Ravi Kumar · ₹"}', id: undefined }]);
});
