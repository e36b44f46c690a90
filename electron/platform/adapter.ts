// The console's side of the provincial platform (DOMAIN G5, G7). Real platforms publish no API, so this
// interface is what a province-specific adapter implements; `reference.ts` speaks to the reference
// platform in scripts/platform. Adapters move bytes and statements; they decide nothing: the sync
// engine verifies every statement against the pinned platform key before it believes it.

export interface PlatformInfo {
  protocol: string;
  name: string;
  /** the platform's Ed25519 public key, raw 32 bytes base64 */
  publicKey: string;
  /** SHA-256 of the raw public key, hex */
  fingerprint: string;
}

/** Canonical JSON the platform signed, with its Ed25519 signature (base64). */
export interface SignedStatement {
  statement: string;
  signature: string;
}

export interface PackageToSend {
  hash: string;
  /** the canonical bytes exactly as sealed */
  body: string;
  /** the site's signature over `body` */
  signature: string;
  /** a tus upload URL from an earlier attempt: the upload resumes there */
  uploadUrl: string | null;
}

export interface UploadHooks {
  /** the upload has a URL: store it so the next attempt resumes instead of starting over */
  onUploadUrl(url: string): void;
  /** the platform has confirmed `accepted` of `total` bytes */
  onProgress(accepted: number, total: number): void;
  /** every byte is on the platform; the receipt is next */
  onDelivered(): void;
}

export interface PackageStatus {
  hash: string;
  found: boolean;
  statements: SignedStatement[];
}

/**
 * Why a call failed: retryable (network, 5xx, timeout) or not (the platform refused the request).
 * The message is technical detail (English, for logs and the sync page's "last failure" line).
 */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** a statement the platform signed about the refusal (an invalid package), when it sent one */
    readonly statement?: SignedStatement,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

export interface PlatformAdapter {
  info(): Promise<PlatformInfo>;
  /** the batch plan as the plan issue's JSON document (for the plan import to wire in) */
  downloadPlan(planCode: string): Promise<unknown>;
  /** uploads (resuming when it can) and commits; resolves with the platform's signed receipt */
  uploadPackage(pkg: PackageToSend, hooks: UploadHooks): Promise<SignedStatement>;
  pollStatus(hashes: string[]): Promise<PackageStatus[]>;
  /** records the platform returns for correction (G7) */
  fetchCorrections(): Promise<SignedStatement[]>;
}
