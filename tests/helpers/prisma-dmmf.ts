// Reads the Prisma schema's DMMF (the parsed data model) without any Prisma engine binary.
//
// Prisma 7 no longer publishes @prisma/prisma-schema-wasm as a separate dependency: the CLI bundles its
// JavaScript glue into build/cli.js and ships the WebAssembly module next to it
// (node_modules/prisma/build/prisma_schema_build_bg.wasm). This file instantiates that same module with a
// minimal wasm-bindgen glue so the tests read the schema exactly as the installed Prisma parses it.
// The glue needs only four imports, matched by their stable name prefix (wasm-bindgen suffixes a hash);
// if a Prisma upgrade changes that ABI, loading fails loudly here rather than comparing a wrong model.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface DmmfField {
  name: string;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  type: string;
  /** e.g. ["Char", ["2"]] for `@db.Char(2)`; absent when the field has no native type attribute. */
  nativeType?: [string, string[]] | null;
  dbName: string | null;
  hasDefaultValue: boolean;
  default?: unknown;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  /** Absent when the schema relies on Prisma's default referential action. */
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
  uniqueFields: string[][];
  uniqueIndexes: { name: string | null; fields: string[] }[];
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}

export interface DmmfIndex {
  model: string;
  type: "id" | "normal" | "unique" | "fulltext";
  isDefinedOnField: boolean;
  /** The `map:` name; absent when Prisma's default constraint name applies. */
  dbName?: string | null;
  name?: string | null;
  /** e.g. "Hash" for `type: Hash`; absent for the default B-tree. */
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc"; length?: number; operatorClass?: string }[];
}

export interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: DmmfEnum[];
    indexes: DmmfIndex[];
  };
}

interface SchemaWasmExports {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __externref_table_dealloc(index: number): void;
  __wbindgen_start(): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}

const require = createRequire(import.meta.url);
const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
const encoder = new TextEncoder();

let instance: SchemaWasmExports | null = null;
let lastPanicMessage: string | null = null;

function loadSchemaWasm(): SchemaWasmExports {
  if (instance) return instance;
  const wasmPath = path.join(
    path.dirname(require.resolve("prisma/package.json")),
    "build",
    "prisma_schema_build_bg.wasm",
  );
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));

  // The imports below call back into the instance, which exists only once they have been handed over.
  const loaded: { exports?: SchemaWasmExports } = {};
  const readString = (ptr: number, len: number) => {
    if (!loaded.exports) throw new Error("prisma schema wasm used before it was instantiated");
    return decoder.decode(new Uint8Array(loaded.exports.memory.buffer, ptr >>> 0, len));
  };
  const importsByPrefix: [string, (...args: number[]) => unknown][] = [
    [
      "__wbg_set_message_",
      (ptr, len) => {
        // A Rust panic message; the panic itself surfaces as a WebAssembly trap right after.
        lastPanicMessage = readString(ptr, len);
      },
    ],
    ["__wbg_Error_", (ptr, len) => new Error(readString(ptr, len))],
    [
      "__wbg___wbindgen_throw_",
      (ptr, len) => {
        throw new Error(readString(ptr, len));
      },
    ],
    [
      "__wbindgen_init_externref_table",
      () => {
        const table = loaded.exports!.__wbindgen_externrefs;
        const offset = table.grow(4);
        table.set(0, undefined);
        table.set(offset + 0, undefined);
        table.set(offset + 1, null);
        table.set(offset + 2, true);
        table.set(offset + 3, false);
      },
    ],
  ];
  const placeholder: Record<string, (...args: number[]) => unknown> = {};
  for (const imported of WebAssembly.Module.imports(wasmModule)) {
    const match = importsByPrefix.find(([prefix]) => imported.name.startsWith(prefix));
    if (imported.module !== "__wbindgen_placeholder__" || !match) {
      throw new Error(
        `prisma schema wasm needs an unknown import ${imported.module}.${imported.name}: update tests/helpers/prisma-dmmf.ts`,
      );
    }
    placeholder[imported.name] = match[1];
  }
  const exports = new WebAssembly.Instance(wasmModule, { __wbindgen_placeholder__: placeholder })
    .exports as unknown as SchemaWasmExports;
  loaded.exports = exports;
  exports.__wbindgen_start();
  instance = exports;
  return exports;
}

/** The DMMF of a Prisma schema source, as `prisma generate` sees it. Throws Prisma's validation errors. */
export function getDmmf(prismaSchema: string): Dmmf {
  const wasm = loadSchemaWasm();
  const input = encoder.encode(JSON.stringify({ prismaSchema, noColor: true }));
  const inputPtr = wasm.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer, inputPtr, input.length).set(input);
  // Multi-value return: [result ptr, result len, error externref index, is error]. The callee owns the input.
  let result: [number, number, number, number];
  lastPanicMessage = null;
  try {
    result = wasm.get_dmmf(inputPtr, input.length);
  } catch (error) {
    // A panic leaves the module's memory in an unknown state: start afresh next time.
    instance = null;
    // Set by the panic hook during the call, which TypeScript's flow analysis cannot see.
    const panic = lastPanicMessage as string | null;
    if (panic) throw new Error(`prisma schema wasm panicked: ${panic}`, { cause: error });
    throw error;
  }
  const [resultPtr, resultLen, errorIndex, isError] = result;
  if (isError) {
    const error: unknown = wasm.__wbindgen_externrefs.get(errorIndex);
    wasm.__externref_table_dealloc(errorIndex);
    throw schemaError(error);
  }
  try {
    return JSON.parse(decoder.decode(new Uint8Array(wasm.memory.buffer, resultPtr >>> 0, resultLen))) as Dmmf;
  } finally {
    wasm.__wbindgen_free(resultPtr, resultLen, 1);
  }
}

/** Prisma reports validation errors as JSON ({ error_code, message }); keep only the readable message. */
function schemaError(error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(text) as { error_code?: string; message?: string };
    if (parsed.message) return new Error(`${parsed.error_code ?? "Prisma schema error"}: ${parsed.message}`);
  } catch {
    // Not JSON: report it as it came.
  }
  return error instanceof Error ? error : new Error(text);
}

/** The DMMF of the project's prisma/schema.prisma. */
export function getProjectDmmf(): Dmmf {
  const schemaPath = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
  return getDmmf(readFileSync(schemaPath, "utf8"));
}
