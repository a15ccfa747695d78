// The engine's JSON answers on their way back to the build: `docker images`, `docker inspect`,
// and the progress streams of push, pull and build (one JSON message per line), with every
// `<alias>/...` shown as the ECR name the build wrote. A line is passed on as soon as it is
// complete, so progress streams stay live; a JSON message never holds a raw line break.
import { Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { EcrNames } from './ecr-names.js';

/** A stream that rewrites each complete line of a JSON answer and passes it on at once. */
export function answerLines(names: EcrNames): Transform {
  let pending = '';
  // A character split between two chunks is decoded once whole.
  const decoder = new StringDecoder('utf8');
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const text = pending + decoder.write(chunk);
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        pending = text;
        return done();
      }
      pending = text.slice(end + 1);
      done(null, names.outbound(text.slice(0, end + 1)));
    },
    flush(done: TransformCallback) {
      const rest = pending + decoder.end();
      done(null, rest ? names.outbound(rest) : undefined);
    },
  });
}
