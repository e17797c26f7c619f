// Background jobs run on chrome.alarms (the worker may be gone between runs). A new job is one
// module exporting {name, periodInMinutes, run} plus one line here.
import { job as queueFlush } from "./queue-flush.js";
import { job as reminders } from "./reminders.js";

export const JOBS = [queueFlush, reminders];
