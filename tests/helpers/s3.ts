// A real S3 API server for one test file: s3rver (npm, S3's REST API over HTTP, objects stored in a temp
// directory) on a free port, with one bucket. The store talks to it through @aws-sdk/client-s3 exactly as it
// talks to S3 or any S3-compatible service (path-style URLs, signed requests: s3rver checks signatures with
// its fixed key pair S3RVER / S3RVER).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { createS3Client, type S3Config } from "@/lib/media/s3";
import { freePort } from "./ports";

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** S3_* variables that point the store at this server. */
  env: Record<string, string>;
  config: S3Config;
  /** Every key in the bucket. */
  keys(): Promise<string[]>;
  stop(): Promise<void>;
}

/** On `port` if given, else a free one. */
export async function startTestS3(bucket = "storefront-media", port?: number): Promise<TestS3> {
  const S3rver = createRequire(import.meta.url)("s3rver") as S3rverConstructor;
  const directory = mkdtempSync(path.join(os.tmpdir(), "storefront-s3-"));
  port ??= await freePort();
  const server = new S3rver({
    port,
    address: "127.0.0.1",
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    S3_BUCKET: bucket,
    S3_ENDPOINT: endpoint,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
  };
  const config: S3Config = {
    bucket,
    endpoint,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
    keyPrefix: "",
  };
  const client = createS3Client(config);
  return {
    endpoint,
    bucket,
    env,
    config,
    async keys() {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    async stop() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
