// What a place that keeps media bytes offers: the disk store (./store.ts) and the S3 store (./s3.ts) both
// implement it, and ./store.ts picks one from the environment.
export interface MediaObject {
  size: number;
  lastModified: Date;
  /** A quoted entity tag. */
  etag: string;
  /** Absent when only the metadata was asked for (HEAD, a conditional request). */
  body?: Uint8Array;
}

export interface MediaStore {
  readonly kind: "disk" | "s3";
  exists(key: string): Promise<boolean>;
  /** Writes the object whole: a reader never sees part of it. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object, or null when there is none (or the key names something that must not be served). */
  read(key: string, options: { body: boolean }): Promise<MediaObject | null>;
}
