// One HTTP exchange over an undici Pool with a hard per-call timeout; the body is read and parsed here.
import type { Dispatcher, Pool } from 'undici';
import { AppError } from '../errors/app-error';
import { classify } from '../errors/classify';
import type { HttpMethod } from './types';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface TransportRequest {
  method: HttpMethod;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{"]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function send(pool: Pool, req: TransportRequest): Promise<RawResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  try {
    const res = await pool.request({
      method: req.method,
      path: req.path,
      headers: req.headers,
      body: req.body ?? null,
      signal: controller.signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const text = await res.body.text();
    const headers = flattenHeaders(res.headers);
    return { status: res.statusCode, headers, body: parseBody(text, headers['content-type']) };
  } catch (err) {
    if (timedOut) throw new AppError('HTTP_TIMEOUT', `No complete answer within ${req.timeoutMs} ms`, { cause: err });
    throw classify(err);
  } finally {
    clearTimeout(timer);
  }
}
