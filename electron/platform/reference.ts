// The adapter for the reference platform (scripts/platform): tus for the bytes (tus-js-client, which
// resumes from a stored upload URL), then an idempotent commit keyed by the package hash.
import { DefaultHttpStack, Upload, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';
import { PlatformError, type PackageStatus, type PackageToSend, type PlatformAdapter, type PlatformInfo, type SignedStatement, type UploadHooks } from './adapter';

export interface ReferenceOptions {
  baseUrl: string;
  /** a reply slower than this counts as lost (the request may still have been applied) */
  timeoutMs: number;
  /** bytes per tus PATCH */
  chunkSize?: number;
}

/** tus-js-client has no timeout of its own; and a 5xx on HEAD must not throw the upload away. */
class GuardedHttpStack implements HttpStack {
  constructor(
    private readonly inner: HttpStack,
    private readonly timeoutMs: number,
  ) {}
  getName(): string {
    return 'GuardedHttpStack';
  }
  createRequest(method: string, url: string): HttpRequest {
    const req = this.inner.createRequest(method, url);
    const send = req.send.bind(req);
    const timeoutMs = this.timeoutMs;
    req.send = (body: unknown): Promise<HttpResponse> =>
      new Promise<HttpResponse>((resolve, reject) => {
        const timer = setTimeout(() => {
          void req.abort();
          reject(new Error(`timeout after ${timeoutMs} ms (${method})`));
        }, timeoutMs);
        send(body).then(
          (res) => {
            clearTimeout(timer);
            // tus-js-client starts a new upload when HEAD fails; on a 5xx we would rather resume later
            if (method === 'HEAD' && res.getStatus() >= 500) reject(new Error(`HEAD ${res.getStatus()}`));
            else resolve(res);
          },
          (e: unknown) => {
            clearTimeout(timer);
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      });
    return req;
  }
}

function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 423 || status === 429;
}

export class ReferencePlatform implements PlatformAdapter {
  private readonly base: string;
  constructor(private readonly opts: ReferenceOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
  }

  private async json(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (e) {
      throw new PlatformError(`${method} ${path}: ${(e as Error).name === 'TimeoutError' ? `timeout after ${this.opts.timeoutMs} ms` : ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message}`, true);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new PlatformError(`${method} ${path}: reply cut off (${(e as Error).message})`, true);
    }
    let data: Record<string, unknown> = {};
    try {
      data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      if (res.ok) throw new PlatformError(`${method} ${path}: reply is not JSON`, true);
    }
    return { status: res.status, data };
  }

  async info(): Promise<PlatformInfo> {
    const { status, data } = await this.json('GET', '/api/platform');
    if (status !== 200) throw new PlatformError(`platform info: HTTP ${status}`, retryable(status));
    return data as unknown as PlatformInfo;
  }

  async downloadPlan(planCode: string): Promise<unknown> {
    const { status, data } = await this.json('GET', `/api/plans/${encodeURIComponent(planCode)}`);
    if (status === 404) throw new PlatformError(`plan download: the platform has no plan ${planCode}`, false);
    if (status !== 200) throw new PlatformError(`plan download: HTTP ${status}`, retryable(status));
    return data;
  }

  /** tus upload from `uploadUrl` (or a new one); resolves with the final upload URL. */
  private upload(pkg: PackageToSend, uploadUrl: string | null, hooks: UploadHooks): Promise<string> {
    const bytes = Buffer.from(pkg.body, 'utf8');
    return new Promise<string>((resolve, reject) => {
      const upload = new Upload(bytes, {
        endpoint: `${this.base}/files/`,
        uploadUrl,
        metadata: { hash: pkg.hash, signature: pkg.signature, filename: `${pkg.hash}.json`, filetype: 'application/json' },
        chunkSize: this.opts.chunkSize ?? 1024 * 1024,
        // the engine retries with back-off on its injected clock; one try per attempt here
        retryDelays: null,
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: false,
        httpStack: new GuardedHttpStack(new DefaultHttpStack({}), this.opts.timeoutMs),
        onUploadUrlAvailable: () => {
          if (upload.url) hooks.onUploadUrl(upload.url);
        },
        onChunkComplete: (_chunk, accepted, total) => hooks.onProgress(accepted, total),
        onSuccess: () => resolve(upload.url!),
        onError: (e) => {
          const status = (e as { originalResponse?: HttpResponse | null }).originalResponse?.getStatus() ?? 0;
          reject(new PlatformError(`upload: ${e.message.split('\n')[0]}`, status === 0 || retryable(status)));
        },
      });
      upload.start();
    });
  }

  async uploadPackage(pkg: PackageToSend, hooks: UploadHooks): Promise<SignedStatement> {
    let uploadUrl = pkg.uploadUrl;
    // at most: resume, then (if the platform lost the upload) one fresh upload
    for (let round = 0; round < 2; round++) {
      uploadUrl = await this.upload(pkg, uploadUrl, hooks);
      hooks.onDelivered();
      const uploadId = new URL(uploadUrl).pathname.split('/').pop() ?? '';
      const { status, data } = await this.json('POST', '/api/packages/commit', { hash: pkg.hash, uploadId });
      if (status === 200) return { statement: String(data.statement), signature: String(data.signature) };
      if (status === 422) {
        const s = typeof data.statement === 'string' ? { statement: data.statement, signature: String(data.signature) } : undefined;
        throw new PlatformError('commit: the platform refused the package as invalid', false, s);
      }
      if (status === 404 || status === 409) {
        // the platform lost the upload (404: start over) or has fewer bytes than we thought (409: resume)
        if (status === 404) uploadUrl = null;
        continue;
      }
      throw new PlatformError(`commit: HTTP ${status}`, retryable(status));
    }
    throw new PlatformError('commit: the platform does not have the whole upload', true);
  }

  async pollStatus(hashes: string[]): Promise<PackageStatus[]> {
    if (hashes.length === 0) return [];
    const { status, data } = await this.json('POST', '/api/packages/status', { hashes });
    if (status !== 200) throw new PlatformError(`status: HTTP ${status}`, retryable(status));
    return (data.items ?? []) as PackageStatus[];
  }

  async fetchCorrections(): Promise<SignedStatement[]> {
    const { status, data } = await this.json('GET', '/api/corrections');
    if (status !== 200) throw new PlatformError(`corrections: HTTP ${status}`, retryable(status));
    return (data.items ?? []) as SignedStatement[];
  }
}
