/** Starts the product exactly as `npm start` does, on a data directory of its own, emptied first. */
import { rmSync } from "node:fs";
import path from "node:path";

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data/e2e");
rmSync(dataDir, { recursive: true, force: true });
await import("../../scripts/start.ts");
