// Media in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, ...) through @aws-sdk/client-s3, chosen by
// S3_BUCKET. The store still serves the images itself at /media/... (same URLs as on disk, same headers,
// cacheable for a year since names are content hashes): no public bucket is needed, and a CDN in front of
// the store caches them like any other immutable response.
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { MediaObject, MediaStore } from "./media-store";

export interface S3Config {
  bucket: string;
  /** Absent: AWS's own endpoint for the region. */
  endpoint?: string;
  region: string;
  /** Absent: the SDK's default credential chain (instance role, AWS_* variables, ...). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** bucket in the path (MinIO and most S3-compatible servers) rather than in the host name. */
  forcePathStyle: boolean;
  /** Prepended to every key, so several stores can share a bucket. */
  keyPrefix: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** The bucket settings, or undefined when S3_BUCKET is not set (media stay on the local disk). */
export function s3ConfigFromEnv(env: Env = process.env): S3Config | undefined {
  const bucket = trimmed(env.S3_BUCKET);
  if (!bucket) return undefined;
  const endpoint = trimmed(env.S3_ENDPOINT);
  const pathStyle = trimmed(env.S3_FORCE_PATH_STYLE);
  const keyPrefix = trimmed(env.S3_PREFIX) ?? "";
  return {
    bucket,
    endpoint,
    region: trimmed(env.S3_REGION) ?? "us-east-1",
    accessKeyId: trimmed(env.S3_ACCESS_KEY_ID),
    secretAccessKey: trimmed(env.S3_SECRET_ACCESS_KEY),
    forcePathStyle: pathStyle ? /^(1|true|yes|on)$/i.test(pathStyle) : Boolean(endpoint),
    keyPrefix: keyPrefix && !keyPrefix.endsWith("/") ? `${keyPrefix}/` : keyPrefix,
  };
}

function notFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === "NotFound" || error.name === "NoSuchKey")
  );
}

export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    // Checksums only where S3 requires them: S3-compatible servers differ in the newer checksum headers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
}

export function s3MediaStore(config: S3Config, client: S3Client = createS3Client(config)): MediaStore {
  const Key = (key: string) => config.keyPrefix + key;
  const Bucket = config.bucket;
  return {
    kind: "s3",
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: Key(key) }));
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: Key(key),
          Body: bytes,
          ContentType: contentType,
          CacheControl: "public, max-age=31536000, immutable",
        }),
      );
    },
    async read(key, options): Promise<MediaObject | null> {
      try {
        if (!options.body) {
          const head = await client.send(new HeadObjectCommand({ Bucket, Key: Key(key) }));
          return {
            size: head.ContentLength ?? 0,
            lastModified: head.LastModified ?? new Date(0),
            etag: head.ETag ?? `"${key}"`,
          };
        }
        const object = await client.send(new GetObjectCommand({ Bucket, Key: Key(key) }));
        const body = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
        return {
          size: body.byteLength,
          lastModified: object.LastModified ?? new Date(0),
          etag: object.ETag ?? `"${key}"`,
          body,
        };
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
  };
}
