/** A worker process for the crash test: delivers what is due through SMTP_URL, then exits. */
import { hostname } from "node:os";
import { db, disconnectDb } from "@/lib/db/client";
import { deliverDueNotifications } from "@/lib/notify/deliver-notifications";

await deliverDueNotifications(db, { workerId: `${hostname()}:${process.pid}` });
await disconnectDb();
